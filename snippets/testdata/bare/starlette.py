"""The bare Starlette app that the sent_by scenarios of "starlette" run
against: ordinary routes, nothing written to send a particular status.

    GET /hello   PlainTextResponse "hello"
"""

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route


async def hello(request):
    return PlainTextResponse("hello\n")


app = Starlette(routes=[Route("/hello", hello)])
