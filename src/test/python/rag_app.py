"""A small RAG-like service for the gateway's tests: it trusts only the identity token the gateway passes on,
checked against the gateway's JWK Set, and answers with the user it saw. Started by the test on a loopback port;
its /_test/* endpoints are for the test alone and are called on that port directly."""
import asyncio
import json
import os
import urllib.request

from fastapi import FastAPI, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse, StreamingResponse
from jose import jwt

GATEWAY = os.environ["TORII_URL"].rstrip("/")
ISSUER = os.environ["TORII_ISSUER"]
APP_ID = os.environ["APP_ID"]

app = FastAPI()
seen = []
release = asyncio.Event()
jwks = None


def user(request: Request) -> dict:
    global jwks
    header = request.headers.get("authorization", "")
    if not header.startswith("Bearer "):
        raise HTTPException(401, "no identity")
    if jwks is None:
        with urllib.request.urlopen(GATEWAY + "/.well-known/jwks.json") as answer:
            jwks = json.load(answer)
    claims = jwt.decode(header[7:], jwks, algorithms=["RS256", "ES256"], audience=APP_ID, issuer=ISSUER)
    if jwt.get_unverified_header(header[7:]).get("typ") != "identity+jwt":
        raise HTTPException(401, "not an identity token")
    return claims


@app.middleware("http")
async def remember(request: Request, call_next):
    if not request.url.path.startswith("/_test/"):
        seen.append({"method": request.method, "path": request.url.path, "query": request.url.query,
                     "headers": dict(request.headers)})
    return await call_next(request)


@app.get("/_test/seen")
def test_seen():
    return seen


@app.post("/_test/release")
def test_release():
    release.set()
    return {"released": True}


@app.get("/whoami")
def whoami(request: Request):
    claims = user(request)
    return {"claims": claims, "query": dict(request.query_params),
            "forwarded": {name: request.headers.get(name) for name in
                          ("x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-prefix")}}


@app.post("/answer")
async def answer(request: Request):
    claims = user(request)
    return {"sub": claims["sub"], "question": (await request.json())["question"]}


@app.post("/documents")
async def documents(request: Request, file: UploadFile = File(...), title: str = Form(...)):
    claims = user(request)
    content = await file.read()
    return {"sub": claims["sub"], "title": title, "filename": file.filename, "size": len(content)}


@app.get("/report")
async def report(request: Request):
    user(request)
    release.clear()

    async def parts():
        yield b"data: part one\n\n"
        await asyncio.wait_for(release.wait(), 20)
        yield b"data: part two\n\n"

    return StreamingResponse(parts(), media_type="text/event-stream")


@app.get("/moved")
def moved():
    return RedirectResponse("/whoami?from=moved", status_code=302)


@app.get("/inside")
def inside():
    return RedirectResponse("http://10.20.30.40/admin", status_code=302)


@app.get("/slow")
async def slow():
    await asyncio.sleep(5)
    return {"late": True}
