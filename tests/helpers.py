"""Shared helpers for tests: running the real command line in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path


def run_cli(
    data_dir: Path | None,
    *args: str,
    stdin: str | None = None,
    timeout: float = 120,
    preexec_fn: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    """`python -m charter_desktop [--data-dir D] ARGS` as a user would run it."""
    command = [sys.executable, "-m", "charter_desktop"]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [*command, *args],
        check=False,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        encoding="utf-8",
        preexec_fn=preexec_fn,
    )


def pledge(**fields: object) -> dict[str, object]:
    """A valid pledge input, with `fields` overriding the defaults."""
    base: dict[str, object] = {
        "name": "Amelia Patel",
        "pledger_type": "resident",
        "actions": ["buy-from-local-area"],
    }
    base.update(fields)
    return base
