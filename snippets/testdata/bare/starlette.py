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


# For content/4xx/416.md: a file route. FileResponse (as in StaticFiles)
# serves this app's own source, with Range support.
#
#     GET /source.py   FileResponse of this file
from starlette.responses import FileResponse  # noqa: E402


async def source(request):
    return FileResponse(__file__)


app.router.routes.append(Route("/source.py", source))
