"""Kiosk settings: defaults, range checks, and an audit entry naming what changed."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from charter_desktop.core.errors import ValidationError
from charter_desktop.core.kiosk.settings import (
    KioskSettings,
    load_kiosk_settings,
    save_kiosk_settings,
)
from charter_desktop.core.storage import audit
from charter_desktop.core.storage.settings import set_setting
from charter_desktop.core.store import Store


def test_a_fresh_kiosk_has_the_defaults(store: Store) -> None:
    with store.db.read() as session:
        assert load_kiosk_settings(session) == KioskSettings()
    assert KioskSettings().idle_timeout_seconds == 90


def test_saved_settings_persist_and_are_audited(store: Store) -> None:
    new = replace(
        KioskSettings(),
        idle_timeout_seconds=120,
        paper_size="A5",
        certificate_base_url="https://www.council.example/charter/verify",
    )
    with store.db.write() as session:
        save_kiosk_settings(session, new)
    with store.db.read() as session:
        assert load_kiosk_settings(session) == new
        (entry,) = [e for e in audit.entries(session) if e.action == "settings.change"]
    assert entry.details["idle_timeout_seconds"] == {"from": 90, "to": 120}
    assert set(entry.details) == {"idle_timeout_seconds", "paper_size", "certificate_base_url"}


@pytest.mark.parametrize(
    "change",
    [
        {"idle_timeout_seconds": 5},
        {"paper_size": "A3"},
        {"certificate_base_url": "ftp://x"},
        {"certificate_base_url": "https://x/verify?a=1"},
        {"printer_name": "bad\nname"},
        {"on_screen_keyboard": "sometimes"},
    ],
)
def test_out_of_range_values_are_refused(store: Store, change: dict[str, Any]) -> None:
    with store.db.write() as session, pytest.raises(ValidationError) as caught:
        save_kiosk_settings(session, replace(KioskSettings(), **change))
    assert caught.value.errors[0].field == next(iter(change))


def test_settings_stored_before_the_on_screen_keyboard_load_as_automatic(store: Store) -> None:
    older = {"idle_timeout_seconds": 45, "printer_name": "", "paper_size": "A5",
             "certificate_base_url": "https://charter.example.org/verify"}  # fmt: skip
    with store.db.write() as session:
        set_setting(session, "kiosk", older)
    with store.db.read() as session:
        loaded = load_kiosk_settings(session)
    assert loaded.on_screen_keyboard == "auto"
    assert (loaded.idle_timeout_seconds, loaded.paper_size) == (45, "A5")


@pytest.mark.parametrize("mode", ["auto", "on", "off"])
def test_each_keyboard_mode_is_kept(store: Store, mode: str) -> None:
    with store.db.write() as session:
        save_kiosk_settings(session, replace(KioskSettings(), on_screen_keyboard=mode))
    with store.db.read() as session:
        assert load_kiosk_settings(session).on_screen_keyboard == mode
