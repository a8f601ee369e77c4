"""The hub client against a real HTTP server on 127.0.0.1: backoff with jitter while the hub
fails, a clear stop on 401, and an answer that is not a hub's."""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from charter_desktop.core.sync.client import (
    AuthError,
    HubClient,
    HubUnavailable,
    RetryPolicy,
    SyncError,
)
from charter_desktop.core.sync.settings import SyncSettings


class ScriptedHub(BaseHTTPRequestHandler):
    """Answers each request with the next (status, body) of `script`."""

    script: ClassVar[list[tuple[int, object]]] = []
    seen: ClassVar[list[dict[str, str]]] = []

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        type(self).seen.append(dict(self.headers))
        status, body = type(self).script.pop(0)
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def scripted() -> Iterator[tuple[str, type[ScriptedHub]]]:
    handler = type("Hub", (ScriptedHub,), {"script": [], "seen": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", handler
    server.shutdown()
    server.server_close()


def client(url: str, sleeps: list[float], attempts: int = 5) -> HubClient:
    return HubClient(
        SyncSettings(url, "secret-token"),
        retry=RetryPolicy(attempts=attempts, base_seconds=1.0, cap_seconds=4.0),
        sleep=sleeps.append,
        rng=random.Random(7),
    )


def test_server_errors_are_retried_with_growing_jittered_waits(
    scripted: tuple[str, type[ScriptedHub]],
) -> None:
    url, hub = scripted
    ok = {"accepted": ["a"], "rejected": [], "replayed": False}
    hub.script = [(503, {}), (500, {}), (502, {}), (200, ok)]
    sleeps: list[float] = []
    with client(url, sleeps) as c:
        reply = c.post_batch("k" * 64, {"pledges": []})
    assert reply.accepted == ["a"]
    assert len(sleeps) == 3
    assert [0 <= s <= cap for s, cap in zip(sleeps, (1.0, 2.0, 4.0), strict=True)] == [True] * 3
    assert len(set(sleeps)) == 3  # jittered, not a fixed schedule
    assert {h["Idempotency-Key"] for h in hub.seen} == {"k" * 64}  # the same key every try
    assert {h["Authorization"] for h in hub.seen} == {"Bearer secret-token"}


def test_a_hub_that_keeps_failing_is_reported_after_the_last_try(
    scripted: tuple[str, type[ScriptedHub]],
) -> None:
    url, hub = scripted
    hub.script = [(503, {})] * 3
    with client(url, [], attempts=3) as c, pytest.raises(HubUnavailable, match="tried 3 times"):
        c.post_batch("k" * 64, {})


def test_a_refused_token_stops_at_once(scripted: tuple[str, type[ScriptedHub]]) -> None:
    url, hub = scripted
    hub.script = [(401, {"detail": "unknown device token"})]
    sleeps: list[float] = []
    with client(url, sleeps) as c, pytest.raises(AuthError, match="401"):
        c.post_batch("k" * 64, {})
    assert sleeps == []  # not retried


def test_an_answer_that_is_not_a_hubs_is_reported(
    scripted: tuple[str, type[ScriptedHub]],
) -> None:
    url, hub = scripted
    hub.script = [(404, {"detail": "Not Found"})]
    with client(url, []) as c, pytest.raises(SyncError, match="404"):
        c.post_batch("k" * 64, {})
