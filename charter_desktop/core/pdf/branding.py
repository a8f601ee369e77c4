"""A council's branding for certificates (colours, logo, signatory), from files it can replace."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charter_desktop.core.resources import resource_path

BRANDING_DIR = "branding"
BRANDING_FILE = f"{BRANDING_DIR}/branding.json"
COLOUR_NAMES = ("primary", "accent", "secondary", "ink", "muted", "paper")
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


class BrandingError(Exception):
    """The branding file cannot be read or lacks something; the message names it."""


@dataclass(frozen=True)
class Branding:
    heading: str
    colours: dict[str, str]
    logo: Path | None
    signature_image: Path | None
    signatory_name: str
    signatory_title: str


def _text(data: dict[str, Any], key: str, path: Path) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise BrandingError(f"{path}: '{key}' must be text")
    return value


def _image(data: dict[str, Any], key: str, path: Path, override_dir: Path | None) -> Path | None:
    name = _text(data, key, path)
    if not name:
        return None
    found = resource_path(f"{BRANDING_DIR}/{name}", override_dir)
    if not found.is_file():
        raise BrandingError(f"{path}: the {key.replace('_', ' ')} file '{name}' does not exist")
    return found


def load_branding(override_dir: Path | None = None) -> Branding:
    """The council's branding: `override_dir`/branding/branding.json if present, else shipped.

    Images named in it are looked up the same way, so a council can replace only the logo.
    """
    path = resource_path(BRANDING_FILE, override_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BrandingError(f"cannot read the branding file {path}: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != "charter-branding":
        raise BrandingError(f'{path}: not a branding file (expected "format": "charter-branding")')
    colours = data.get("colours")
    if not isinstance(colours, dict):
        raise BrandingError(f"{path}: 'colours' must be an object")
    for name in COLOUR_NAMES:
        if not isinstance(colours.get(name), str) or not _HEX.match(colours[name]):
            raise BrandingError(f"{path}: colour '{name}' must be like #0F4C5C")
    return Branding(
        heading=_text(data, "heading", path) or "Certificate of Pledge",
        colours={name: colours[name] for name in COLOUR_NAMES},
        logo=_image(data, "logo", path, override_dir),
        signature_image=_image(data, "signature_image", path, override_dir),
        signatory_name=_text(data, "signatory_name", path),
        signatory_title=_text(data, "signatory_title", path),
    )
