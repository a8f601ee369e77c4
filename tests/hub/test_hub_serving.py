"""How the hub serves: refused tokens throttled per address and logged without the token,
security headers on every answer, nothing loaded from the internet, and a warning when it
serves plain http beyond this machine; on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.fixtures.attack import Kiosk
from tests.fixtures.hub import HubProcess
from tests.fixtures.network import free_port


def test_refused_tokens_are_throttled_and_logged_and_a_valid_token_keeps_working(
    hub: HubProcess, tmp_path: Path
) -> None:
    kiosk = Kiosk(tmp_path / "kiosk", hub, hub.token("hall-a"))
    kiosk.add(name="Amelia Patel")
    guesses = [f"cdk_guess-{n:04d}-secret" for n in range(40)]
    codes = []
    for guess in guesses:
        answer = httpx.get(f"{hub.url}/api/v1/device",
                           headers={"Authorization": f"Bearer {guess}"})  # fmt: skip
        codes.append(answer.status_code)
        if answer.status_code == 429:
            assert 1 <= int(answer.headers["Retry-After"]) <= 60
    assert codes[:20] == [401] * 20 and set(codes[20:]) == {429}
    assert kiosk.sync().sent == 1  # the same address, a valid token: not throttled
    log = "".join(p.read_text() for p in hub.log_dir.rglob("*.log"))
    assert "refused a device token from 127.0.0.1 (1 in the last 60 s)" in log
    assert "throttling failed token checks from 127.0.0.1" in log
    assert not any(guess in log for guess in guesses)


def test_every_answer_carries_the_security_headers(hub: HubProcess) -> None:
    for path in ("/verify?p=1", "/openapi.json", "/api/v1/health", "/no-such-page",
                 "/api/v1/device"):  # fmt: skip
        headers = httpx.get(f"{hub.url}{path}").headers
        csp = headers["content-security-policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp, path
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["cache-control"] == "no-store"
    for path in ("/docs", "/redoc"):
        assert httpx.get(f"{hub.url}{path}").status_code == 404


def test_serving_plain_http_beyond_this_machine_warns(hub_db_url: str, tmp_path: Path) -> None:
    def first_stderr_line(host: str) -> str:
        process = subprocess.Popen(
            [sys.executable, "-m", "charter_desktop", "--data-dir", str(tmp_path), "hub",
             "serve", "--db", hub_db_url, "--host", host, "--port", str(free_port())],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            assert process.stdout is not None and process.stderr is not None
            listening = process.stdout.readline()
            assert "Hub listening" in listening
            time.sleep(0.5)
        finally:
            process.terminate()
            _, err = process.communicate(timeout=30)
        return err

    warned = first_stderr_line("0.0.0.0")
    assert warned.count("warning: serving plain http on 0.0.0.0") == 1
    assert "Traceback" not in warned
    assert "warning" not in first_stderr_line("127.0.0.1")
