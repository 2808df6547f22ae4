"""The bare ASGI app that the sent_by scenarios of "uvicorn" run against: it
answers every request with 200, so any other status comes from uvicorn (its
HTTP parser and limits) before the app is called.

    any method, any path   200 "hello"
    POST /upload           200 "hello", after reading the body (for 100, below)
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


# Added for 100 (content/1xx/100.md): POST /upload reads the request body
# before answering, so that the 100 Continue uvicorn sends when the app
# first asks for the body can be checked; every other request is answered
# without reading it, as above.
_answer = app


async def app(scope, receive, send):  # noqa: F811
    if scope["type"] == "http" and scope["method"] == "POST" and scope["path"] == "/upload":
        more = True
        while more:
            message = await receive()
            more = message.get("more_body", False)
    await _answer(scope, receive, send)
