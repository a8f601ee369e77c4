"""Paper pledge cards from a CSV: the template imports; bad rows are listed and not stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter_desktop.core.pledges.paper_cards import PaperFileError, import_paper_csv
from charter_desktop.core.resources import resource_path
from charter_desktop.core.store import Store

# The template's header, as staff see it in the spreadsheet (and as the shipped file has it).
HEADER = (
    "name,pledger_type,organisation,email,phone,postcode,actions,pledge_text,"
    "consent_contact,consent_publish_name,measures\r\n"
)


def test_the_shipped_template_imports_as_a_paper_pledge(store: Store) -> None:
    result = import_paper_csv(store, resource_path("paper-pledge-template.csv"))
    assert result.rejected == [] and len(result.ids) == 1
    stored = store.get_pledge(result.ids[0])
    assert stored is not None and stored.source == "paper"
    assert stored.actions == ("shop-local-or-volunteer", "careers-advice-in-schools")
    assert stored.consent_contact is True and stored.postcode == "SG1 3AA"
    assert stored.measures == {"careers-advice-in-schools": 6}
    assert store.count_pledges(store.current_event().id) == 1


def test_rejected_rows_are_listed_with_reasons_and_nothing_of_them_is_stored(
    store: Store, tmp_path: Path
) -> None:
    rows = [
        '"Good, Person",resident,,,,,buy-from-local-area,,no,yes',
        "Secret Sam,resident,,sam@example.org,,,buy-from-local-area,,no,no",
        "Bad Type,martian,,,,,buy-from-local-area,,no,no",
        "Maybe Mo,resident,,,,,buy-from-local-area,,perhaps,no",
        ",,,,,,,,,",
        'Multi Line,resident,,,,,,"line one\nline two",no,no',
    ]
    path = tmp_path / "cards.csv"
    path.write_text("\ufeff" + HEADER + "\r\n".join(rows) + "\r\n", encoding="utf-8")
    result = import_paper_csv(store, path)
    assert [(r.row, r.reason.split(":")[0]) for r in result.rejected] == [
        (3, "email"),
        (4, "pledger_type"),
        (5, "consent_contact"),
    ]
    names = sorted(p.name for p in store.list_pledges())
    assert names == ["Good, Person", "Multi Line"]
    assert "Secret Sam" not in store.paths.database.read_bytes().decode("latin-1")


def test_a_file_that_is_not_the_template_is_refused_whole(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("full_name,type\r\nA,b\r\n", encoding="utf-8")
    with pytest.raises(PaperFileError):
        import_paper_csv(store, path)
    assert store.list_pledges() == []


def test_measures_on_paper_cards(store: Store, tmp_path: Path) -> None:
    rows = [
        "Placer,business,Acme,,,,supported-work-placements,,no,no,supported-work-placements=4",
        "Garbled,resident,,,,,buy-from-local-area,,no,no,buy-from-local-area",
        "Too Many,resident,,,,,buy-from-local-area,,no,no,buy-from-local-area=250",
    ]
    path = tmp_path / "cards.csv"
    path.write_text(HEADER + "\r\n".join(rows) + "\r\n", encoding="utf-8")
    result = import_paper_csv(store, path)
    assert [(r.row, r.reason.split(":")[0]) for r in result.rejected] == [
        (3, "measures"),
        (4, "measures.buy-from-local-area"),
    ]
    [stored] = store.list_pledges()
    assert stored.measures == {"supported-work-placements": 4}
