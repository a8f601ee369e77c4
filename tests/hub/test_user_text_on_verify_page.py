"""Script typed as a name, an event and a kiosk's name reaches the council's hub: the
verification page shows it as text, HTML-escaped, and the hub's impact report prints it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from charter_desktop.core.certificates.links import pledge_certificate_url
from charter_desktop.core.storage.paths import resolve_paths
from charter_desktop.core.store import Store
from tests.fixtures.hub import HubProcess
from tests.helpers import run_cli
from tests.pdftools import flat, pdf_text

SCRIPT = "<script>alert(1)</script>"
EVENT = '<img src=x onerror="alert(2)"> & friends'
KIOSK = "<b>hall</b> & <i>co</i>"


@pytest.fixture
def sqlite_hub(tmp_path: Path) -> Iterator[HubProcess]:
    process = HubProcess(str(tmp_path / "hub.sqlite3"), tmp_path / "hub-logs")
    process.log_dir.mkdir()
    process.start()
    yield process
    process.stop()


def test_typed_script_is_escaped_on_the_verify_page(
    sqlite_hub: HubProcess, data_dir: Path, tmp_path: Path
) -> None:
    event = run_cli(data_dir, "event", "add", f"--name={EVENT}", "--date", "2025-06-01",
                    f"--place={SCRIPT}", "--use")  # fmt: skip
    assert event.returncode == 0, event.stderr
    typed = [{"name": SCRIPT, "organisation": SCRIPT, "pledger_type": "business",
              "actions": ["buy-from-local-area"], "pledge_text": SCRIPT,
              "consent_publish_name": True}]  # fmt: skip
    source = tmp_path / "pledge.json"
    source.write_text(json.dumps(typed), encoding="utf-8")
    added = run_cli(data_dir, "pledge", "add", "--json", str(source))
    assert added.returncode == 0, added.stderr
    [pledge_id] = json.loads(added.stdout)
    store = Store.open(resolve_paths(data_dir))
    try:
        pledge = store.get_pledge(pledge_id)
        assert pledge is not None
        url = pledge_certificate_url(store, pledge)
    finally:
        store.close()
    token = sqlite_hub.token(KIOSK)
    synced = run_cli(data_dir, "sync", "--url", sqlite_hub.url, "--token", token)
    assert synced.returncode == 0, synced.stderr

    page = httpx.get(f"{sqlite_hub.url}/verify?{urlsplit(url).query}", timeout=30)
    assert page.status_code == 200 and "Genuine certificate" in page.text
    html = page.text
    assert "<dd>&lt;script&gt;alert(1)&lt;/script&gt;</dd>" in html  # the published name
    assert "<dd>&lt;img src=x onerror=&quot;alert(2)&quot;&gt; &amp; friends</dd>" in html
    assert "&lt;b&gt;hall&lt;/b&gt; &amp; &lt;i&gt;co&lt;/i&gt;" in html  # the kiosk's name
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "<b>" not in html and "<i>" not in html

    report = tmp_path / "hub-report.pdf"
    made = run_cli(None, "hub", "report", "--db", sqlite_hub.db_url, "--out", str(report))
    assert made.returncode == 0, made.stderr
    text = flat("\n".join(pdf_text(report.read_bytes())))
    for typed_text in (EVENT, SCRIPT):
        assert flat(typed_text) in text
