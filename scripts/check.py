"""Runs every check the project has, in order: lint, format, types, import contracts, then the
test suite and the quick benchmarks.

Usage: python scripts/check.py [extra pytest arguments]. Exits with the first failure's code.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks" / "run.py"
QUICK_JSON = str(Path(tempfile.gettempdir()) / "charter-benchmarks-quick.json")
STEPS = [
    ("ruff lint", [sys.executable, "-m", "ruff", "check", "."]),
    ("ruff format", [sys.executable, "-m", "ruff", "format", "--check", "."]),
    ("mypy", [sys.executable, "-m", "mypy"]),
    # The import contracts in pyproject.toml: the layers, and what core, hub and UI may import.
    ("import contracts", [str(Path(sys.executable).with_name("lint-imports"))]),
    ("pytest", [sys.executable, "-m", "pytest", *sys.argv[1:]]),
    # The performance targets as ratios against raw baselines (README, Performance): under a
    # minute, failing only beyond the documented noise allowance.
    ("benchmarks (quick)", [sys.executable, str(BENCHMARKS), "--quick", "--json", QUICK_JSON]),
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
