"""Postcode districts, which every figure by district counts by."""

from __future__ import annotations

import pytest

from charter_desktop.core.postcodes import postcode_district


@pytest.mark.parametrize(
    ("postcode", "district"),
    [
        ("SG1 2AB", "SG1"),
        ("sg12ab", "SG1"),
        ("SG11 9ZZ", "SG11"),
        ("EC1A 1BB", "EC1"),
        ("W1A 0AX", "W1"),
        ("M1 1AE", "M1"),
        (None, None),
        ("", None),
        ("SG1", None),
    ],
)
def test_postcode_district(postcode: str | None, district: str | None) -> None:
    assert postcode_district(postcode) == district
