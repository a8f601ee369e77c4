"""The self-contained bundle (scripts/build_bundle.py) as a council's IT team receives it: every
check runs the bundle's own executables where no Python, virtual environment or source tree
can be reached (tests/fixtures/bundle.py), and compares with the installed app where it can."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import httpx

import charter_desktop
from benchmarks.startup import prepare_data_folder
from charter_desktop.core.storage.logs import LOG_FILE
from charter_desktop.core.storage.paths import resolve_paths
from tests.fixtures.bundle import NoPython
from tests.fixtures.network import free_port
from tests.helpers import run_cli
from tests.pdftools import decode_qr, embedded_fonts, page_count, render_png

ROOT = Path(__file__).resolve().parents[2]
TRACEBACK = "Traceback (most recent call last)"


def test_no_python_is_within_reach_of_the_bundle(no_python: NoPython) -> None:
    """The isolation the other tests rely on: the interpreter this test runs on, and the
    system's python3, both start here; inside it neither does, and the environment, the
    standard library and the source tree's package folder are empty or absent."""
    here = subprocess.run([sys.executable, "-c", "import charter_desktop"], check=False)
    assert here.returncode == 0

    venv = no_python.run(sys.executable, "-c", "import charter_desktop")
    assert venv.returncode == 127 and "No such file or directory" in venv.stderr
    system = no_python.run("python3", "-c", "pass")
    assert system.returncode != 0 and "No module named 'encodings'" in system.stderr
    hidden = (sys.prefix, sysconfig.get_path("stdlib"), str(Path(charter_desktop.__file__).parent))
    script = 'for d; do ls -A "$d" 2>/dev/null; done; echo listed'
    listed = no_python.run("/bin/sh", "-c", script, "sh", *hidden)
    assert listed.stdout == "listed\n"


def test_version_and_catalogue_are_the_installed_apps(no_python: NoPython, tmp_path: Path) -> None:
    version = no_python.run("charter-desktop", "--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout == f"charter-desktop {charter_desktop.__version__}\n"

    bundled = no_python.run("charter-desktop", "--data-dir", str(tmp_path / "a"), "catalogue",
                            "--json")  # fmt: skip
    installed = run_cli(tmp_path / "b", "catalogue", "--json")
    assert bundled.returncode == 0 and installed.returncode == 0, bundled.stderr
    assert json.loads(bundled.stdout) == json.loads(installed.stdout) != []
    assert TRACEBACK not in version.stderr + bundled.stderr


def test_demo_pledges_give_certificates_with_embedded_fonts_and_a_qr_that_verifies(
    no_python: NoPython, tmp_path: Path
) -> None:
    data = str(tmp_path / "kiosk")
    demo = no_python.run("charter-desktop", "--data-dir", data, "demo", "--pledges", "50")
    assert demo.returncode == 0, demo.stderr
    assert "Added 50 demo pledges" in demo.stdout

    out = tmp_path / "certificates.pdf"
    made = no_python.run("charter-desktop", "--data-dir", data, "certificate", "--all", "--out",
                         str(out))  # fmt: skip
    assert made.returncode == 0, made.stderr
    pdf = out.read_bytes()
    assert page_count(pdf) == 50
    fonts = embedded_fonts(pdf)
    assert fonts and all(fonts.values()), fonts

    (qr,) = decode_qr(render_png(out, tmp_path / "page1"))
    verified = no_python.run("charter-desktop", "--data-dir", data, "verify", qr)
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout.startswith("VALID: ")
    assert TRACEBACK not in demo.stderr + made.stderr + verified.stderr


def test_the_kiosk_opens_to_its_first_paint_with_its_translation(
    no_python: NoPython, tmp_path: Path
) -> None:
    """On a set-up folder (made with the installed app) the kiosk paints its window and takes
    pledges, its strings coming from the shipped English translation (which gives the plurals
    their words): the log says it was found."""
    data = prepare_data_folder(tmp_path / "kiosk")
    opened = no_python.run("charter-desktop-kiosk", "--data-dir", str(data),
                           QT_QPA_PLATFORM="offscreen", CHARTER_EXIT_WHEN_SHOWN="1")  # fmt: skip
    assert opened.returncode == 0, opened.stderr[-3000:]
    assert "kiosk shown after" in opened.stdout and "kiosk ready after" in opened.stdout
    assert TRACEBACK not in opened.stderr
    log = (resolve_paths(str(data)).log_dir / LOG_FILE).read_text(encoding="utf-8")
    assert "translation loaded: en" in log and "no translation found" not in log


def test_the_kiosk_executable_refuses_other_commands(no_python: NoPython) -> None:
    refused = no_python.run("charter-desktop-kiosk", "catalogue")
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.count("\n") == 1
    assert "run charter-desktop for every other command" in refused.stderr


def test_the_hub_serves_from_the_bundle(
    no_python: NoPython, hub_db_url: str, tmp_path: Path
) -> None:
    """`hub serve` over SQLite, and over PostgreSQL through the bundled psycopg: it answers
    its health check and renders its certificate page."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path / "hub.log"
    hub = no_python.popen("charter-desktop", "--data-dir", str(tmp_path / "hub"), "hub", "serve",
                          "--db", hub_db_url, "--host", "127.0.0.1", "--port", str(port),
                          log=log)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            assert hub.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "the hub did not answer"
            try:
                health = httpx.get(f"{url}/api/v1/health", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        assert health.status_code == 200 and health.json() == {"status": "ok"}
        page = httpx.get(f"{url}/verify?v=1&p=not-a-pledge", timeout=10)
        assert page.status_code == 400 and "<title>Not a certificate code</title>" in page.text
    finally:
        hub.terminate()
        hub.wait(timeout=30)
    assert TRACEBACK not in log.read_text()


def test_the_bundle_carries_the_install_files(bundle: Path) -> None:
    """The top-level resources/ folder (desktop entry, icons, install script, kiosk sessions)
    travels inside the bundle, executable files still executable."""
    source, carried = ROOT / "resources", bundle / "resources"
    wanted = {path.relative_to(source): path.stat().st_mode for path in source.rglob("*")
              if path.is_file()}  # fmt: skip
    found = {name: (carried / name).stat().st_mode if (carried / name).is_file() else None
             for name in wanted}  # fmt: skip
    assert wanted and found == wanted
