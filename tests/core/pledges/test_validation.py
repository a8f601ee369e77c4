"""The validator: what a kiosk, a CLI import or a paper card may store, and the messages."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from charter_desktop.core.catalogue import load_catalogue
from charter_desktop.core.errors import ValidationError
from charter_desktop.core.pledges.validation import validate_pledge
from tests.helpers import pledge

CATALOGUE = load_catalogue()


def errors_of(data: object) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        validate_pledge(data, CATALOGUE)
    return {e.field: e.message for e in caught.value.errors}


def test_minimal_pledge_needs_only_name_type_and_an_action() -> None:
    result = validate_pledge(pledge(), CATALOGUE)
    assert result.name == "Amelia Patel"
    assert result.actions == ("buy-from-local-area",)
    assert result.consent_contact is False and result.status == "active"


def test_own_words_alone_is_a_pledge() -> None:
    result = validate_pledge(pledge(actions=[], pledge_text="I will shop locally."), CATALOGUE)
    assert result.pledge_text == "I will shop locally."


def test_every_required_field_is_named() -> None:
    errors = errors_of({"name": "  ", "pledger_type": "alien"})
    assert set(errors) == {"name", "pledger_type", "actions"}
    assert "required" in errors["name"]
    assert "resident" in errors["pledger_type"]


@pytest.mark.parametrize(
    "name",
    ["محمد الأحمد", "李娜", "Łucja Wiśniewska", "Zoë 👩🏽‍🚀", "Siân O'Neill-Ó Briain", "דוד"],
)
def test_names_in_any_script_are_kept_exactly(name: str) -> None:
    assert validate_pledge(pledge(name=name), CATALOGUE).name == name


def test_text_is_nfc_normalised_and_trimmed() -> None:
    decomposed = "Zoe\u0308 Smith"
    result = validate_pledge(pledge(name=f"  {decomposed}\t"), CATALOGUE)
    assert result.name == unicodedata.normalize("NFC", decomposed) == "Zoë Smith"


@pytest.mark.parametrize("bad", ["Amy\x00", "Amy\x1b[31m", "Amy\u2028Smith", "Amy\ud800"])
def test_control_characters_in_a_name_are_refused(bad: str) -> None:
    assert "control character" in errors_of(pledge(name=bad))["name"]


def test_pledge_text_keeps_newlines_but_not_other_controls() -> None:
    result = validate_pledge(pledge(pledge_text="Line one\r\nLine two\tend"), CATALOGUE)
    assert result.pledge_text == "Line one\nLine two\tend"
    assert "control character" in errors_of(pledge(pledge_text="bell\x07"))["pledge_text"]


def test_lengths_are_limited() -> None:
    assert "limit is 100" in errors_of(pledge(name="x" * 101))["name"]
    assert validate_pledge(pledge(name="x" * 100), CATALOGUE).name == "x" * 100
    assert "limit is 1000" in errors_of(pledge(pledge_text="y" * 1001))["pledge_text"]
    assert "limit is 200" in errors_of(pledge(organisation="z" * 201))["organisation"]


def test_unknown_and_repeated_actions_are_refused() -> None:
    assert (
        "unknown action id 'fly-to-mars'" in errors_of(pledge(actions=["fly-to-mars"]))["actions"]
    )
    repeated = ["local-supply-chains", "local-supply-chains"]
    assert "more than once" in errors_of(pledge(actions=repeated))["actions"]
    assert "list" in errors_of(pledge(actions="local-supply-chains"))["actions"]


def test_contact_details_need_consent() -> None:
    errors = errors_of(pledge(email="amy@example.org", phone="01438 242242"))
    assert "consent" in errors["email"] and "consent" in errors["phone"]
    ok = validate_pledge(
        pledge(email="amy@example.org", phone="+44 1438 242242", consent_contact=True), CATALOGUE
    )
    assert ok.email == "amy@example.org" and ok.phone == "+44 1438 242242"


@pytest.mark.parametrize("email", ["amy", "amy@", "@example.org", "amy@example", "a b@x.org"])
def test_malformed_email_is_refused(email: str) -> None:
    assert "email address" in errors_of(pledge(email=email, consent_contact=True))["email"]


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("sg1 1hn", "SG1 1HN"),
        ("SG11HN", "SG1 1HN"),
        ("EC1A 1BB", "EC1A 1BB"),
        ("w1a0ax", "W1A 0AX"),
    ],
)
def test_uk_postcodes_are_normalised(given: str, stored: str) -> None:
    assert validate_pledge(pledge(postcode=given), CATALOGUE).postcode == stored


@pytest.mark.parametrize("postcode", ["12345", "SG1", "SG1 1H", "ZZZZ 999"])
def test_non_uk_postcodes_are_refused(postcode: str) -> None:
    assert "UK postcode" in errors_of(pledge(postcode=postcode))["postcode"]


def test_types_are_checked_not_coerced() -> None:
    errors = errors_of(pledge(consent_contact="yes", id="not-a-uuid",
                              created_at="yesterday", status="deleted"))  # fmt: skip
    assert set(errors) == {"consent_contact", "id", "created_at", "status"}


def test_times_need_a_zone_and_are_kept_in_utc() -> None:
    assert "zone" in errors_of(pledge(created_at="2026-05-14T10:30:00"))["created_at"]
    result = validate_pledge(pledge(created_at="2026-05-14T11:30:00+01:00"), CATALOGUE)
    assert result.created_at is not None and result.created_at.isoformat() == (
        "2026-05-14T10:30:00+00:00"
    )


def test_unknown_fields_are_named() -> None:
    assert errors_of(pledge(nmae="typo")) == {"nmae": "is not a pledge field"}


def test_a_non_object_is_refused() -> None:
    assert errors_of(["a", "list"]) == {"pledge": "must be a JSON object"}


def test_naughty_strings_are_refused_cleanly_or_kept(naughty_strings: list[str]) -> None:
    kept = refused = 0
    for text in naughty_strings:
        name = text[:100] or "x"
        try:
            result = validate_pledge(pledge(name=name, pledge_text=text[:1000]), CATALOGUE)
        except ValidationError as exc:
            assert exc.errors and all(e.field in ("name", "pledge_text") for e in exc.errors), exc
            refused += 1
        else:
            # Kept as typed, only normalised (NFC) and trimmed: never blank, never altered.
            assert result.name == unicodedata.normalize("NFC", name).strip() != ""
            kept += 1
    assert kept > 400 and refused > 0


def test_the_one_pass_character_check_refuses_exactly_the_refused_categories() -> None:
    from charter_desktop.core.text import _REFUSED_ANY, _REFUSED_CATEGORIES

    for code in range(sys.maxunicode + 1):
        char = chr(code)
        refused = unicodedata.category(char) in _REFUSED_CATEGORIES
        assert (_REFUSED_ANY.search(char) is not None) == refused, f"U+{code:04X}"
