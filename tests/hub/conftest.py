"""Real hubs for the hub tests: a `hub serve` process on a free loopback port, over an SQLite
file or a PostgreSQL server that these fixtures start in a temporary folder."""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from tests.conftest import need_tool
from tests.helpers import run_cli


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pg_tool(name: str) -> str:
    """Debian keeps PostgreSQL's server tools in /usr/lib/postgresql/N/bin, off the PATH."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return need_tool(found[-1] if found else name)


class PostgresServer:
    """A throwaway PostgreSQL cluster in a temporary folder, trusted on 127.0.0.1 only."""

    def __init__(self) -> None:
        self.initdb, self.pg_ctl = pg_tool("initdb"), pg_tool("pg_ctl")
        self.root = Path(tempfile.mkdtemp(prefix="charter-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self._as_user: list[str] = []
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root: use its own account
            self._as_user = [need_tool("runuser"), "-u", "postgres", "--"]
            shutil.chown(self.root, "postgres")
        self.counter = 0

    def _run(self, *command: str) -> None:
        subprocess.run([*self._as_user, *command], check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        self._run(self.initdb, "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "-E", "UTF8", "--no-sync")  # fmt: skip
        options = f"-p {self.port} -k {self.root} -h 127.0.0.1 -F"
        self._run(self.pg_ctl, "-D", str(self.data), "-o", options, "-w", "-t", "60",
                  "-l", str(self.root / "server.log"), "start")  # fmt: skip

    def stop(self) -> None:
        subprocess.run([*self._as_user, self.pg_ctl, "-D", str(self.data), "-m", "immediate",
                        "-w", "stop"], check=False, capture_output=True, timeout=60)  # fmt: skip
        shutil.rmtree(self.root, ignore_errors=True)

    def new_database(self) -> str:
        import psycopg

        self.counter += 1
        name = f"hub_{os.getpid()}_{self.counter}"
        admin = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    server = PostgresServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def hub_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "hub.sqlite3")
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.new_database()


class HubProcess:
    """`charter-desktop hub serve` in a subprocess, as a council would run it."""

    def __init__(self, db_url: str, log_dir: Path, tls: tuple[Path, Path] | None = None) -> None:
        self.db_url = db_url
        self.log_dir = log_dir
        self.port = free_port()
        self.tls = tls
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        log = (self.log_dir / f"hub-{self.port}.log").open("ab")
        tls = ["--tls-cert", str(self.tls[0]), "--tls-key", str(self.tls[1])] if self.tls else []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "charter_desktop", "--data-dir", str(self.log_dir), "hub",
             "serve", "--db", self.db_url, "--host", "127.0.0.1", "--port", str(self.port),
             *tls],
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"hub exited with {self.process.returncode}")
            try:
                # Readiness only: the tests check the certificate where trust is the point.
                ready = httpx.get(f"{self.url}/api/v1/health", timeout=1, verify=False)
                if ready.status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("hub did not become ready")

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, as when the machine loses power."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def token(self, device: str) -> str:
        result = run_cli(None, "hub", "token", "--db", self.db_url, "--device", device)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    def count(self) -> int:
        from charter_desktop.hub.db import hub_engine
        from charter_desktop.hub.models import HubPledgeRow

        engine = hub_engine(self.db_url)
        try:
            with engine.connect() as conn:
                return int(conn.scalar(select(func.count()).select_from(HubPledgeRow)) or 0)
        finally:
            engine.dispose()


@pytest.fixture
def hub(hub_db_url: str, tmp_path: Path) -> Iterator[HubProcess]:
    process = HubProcess(hub_db_url, tmp_path / "hub-logs")
    process.log_dir.mkdir()
    process.start()
    yield process
    process.stop()


@pytest.fixture(scope="session")
def kiosk_templates(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two kiosk data folders with 1,000 demo pledges each, made once and copied per test."""
    folders = []
    for name in ("kiosk-a", "kiosk-b"):
        folder = tmp_path_factory.mktemp(name)
        result = run_cli(folder, "demo", "--pledges", "1000")
        assert result.returncode == 0, result.stderr
        folders.append(folder)
    return folders


@pytest.fixture
def kiosks(kiosk_templates: list[Path], tmp_path: Path) -> list[Path]:
    copies = []
    for template in kiosk_templates:
        copy = tmp_path / template.name
        shutil.copytree(template, copy)
        copies.append(copy)
    return copies
