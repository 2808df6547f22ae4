"""Runs the FastAPI code examples for go test ./snippets.

    /usr/bin/python3 runner.py SPEC.json RESULTS.jsonl

SPEC.json lists the snippets: {"snippets": [{"id", "file", "scenarios":
[{"method", "path", "headers": [[name, value]...], "body"}]}]}. Each snippet
file is the code example as written, imported as its own module, so Python's
line numbers are the snippet's. Its scenarios run in order through one
fastapi.testclient.TestClient (which runs the app's startup and shutdown).

RESULTS.jsonl gets one JSON line with the versions, then one line per snippet
as it finishes, so that a crash is pinned on the snippet that was running. The
assertions are made by the Go test, not here.
"""

import importlib.util
import json
import os
import sys
import traceback

BODY_LIMIT = 4096


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
        text += " (at " + ", ".join(frames) + ")"
    return {"message": text, "line": line}


def load(sn):
    spec = importlib.util.spec_from_file_location(sn["id"], sn["file"])
    mod = importlib.util.module_from_spec(spec)
    sys.modules[sn["id"]] = mod
    spec.loader.exec_module(mod)
    return mod


def run_snippet(sn, FastAPI, TestClient):
    result = {"id": sn["id"], "errors": [], "scenarios": []}
    try:
        mod = load(sn)
    except BaseException as exc:  # SystemExit too: one snippet must not end the run
        result["errors"].append(error_of(sn["file"], exc))
        return result
    app = getattr(mod, "app", None)
    if not isinstance(app, FastAPI):
        result["errors"].append({
            "message": "the module defines no app = FastAPI()",
            "line": 0,
        })
        return result
    try:
        client = TestClient(app, raise_server_exceptions=True)
        client.__enter__()
    except BaseException as exc:
        result["errors"].append(error_of(sn["file"], exc))
        return result
    try:
        for sc in sn["scenarios"]:
            r = {}
            headers = [(k, v) for k, v in sc["headers"] or []]
            content = sc["body"].encode() if sc["body"] else None
            if any(k.lower() == "transfer-encoding" and v.lower() == "chunked" for k, v in headers):
                # httpx sends an iterable body chunked, without Content-Length,
                # and sets Transfer-Encoding itself.
                headers = [(k, v) for k, v in headers if k.lower() != "transfer-encoding"]
                content = iter([content or b""])
            try:
                resp = client.request(
                    sc["method"],
                    sc["path"],
                    headers=headers,
                    content=content,
                    follow_redirects=False,
                )
                body = resp.content
                r = {
                    "status": resp.status_code,
                    "headers": [[k.decode("latin-1"), v.decode("latin-1")] for k, v in resp.headers.raw],
                    "body": body[:BODY_LIMIT].decode("utf-8", "replace"),
                    "body_len": len(body),
                }
            except BaseException as exc:
                e = error_of(sn["file"], exc)
                e["message"] = "the app raised " + e["message"]
                r = {"error": e}
            result["scenarios"].append(r)
    finally:
        try:
            client.__exit__(None, None, None)
        except BaseException as exc:
            result["errors"].append(error_of(sn["file"], exc))
    return result


def main():
    spec_file, out_file = sys.argv[1:3]
    with open(spec_file, encoding="utf-8") as f:
        spec = json.load(f)
    import fastapi
    import pydantic
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    with open(out_file, "w", encoding="utf-8") as out:
        def emit(obj):
            out.write(json.dumps(obj) + "\n")
            out.flush()

        emit({"versions": {"fastapi": fastapi.__version__, "pydantic": pydantic.VERSION}})
        for sn in spec["snippets"]:
            try:
                result = run_snippet(sn, FastAPI, TestClient)
            except BaseException as exc:
                result = {"id": sn["id"], "errors": [error_of(sn["file"], exc)], "scenarios": []}
            emit(result)
    print("ran %d FastAPI snippets" % len(spec["snippets"]), file=sys.stderr)
    os._exit(0)  # a snippet may have left threads behind


if __name__ == "__main__":
    main()
