"""Shared helpers for tests: the system tools a test needs, running the real command line in
a subprocess, pledge inputs, what a database file holds by itself, and a self-signed
certificate."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

# On CI every system tool the tests use must be present: a missing one fails, not skips.
REQUIRE_TOOLS = os.environ.get("CHARTER_REQUIRE_SYSTEM_TOOLS") == "1"


def need_tool(name: str) -> str:
    """The path of a system tool the test needs; skipped locally if absent, failed on CI."""
    path = shutil.which(name)
    if path is None:
        if REQUIRE_TOOLS:
            pytest.fail(f"system tool {name!r} is missing (.ci/run should install it)")
        pytest.skip(f"system tool {name!r} is not installed")
    return path


def run_cli(
    data_dir: Path | None,
    *args: str,
    stdin: str | None = None,
    timeout: float = 120,
    preexec_fn: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    """`python -m charter_desktop [--data-dir D] ARGS` as a user would run it."""
    command = [sys.executable, "-m", "charter_desktop"]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [*command, *args],
        check=False,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        encoding="utf-8",
        preexec_fn=preexec_fn,
    )


def pledge(**fields: object) -> dict[str, object]:
    """A valid pledge input, with `fields` overriding the defaults."""
    base: dict[str, object] = {
        "name": "Amelia Patel",
        "pledger_type": "resident",
        "actions": ["buy-from-local-area"],
    }
    base.update(fields)
    return base


def pledges_in_database_file(database: Path, scratch: Path) -> int:
    """Pledges in the database file itself, leaving out what is still only in its WAL (a
    copy of the file alone is read, in the folder `scratch`); 0 while even the tables are
    only in the WAL."""
    copy = scratch / "file-only.sqlite3"
    copy.write_bytes(database.read_bytes())
    with closing(sqlite3.connect(copy)) as connection:
        tables = connection.execute("SELECT name FROM sqlite_master WHERE name = 'pledges'")
        if tables.fetchone() is None:
            return 0
        return int(connection.execute("SELECT count(*) FROM pledges").fetchone()[0])


def self_signed(folder: Path, name: str = "server") -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 signed by its own key (the server's, and the CA a client
    is told to trust), and its key: `name`.crt and `name`.key in `folder`."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject).issuer_name(subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    cert_path, key_path = folder / f"{name}.crt", folder / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path
