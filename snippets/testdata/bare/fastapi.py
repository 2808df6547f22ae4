"""The bare FastAPI app that the sent_by scenarios of "fastapi" run against:
ordinary typed routes, nothing written to send a particular status.

    POST /items        a pydantic model {sku: str, quantity: int}, 201
    GET  /items/{id}   id: int, 200
    GET  /boom         an ordinary route with a bug: it looks up a key that is
                       not in the dict, so it raises a KeyError that no code of
                       the app catches
"""

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    sku: str
    quantity: int


@app.post("/items", status_code=201)
def create_item(item: Item) -> Item:
    return item


@app.get("/items/{item_id}")
def read_item(item_id: int) -> dict:
    return {"id": item_id}


stock: dict[str, int] = {}


@app.get("/boom")
def boom() -> dict:
    return {"in_stock": stock["BK-1042"]}


# Added for 401 (content/4xx/401.md): a route that takes HTTP Basic
# credentials through FastAPI's security helper, which answers a request
# that has none.
#
#     GET /me   HTTPBasic(realm="things"), returns the user name
from typing import Annotated  # noqa: E402

from fastapi import Depends  # noqa: E402
from fastapi.security import HTTPBasic, HTTPBasicCredentials  # noqa: E402

basic = HTTPBasic(realm="things")


@app.get("/me")
def read_me(credentials: Annotated[HTTPBasicCredentials, Depends(basic)]) -> dict:
    return {"username": credentials.username}
