"""Serves the FastAPI code examples for go test ./snippets.

    snippets/.venv/bin/python runner.py SPEC.json OUT

SPEC.json lists the snippets: {"snippets": [{"id", "file"}]}. Each snippet
file is the code example as written, imported as its own module, so Python's
line numbers are the snippet's. Every snippet's app gets its own uvicorn
server on a loopback port, all in this one process and event loop (uvloop
and httptools, as uvicorn picks them when installed), with its lifespan run
as uvicorn runs it.

OUT (the test passes /dev/fd/3) gets JSON lines: the versions; one line per
snippet with its port or the error that kept it from loading; {"ready":
true} once every port listens; then {"id", "raised"} for each exception that
escapes a snippet's app while the test sends the scenarios. The runner exits
when its standard input closes. The Go test is the HTTP client and makes the
assertions.
"""

import asyncio
import contextlib
import importlib.util
import json
import os
import socket
import sys
import traceback

out = None


def emit(obj):
    out.write(json.dumps(obj) + "\n")
    out.flush()


def error_of(path, exc):
    """The exception as text, with the innermost line in the snippet file."""
    name = os.path.basename(path)
    line = 0
    if isinstance(exc, SyntaxError) and exc.filename == path and exc.lineno:
        line = exc.lineno
    frames = []
    for fr in traceback.extract_tb(exc.__traceback__):
        if fr.filename == path:
            line = fr.lineno
            frames.append("%s:%d in %s" % (name, fr.lineno, fr.name))
    text = traceback.format_exception_only(type(exc), exc)[-1].strip()
    if isinstance(exc, SyntaxError) and exc.filename == path and exc.lineno:
        frames.append("%s:%d" % (name, exc.lineno))
    if frames:
        text += " (at " + ", ".join(frames[-1:]) + ")"
    return {"message": text, "line": line}


def load(sn):
    spec = importlib.util.spec_from_file_location(sn["id"], sn["file"])
    mod = importlib.util.module_from_spec(spec)
    sys.modules[sn["id"]] = mod
    spec.loader.exec_module(mod)
    return mod


def reporting(sid, path, app):
    """The app, reporting each exception that escapes it."""

    async def asgi(scope, receive, send):
        try:
            await app(scope, receive, send)
        except BaseException as exc:
            emit({"id": sid, "raised": error_of(path, exc)})
            raise

    return asgi


async def serve_all(snippets):
    import uvicorn
    from fastapi import FastAPI

    class Server(uvicorn.Server):
        # Many servers share this process: leave the signals alone; the
        # runner stops when its standard input closes.
        def capture_signals(self):
            return contextlib.nullcontext()

    started = []
    for sn in snippets:
        try:
            mod = load(sn)
        except BaseException as exc:  # SystemExit too: one snippet must not end the run
            emit({"id": sn["id"], "errors": [error_of(sn["file"], exc)]})
            continue
        app = getattr(mod, "app", None)
        # The bare apps of the sent_by scenarios (ids sentby_*) may be any
        # ASGI app: a Starlette one, or a raw one for uvicorn's own answers.
        bare = sn["id"].startswith("sentby_") and callable(app)
        if not bare and not isinstance(app, FastAPI):
            emit({"id": sn["id"], "errors": [{"message": "the module defines no app = FastAPI()", "line": 0}]})
            continue
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        config = uvicorn.Config(reporting(sn["id"], sn["file"], app), log_level="warning", access_log=False)
        server = Server(config)
        task = asyncio.create_task(server.serve(sockets=[sock]))
        started.append((sn, sock, server, task))
    for sn, sock, server, task in started:
        while not server.started and not task.done():
            await asyncio.sleep(0.01)
        if server.started:
            emit({"id": sn["id"], "port": sock.getsockname()[1], "errors": []})
        else:
            exc = task.exception() if not task.cancelled() else None
            msg = "uvicorn did not start the app (its startup failed)" if exc is None else error_of(sn["file"], exc)["message"]
            emit({"id": sn["id"], "errors": [{"message": msg, "line": 0}]})
    emit({"ready": True})
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


def main():
    global out
    spec_file, out_file = sys.argv[1:3]
    with open(spec_file, encoding="utf-8") as f:
        spec = json.load(f)
    out = open(out_file, "w", encoding="utf-8")
    import fastapi
    import pydantic
    import starlette
    import uvicorn

    emit({"versions": {
        "fastapi": fastapi.__version__,
        "pydantic": pydantic.VERSION,
        "starlette": starlette.__version__,
        "uvicorn": uvicorn.__version__,
    }})
    try:
        import uvloop
    except ImportError:
        asyncio.run(serve_all(spec["snippets"]))
    else:
        uvloop.run(serve_all(spec["snippets"]))
    os._exit(0)  # a snippet may have left threads behind


if __name__ == "__main__":
    main()
