"""Regenerates the translation files from the source: every tr()/translate() string of the UI
goes into resources/translations/charter_desktop_en.ts (English, the source language, with
each translation equal to its source so the file is a complete template for a translator),
and Qt's lrelease compiles each .ts into the .qm the app loads.

Usage: python scripts/update_translations.py [--check]
--check exits 1, writing nothing, when the shipped English file lacks a string of the source
or holds one the source no longer has.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "charter_desktop" / "ui"
TRANSLATIONS = ROOT / "charter_desktop" / "resources" / "translations"
ENGLISH = TRANSLATIONS / "charter_desktop_en.ts"


def qt_tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease, from the same environment as this Python."""
    beside = Path(sys.executable).with_name(f"pyside6-{name}")
    found = str(beside) if beside.exists() else shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} was not found; install PySide6-Essentials")
    return found


def sources() -> list[str]:
    return sorted(os.path.relpath(p, TRANSLATIONS) for p in UI.rglob("*.py"))


def messages(ts_file: Path) -> set[tuple[str, str]]:
    """(context, source) of every message in a .ts file."""
    root = ET.parse(ts_file).getroot()  # noqa: S314 - our own generated file
    return {
        (ctx.findtext("name") or "", msg.findtext("source") or "")
        for ctx in root.iter("context")
        for msg in ctx.iter("message")
    }


def extract(target: Path) -> None:
    """Run lupdate over the UI source into `target` (paths relative to the translations)."""
    subprocess.run(
        [
            qt_tool("lupdate"),
            *sources(),
            "-locations",
            "relative",
            "-no-obsolete",
            "-source-language",
            "en",
            "-target-language",
            "en",
            "-ts",
            str(target),
        ],
        cwd=TRANSLATIONS,
        check=True,
        stdout=subprocess.DEVNULL,
    )


# A count in the UI is tr("%n pledge(s)", "", n): Qt puts n for %n (%Ln: with the locale's
# digit grouping) and picks the form from the translation. A plural source marks the plural
# ending of its noun with one of these; English's singular and plural forms replace the mark
# (first match wins, so the irregular words come before the plain endings).
PLURAL_MARKS: tuple[tuple[str, str, str], ...] = (
    ("person(s)", "person", "people"),
    ("(es)", "", "es"),
    ("(s)", "", "s"),
)


def english_forms(source: str) -> tuple[str, str]:
    """The English singular and plural of a plural source: "%n pledge(s)" gives "%n pledge"
    and "%n pledges"; a source with no plural mark is an error (its count would read wrong)."""
    for mark, singular, plural in PLURAL_MARKS:
        if mark in source:
            return source.replace(mark, singular), source.replace(mark, plural)
    marks = ", ".join(mark for mark, _, _ in PLURAL_MARKS)
    raise SystemExit(f"a plural source needs a plural mark ({marks}): {source!r}")


def finish_english(ts_file: Path) -> None:
    """English is the source language: each translation is its own source text (for a
    plural, "%n item(s)" becomes "%n item" and "%n items", see PLURAL_MARKS)."""
    tree = ET.parse(ts_file)  # noqa: S314 - our own generated file
    for msg in tree.getroot().iter("message"):
        translation = msg.find("translation")
        if translation is None:
            continue
        source = msg.findtext("source") or ""
        forms = translation.findall("numerusform")
        if msg.get("numerus") == "yes":
            for form in forms:
                translation.remove(form)
            for text in english_forms(source):
                ET.SubElement(translation, "numerusform").text = text
        else:
            translation.text = source
        translation.attrib.pop("type", None)
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)


def compile_all() -> None:
    for ts_file in sorted(TRANSLATIONS.glob("*.ts")):
        subprocess.run(
            [qt_tool("lrelease"), "-silent", str(ts_file), "-qm", str(ts_file.with_suffix(".qm"))],
            check=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only; write nothing")
    args = parser.parse_args()
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / "fresh.ts"
            shutil.copy(ENGLISH, fresh)
            extract(fresh)
            missing = messages(fresh) - messages(ENGLISH)
            stale = messages(ENGLISH) - messages(fresh)
        for context, text in sorted(missing):
            print(f"not in {ENGLISH.name}: [{context}] {text!r}")
        for context, text in sorted(stale):
            print(f"no longer in the source: [{context}] {text!r}")
        if missing or stale:
            print("run: python scripts/update_translations.py")
            return 1
        return 0
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    extract(ENGLISH)
    finish_english(ENGLISH)
    compile_all()
    print(f"{len(messages(ENGLISH))} strings in {ENGLISH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
