"""The benchmark's HTTP application in the team's own stack, never part of the product: a FastAPI service answering
every GET with the same small JSON, as the JDK one (TrivialApi.java) does. Run as
/usr/bin/python3 -m uvicorn trivial_app:app --app-dir bench --host 127.0.0.1 --port PORT --log-level warning"""
from fastapi import FastAPI

app = FastAPI()


@app.get("/{path:path}")
def answer(path: str):
    return {"answer": "Refunds are accepted within 30 days", "sources": ["faq.md"]}
