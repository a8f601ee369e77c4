"""Staff see and correct a pledge's measures in the pledge dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from charter_desktop.core.store import Store
from charter_desktop.ui.staff.pledge_dialog import PledgeDialog
from tests.helpers import pledge


def test_staff_correct_a_measure_and_one_of_an_unchosen_action_is_dropped(
    qtbot: QtBot, store: Store
) -> None:
    [pledge_id] = store.add_pledges(
        [pledge(actions=["buy-from-local-area"], measures={"buy-from-local-area": 30})],
        source="cli",
        actor="test",
    ).ids
    stored = store.get_pledge(pledge_id)
    assert stored is not None
    dialog = PledgeDialog(store, stored)
    qtbot.addWidget(dialog)
    fields = dialog.measures.fields
    assert fields["buy-from-local-area"].text() == "30"
    assert fields["supported-work-placements"].text() == ""
    assert dialog.measures.form.isRowVisible(fields["buy-from-local-area"])
    assert not dialog.measures.form.isRowVisible(fields["supported-work-placements"])
    fields["buy-from-local-area"].setText("45")
    fields["supported-work-placements"].setText("3")  # its action is not chosen
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == ""
    saved = store.get_pledge(pledge_id)
    assert saved is not None and saved.measures == {"buy-from-local-area": 45}
    assert fields["supported-work-placements"].text() == ""
