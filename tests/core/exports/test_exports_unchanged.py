"""The exports other tools read do not change by accident: a kiosk database made by demo
(tests/data/exports/kiosk.sqlite3) exports, through the real command, to exactly the bytes
of the files beside it, which the release before the core's restructuring wrote from it.
Only the moment of export differs (JSON's `exported_at`, the XLSX file's creation time)."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.helpers import run_cli

DATA = Path(__file__).resolve().parents[2] / "data" / "exports"
STAMP = re.compile(rb'"exported_at": "[^"]+"')


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("kiosk")
    shutil.copy(DATA / "kiosk.sqlite3", folder / "charter.sqlite3")
    out: dict[str, bytes] = {}
    for kind in ("json", "csv", "xlsx"):
        path = folder.parent / f"{folder.name}.{kind}"
        result = run_cli(folder, "export", "--format", kind, "--out", str(path))
        assert result.returncode == 0, result.stderr
        out[kind] = path.read_bytes()
    return out


def test_the_csv_export_is_byte_identical(exported: dict[str, bytes]) -> None:
    assert exported["csv"] == (DATA / "export.csv").read_bytes()


def test_the_json_export_is_byte_identical_but_for_its_time(exported: dict[str, bytes]) -> None:
    expected = (DATA / "export.json").read_bytes()
    assert STAMP.search(exported["json"]) and STAMP.search(expected)
    assert STAMP.sub(b"", exported["json"]) == STAMP.sub(b"", expected)


def _members(data: bytes) -> dict[str, bytes]:
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return {name: book.read(name) for name in book.namelist()}


def test_the_xlsx_export_is_byte_identical_but_for_its_time(exported: dict[str, bytes]) -> None:
    made, expected = _members(exported["xlsx"]), _members((DATA / "export.xlsx").read_bytes())
    assert sorted(made) == sorted(expected)
    assert "xl/worksheets/sheet1.xml" in made
    for name in expected:
        if name != "docProps/core.xml":  # openpyxl writes the creation time there
            assert made[name] == expected[name], name
