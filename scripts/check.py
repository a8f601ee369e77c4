"""Runs every check the project has, in order: lint, format, types, then the test suite.

Usage: python scripts/check.py [extra pytest arguments]. Exits with the first failure's code.
"""

from __future__ import annotations

import os
import subprocess
import sys

STEPS = [
    ("ruff lint", [sys.executable, "-m", "ruff", "check", "."]),
    ("ruff format", [sys.executable, "-m", "ruff", "format", "--check", "."]),
    ("mypy", [sys.executable, "-m", "mypy"]),
    ("pytest", [sys.executable, "-m", "pytest", *sys.argv[1:]]),
]


def main() -> int:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    for name, command in STEPS:
        print(f"== {name}", flush=True)
        code = subprocess.run(command, env=env, check=False).returncode
        if code != 0:
            print(f"== {name} failed (exit {code})", flush=True)
            return code
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
