"""Lets `python -m charter_desktop` run the same entry point as `charter-desktop`."""

from __future__ import annotations

from charter_desktop.cli import main

raise SystemExit(main())
