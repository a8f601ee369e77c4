"""Cleaning of free text from the public: Unicode NFC, no control characters, limited length.
And `counted`, the one way the core and the command line put a count before a noun."""

from __future__ import annotations

import re
import unicodedata

# Categories never accepted: C0/C1 controls (Cc), lone surrogates (Cs, which cannot even be
# written as UTF-8), and the line/paragraph separators (Zl, Zp). Format characters (Cf) are
# kept, since emoji sequences and right-to-left names depend on ZWJ and direction marks.
_REFUSED_CATEGORIES = {"Cc", "Cs", "Zl", "Zp"}
# The same characters as one pattern (Unicode keeps these four categories fixed), so text
# with none of them, nearly all of it, is checked in one pass instead of per character.
_REFUSED_ANY = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")
_MULTILINE_ALLOWED = {"\n", "\t"}


class TextError(ValueError):
    """The text breaks a rule; the message says which, in words for the person who typed it."""


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def _check_characters(text: str, allowed: set[str]) -> None:
    if _REFUSED_ANY.search(text) is None:
        return
    for char in text:
        if char in allowed:
            continue
        if unicodedata.category(char) in _REFUSED_CATEGORIES:
            raise TextError(f"contains a control character ({_describe(char)})")


def clean_line(value: object, max_length: int) -> str:
    """One line of text (a name, an organisation): NFC, trimmed, no control characters."""
    if not isinstance(value, str):
        raise TextError("must be text")
    text = unicodedata.normalize("NFC", value).strip()
    _check_characters(text, set())
    if len(text) > max_length:
        raise TextError(f"is {len(text)} characters long; the limit is {max_length}")
    return text


def clean_multiline(value: object, max_length: int) -> str:
    """Several lines of text (a pledge in own words): as clean_line, but newlines and tabs kept.

    Windows and old Mac line endings and the Unicode line separators become `\\n`.
    """
    if not isinstance(value, str):
        raise TextError("must be text")
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text = unicodedata.normalize("NFC", text).strip()
    _check_characters(text, _MULTILINE_ALLOWED)
    if len(text) > max_length:
        raise TextError(f"is {len(text)} characters long; the limit is {max_length}")
    return text


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and the noun in the number it takes: "1 pledge", "0 pledges", "2 batches" (the
    plural is the noun with "s" unless given). The Qt screens use tr()'s %n instead."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"
