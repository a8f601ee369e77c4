"""UK postcodes as the figures count them: by district, the outward code's area and number."""

from __future__ import annotations

import re

_DISTRICT = re.compile(r"^([A-Z]{1,2}[0-9][0-9]?)")


def postcode_district(postcode: str | None) -> str | None:
    """The postcode district (the outward code's area and district number): "SG1" from
    "SG1 2AB", "EC1" from "EC1A 1BB"; None when there is no usable postcode.

    Every figure by district goes through this one function, so it can later be fed from a
    stored district column instead."""
    if not postcode:
        return None
    compact = postcode.upper().replace(" ", "")
    if len(compact) < 5:
        return None
    match = _DISTRICT.match(compact[:-3])
    return match.group(1) if match else None
