"""The staff table's filters at N pledges, driven through the real Pledges page and its Qt
model (charter_desktop/ui/staff/pledge_model.py) under QT_QPA_PLATFORM=offscreen.

Each case is one user action, timed from the action to the model's reset and a synchronous
repaint of the visible rows: a keystroke in the search box (each of "p", "pa", "pat", "pate",
"patel" typed in turn; the 150 ms typing debounce is a deliberate wait and is not counted, the
search runs the moment it ends), or picking an entry in one of the filter lists. Between rounds
the page goes back to no filter.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from charter_desktop.core.store import Store

SEARCH_WORD = "patel"


def _pick(combo: Any, data: object) -> Callable[[], None]:
    def run() -> None:
        combo.setCurrentIndex(combo.findData(data))

    return run


def filter_times(store: Store, rounds: int) -> dict[str, float]:
    """Median seconds per filter case, keyed by a short label."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from charter_desktop.ui.staff.console import StaffConsole

    app = QApplication.instance() or QApplication([])
    console = StaffConsole(store)
    console.resize(1280, 800)
    console.show()
    console.tabs.setCurrentWidget(console.pledges)
    page = console.pledges
    app.processEvents()
    catalogue = store.catalogue
    benefit = catalogue.benefits[0]
    event = store.current_event()

    def reset() -> None:
        for combo in (page.event_choice, page.pledger_type, page.benefit, page.action,
                      page.consent, page.status, page.synced):  # fmt: skip
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        page.on_day.blockSignals(True)
        page.on_day.setChecked(False)
        page.on_day.blockSignals(False)
        page.search.blockSignals(True)
        page.search.clear()
        page.search.blockSignals(False)
        page.apply_filter()
        app.processEvents()

    def search_text(text: str) -> Callable[[], None]:
        def setup() -> None:
            page.search.blockSignals(True)
            page.search.setText(text)
            page.search.blockSignals(False)
            page.apply_filter()

        return setup

    def keystroke(char: str) -> Callable[[], None]:
        def run() -> None:
            QTest.keyClicks(page.search, char)  # starts the debounce timer; when it fires:
            page.apply_filter()

        return run

    cases: dict[str, tuple[Callable[[], None] | None, Callable[[], None]]] = {}
    for i, char in enumerate(SEARCH_WORD):
        cases[f"search keystroke '{SEARCH_WORD[: i + 1]}'"] = (
            search_text(SEARCH_WORD[:i]),
            keystroke(char),
        )
    cases["search keystroke, no match"] = (search_text("zzq"), keystroke("x"))
    cases["event"] = (None, _pick(page.event_choice, event.id))
    cases["pledger type"] = (None, _pick(page.pledger_type, "business"))
    cases["benefit"] = (None, _pick(page.benefit, benefit.id))
    cases["action"] = (None, _pick(page.action, benefit.actions[0].id))
    cases["contact consent"] = (None, _pick(page.consent, "contact"))
    cases["status withdrawn"] = (None, _pick(page.status, "withdrawn"))
    cases["not yet at the council"] = (None, _pick(page.synced, False))
    cases["on today"] = (None, lambda: page.on_day.setChecked(True))

    results: dict[str, float] = {}
    for label, (setup, run) in cases.items():
        times = []
        for _ in range(rounds):
            reset()
            if setup is not None:
                setup()
                app.processEvents()
            start = time.perf_counter()
            run()
            page.table.viewport().repaint()  # paints the visible rows now, synchronously
            times.append(time.perf_counter() - start)
        results[label] = statistics.median(times)
    console.close()
    console.deleteLater()
    app.processEvents()
    return results
