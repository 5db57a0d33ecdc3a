"""A local stand-in for Crossref, NCBI, Open Library and arXiv: http.server in a thread on 127.0.0.1.

Tests register answers per path (``server.route("/crossref/works/10.5555%2Fx", Reply(...))``); a list of
replies is served in turn (the last repeats), so 429-then-200 can be scripted. Every request is kept
(path, query, headers) for assertions. The ``lookup`` fixture points acuref's base URLs at it.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "lookup"


@dataclass
class Reply:
    status: int = 200
    body: str | bytes = ""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (a timeout test)
    content_type: str = "application/json"

    @classmethod
    def fixture(cls, name: str, **kw) -> "Reply":
        kind = "application/atom+xml" if name.endswith(".xml") else "application/json"
        return cls(body=(FIXTURES / name).read_bytes(), content_type=kind, **kw)


@dataclass
class Request:
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]


class LookupServer:
    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.requests: list[Request] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                parts = urlsplit(self.path)
                server.requests.append(Request(parts.path, parse_qs(parts.query), dict(self.headers)))
                replies = server.routes.get(parts.path) or [Reply(404, '{"status": "error", "message": "not found"}')]
                reply = replies.pop(0) if len(replies) > 1 else replies[0]
                if reply.delay:
                    time.sleep(reply.delay)
                body = reply.body.encode() if isinstance(reply.body, str) else reply.body
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", reply.content_type)
                    self.send_header("Content-Length", str(len(body)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def route(self, path: str, *replies: Reply) -> None:
        self.routes[path] = list(replies)

    def crossref(self, doi: str, *replies: Reply) -> None:
        self.route("/crossref/works/" + quote(doi, safe=""), *replies)

    def hits(self, prefix: str) -> list[Request]:
        return [r for r in self.requests if r.path.startswith(prefix)]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def lookup(monkeypatch):
    """A running LookupServer; acuref's services point at it, with short timeouts and no real waiting."""
    server = LookupServer()
    for env, path in (("ACUREF_CROSSREF_URL", "/crossref"), ("ACUREF_EUTILS_URL", "/eutils"),
                      ("ACUREF_IDCONV_URL", "/idconv"), ("ACUREF_OPENLIBRARY_URL", "/openlibrary"),
                      ("ACUREF_ARXIV_URL", "/arxiv")):
        monkeypatch.setenv(env, server.url + path)
    monkeypatch.setenv("ACUREF_MAILTO", "writer@example.org")
    monkeypatch.setenv("ACUREF_HTTP_TIMEOUT", "2")
    monkeypatch.setenv("ACUREF_HTTP_RETRIES", "2")
    server.sleeps = []
    monkeypatch.setattr("acuref.lookup.http._sleep", server.sleeps.append)
    yield server
    server.close()


def closed_port_url() -> str:
    """A loopback URL where nothing listens (connection refused: "offline")."""
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}"
