"""What the attendee is told when a field needs changing, in plain translatable words."""

from __future__ import annotations

from charter_desktop.core.errors import FieldError
from charter_desktop.ui.kiosk.widgets import translate


def _measure_message(error: FieldError) -> str:
    if "negative" in error.message:
        return translate(
            "FieldMessages", "Please enter a number of zero or more, or leave this empty."
        )
    if "at most" in error.message:
        return translate(
            "FieldMessages", "This number is larger than we expected; please check it."
        )
    return translate("FieldMessages", "Please enter a number, or leave this empty.")


def field_message(error: FieldError) -> str:
    """Plain words for a core validation error, for the field it names."""
    consent = "consent" in error.message
    too_long = "limit is" in error.message
    control = "control character" in error.message
    if control:
        return translate("FieldMessages", "Please remove the special characters from this field.")
    if too_long:
        return translate("FieldMessages", "This is too long; please shorten it.")
    if error.field == "name":
        return translate("FieldMessages", "Please enter a name to show on your certificate.")
    if error.field == "pledger_type":
        return translate("FieldMessages", "Please choose who you are pledging as.")
    if error.field in ("actions", "pledge_text"):
        return translate(
            "FieldMessages",
            "Please choose at least one action, or write your pledge in your own words.",
        )
    if error.field == "email":
        if consent:
            return translate(
                "FieldMessages",
                "To keep your email address, tick “Contact me” below, or clear the email.",
            )
        return translate(
            "FieldMessages", "This is not an email address. It should look like name@example.org."
        )
    if error.field == "phone":
        if consent:
            return translate(
                "FieldMessages",
                "To keep your phone number, tick “Contact me” below, or clear the number.",
            )
        return translate(
            "FieldMessages", "This is not a phone number. Use digits, spaces and + ( ) - only."
        )
    if error.field.startswith("measures"):
        return _measure_message(error)
    if error.field == "postcode":
        return translate("FieldMessages", "This is not a UK postcode. It should look like SG1 1HN.")
    return error.message
