"""Renders the hub's pledge wall for a summit (docs/screenshots/summit-wall.png, 1920x1080)
as the hall's big screen shows it: a real `hub serve --tls auto` on loopback, one event made
at the hub, three kiosks enrolled from its kiosk packs, demo pledges taken on each and synced,
every step through the command line; then headless Chromium, trusting the hub's certificate
by its public key alone, draws /wall/EVENT_ID once the page's script has polled the hub.

Usage: python scripts/summit_screenshots.py [--out FILE]. Needs chromium (or
chromium-browser) on the PATH. Uses a throw-away folder; the council key's scrypt is made
cheap, as it only seals the demo pledges.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from charter_desktop.core.catalogue import load_catalogue
from charter_desktop.core.pledges.demo import demo_pledges
from charter_desktop.core.privacy.keys import ScryptCost, new_council_key, write_key_file

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots" / "summit-wall.png"
KIOSKS = ("hall-entrance", "hall-stage", "hall-cafe")
PLEDGES_PER_KIOSK = 7
PASSPHRASE = "correct horse battery staple screenshots"  # noqa: S105  (demo pledges only)


def cli(data_dir: Path | None, *args: str, stdin: str | None = None) -> str:
    """`python -m charter_desktop ARGS`; exits with its message if it fails."""
    command = [sys.executable, "-m", "charter_desktop"]
    command += ["--data-dir", str(data_dir)] if data_dir else []
    done = subprocess.run([*command, *args], input=stdin, capture_output=True, text=True,
                          check=False, encoding="utf-8")  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args[:3])} failed ({done.returncode}): {done.stderr}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_hub(db: Path, port: int, logs: Path) -> subprocess.Popen[bytes]:
    logs.mkdir()
    with (logs / "hub.log").open("ab") as log:
        hub = subprocess.Popen(
            [sys.executable, "-m", "charter_desktop", "--data-dir", str(logs), "hub", "serve",
             "--db", str(db), "--port", str(port), "--tls", "auto"],
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    for _ in range(600):
        try:  # readiness only: the browser below trusts exactly the hub's key
            health = f"https://127.0.0.1:{port}/api/v1/health"
            if httpx.get(health, verify=False, timeout=1).status_code == 200:  # noqa: S501
                return hub
        except httpx.HTTPError:
            time.sleep(0.1)
    hub.kill()
    raise SystemExit("the hub did not start")


def spki_pin(port: int) -> str:
    """The served certificate's public key hash, as Chromium's
    --ignore-certificate-errors-spki-list takes it."""
    pem = ssl.get_server_certificate(("127.0.0.1", port))
    key = x509.load_pem_x509_certificate(pem.encode("ascii")).public_key()
    der = key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(hashlib.sha256(der).digest()).decode("ascii")


def browser() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("chromium is not installed (apt-get install chromium)")


def screenshot(url: str, port: int, out: Path, profile: Path) -> None:
    sandbox = ["--no-sandbox"] if os.geteuid() == 0 else []  # Chromium refuses root otherwise
    command = [
        browser(), "--headless", "--disable-gpu", *sandbox, f"--user-data-dir={profile}",
        f"--ignore-certificate-errors-spki-list={spki_pin(port)}", "--no-first-run",
        "--hide-scrollbars", "--window-size=1920,1080", "--virtual-time-budget=3000",
        f"--screenshot={out}", url,
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False,
                          env=dict(os.environ, HOME=str(profile)))  # fmt: skip
    if done.returncode != 0 or not out.is_file():
        raise SystemExit(f"chromium failed ({done.returncode}): {done.stderr[-2000:]}")


def pledges_for(kiosk: int) -> list[dict[str, object]]:
    """Demo pledges as an attendee makes them now (no stored id or times)."""
    made = demo_pledges(load_catalogue(None), PLEDGES_PER_KIOSK, seed=21 + kiosk)
    return [{k: v for k, v in p.items() if k not in ("id", "created_at", "updated_at")}
            for p in made]  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="the PNG to write")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="charter-summit-shots-") as tmp:
        root = Path(tmp)
        db, port = root / "hub.sqlite3", free_port()
        url = f"https://127.0.0.1:{port}"
        council = root / "council-key.json"
        write_key_file(new_council_key(PASSPHRASE, ScryptCost(n=2**10)), council)
        hub = start_hub(db, port, root / "hub-logs")
        try:
            event_id = cli(None, "hub", "event", "add", "--db", str(db), "--name",
                           "Launch summit", "--date", "2026-06-01", "--place",
                           "Stevenage Arts Centre", "--target", "100").strip()  # fmt: skip
            for n, name in enumerate(KIOSKS):
                pack = root / f"{name}.pack"
                cli(None, "hub", "enrol", "--db", str(db), "--device", name, "--event",
                    event_id, "--url", url, "--out", str(pack), "--council-key",
                    str(council))  # fmt: skip
                folder = root / name
                cli(folder, "enrol", str(pack))
                cli(folder, "pledge", "add", "--json", "-", stdin=json.dumps(pledges_for(n)))
                cli(folder, "sync")
            args.out.parent.mkdir(parents=True, exist_ok=True)
            screenshot(f"{url}/wall/{event_id}", port, args.out, root / "browser")
        finally:
            hub.terminate()
            hub.wait(timeout=30)
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
