"""The optional measure field on the kiosk's choose screen, driven by taps and typing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from charter_desktop.core.store import Store
from charter_desktop.ui.kiosk.window import KioskWindow
from tests.fixtures.kiosk import click, store_of


@pytest.fixture
def kiosk(qtbot: QtBot, store: Store) -> Iterator[KioskWindow]:
    window = KioskWindow(store, print_certificate=lambda _p: None, tap_guard_seconds=0)
    qtbot.addWidget(window, before_close_func=lambda w: w.release_for_shutdown())
    window.resize(1280, 800)
    window.show()
    yield window


def to_choose(qtbot: QtBot, k: KioskWindow) -> None:
    click(qtbot, k.welcome.start_button)
    click(qtbot, k.who.type_buttons["business"])
    qtbot.keyClicks(k.who.organisation, "Bedwell Bakery")
    click(qtbot, k.who.next_button)
    assert k.current() is k.choose


def finish(qtbot: QtBot, k: KioskWindow) -> None:
    click(qtbot, k.choose.next_button)
    qtbot.keyClicks(k.about_you.name, "Priya Shah")
    click(qtbot, k.about_you.next_button)
    assert k.current() is k.review


def test_a_measure_appears_for_a_chosen_action_and_is_stored(
    qtbot: QtBot, kiosk: KioskWindow
) -> None:
    to_choose(qtbot, kiosk)
    field = kiosk.choose.measure_fields["supported-work-placements"]
    assert not field.isVisibleTo(kiosk)
    assert "support-cooperatives" not in kiosk.choose.measure_fields
    click(qtbot, kiosk.choose.action_buttons["supported-work-placements"])
    assert field.isVisibleTo(kiosk)
    assert field.input.height() >= 44
    assert field.input.accessibleName() == "Work placements offered a year (optional)"
    qtbot.keyClicks(field.input, "3")
    finish(qtbot, kiosk)
    shown = kiosk.review.sections["Your actions"]
    assert "Work placements offered a year: 3 placements a year" in shown
    click(qtbot, kiosk.review.next_button)
    [stored] = store_of(kiosk).list_pledges()
    assert stored.measures == {"supported-work-placements": 3}


def test_a_measure_of_an_action_untoggled_again_is_not_kept(
    qtbot: QtBot, kiosk: KioskWindow
) -> None:
    to_choose(qtbot, kiosk)
    click(qtbot, kiosk.choose.action_buttons["buy-from-local-area"])
    qtbot.keyClicks(kiosk.choose.measure_fields["buy-from-local-area"].input, "40")
    click(qtbot, kiosk.choose.action_buttons["shop-local-or-volunteer"])
    click(qtbot, kiosk.choose.action_buttons["buy-from-local-area"])
    assert not kiosk.choose.measure_fields["buy-from-local-area"].isVisibleTo(kiosk)
    finish(qtbot, kiosk)
    click(qtbot, kiosk.review.next_button)
    [stored] = store_of(kiosk).list_pledges()
    assert stored.measures == {}


def test_a_too_large_measure_is_explained_beside_the_field(
    qtbot: QtBot, kiosk: KioskWindow
) -> None:
    to_choose(qtbot, kiosk)
    click(qtbot, kiosk.choose.action_buttons["mentor-self-employment"])
    field = kiosk.choose.measure_fields["mentor-self-employment"]
    field.input.setText("5000")  # typed past the validator, e.g. pasted
    click(qtbot, kiosk.choose.next_button)
    assert kiosk.current() is kiosk.choose
    assert field.error.isVisibleTo(kiosk)
    assert "larger than we expected" in field.error.text()
