"""Files shipped with the app (catalogue, schema, fonts, branding), with a council's overrides."""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"


def resource_path(name: str, override_dir: Path | None = None) -> Path:
    """The shipped resource `name`, or the council's own copy in `override_dir` if it has one."""
    if override_dir is not None:
        candidate = override_dir / name
        if candidate.is_file():
            return candidate
    return RESOURCES_DIR / name
