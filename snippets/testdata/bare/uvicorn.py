"""The bare ASGI app that the sent_by scenarios of "uvicorn" run against: it
answers every request with 200, so any other status comes from uvicorn (its
HTTP parser and limits) before the app is called.

    any method, any path   200 "hello"
"""


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"hello\n"})
