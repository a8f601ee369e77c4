"""The self-contained bundle against the pip install, in one run: the size on disk, and the
time a fresh process takes to print `--version`, to paint the kiosk and to have it take pledges.

The pip install is the README's quick start (`python3 -m venv V && V/bin/pip install ROOT`,
not editable) made in a temporary folder; the bundle is `scripts/build_bundle.py`'s, or the
one CHARTER_BUNDLE names. Both start the kiosk through `charter-desktop-kiosk` on the same
prepared data folder under QT_QPA_PLATFORM=offscreen with CHARTER_EXIT_WHEN_SHOWN=1, in turns
(bundle, pip, bundle, ...), after one untimed warm-up of each.

Usage: python benchmarks/bundle.py [--repeats N] [--bundle DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.startup import prepare_data_folder, time_to_lines

ROOT = Path(__file__).resolve().parents[1]
EXE = ".exe" if sys.platform == "win32" else ""


@dataclass(frozen=True)
class Figures:
    bundle_mb: float
    venv_mb: float
    python_mb: float  # the interpreter and standard library a venv needs beside it
    bundle_build_s: float
    pip_install_s: float
    version_bundle_s: float
    version_pip_s: float
    shown_bundle_s: float
    shown_pip_s: float
    ready_bundle_s: float
    ready_pip_s: float


def folder_mb(folder: Path) -> float:
    """Bytes of every file under `folder` (symlinks not followed), in MB."""
    total = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(root) / name
            if not path.is_symlink():
                total += path.stat().st_size
    return total / 1e6


def python_mb() -> float:
    """The interpreter and standard library a venv runs on (not the packages installed beside
    them), in MB."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    packages = sum(folder_mb(stdlib / name) for name in ("site-packages", "dist-packages"))
    return folder_mb(stdlib) - packages + Path(sys.executable).resolve().stat().st_size / 1e6


def build_bundle(out: Path) -> tuple[Path, float]:
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_bundle.py"), "--out", str(out)],
                   check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    return out / "charter-desktop", time.perf_counter() - start


def pip_install(venv: Path) -> tuple[Path, float]:
    """The quick start's install, into `venv`; its bin folder and the seconds it took."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    scripts = venv / ("Scripts" if sys.platform == "win32" else "bin")
    subprocess.run([str(scripts / f"pip{EXE}"), "install", "-q", str(ROOT)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    return scripts, time.perf_counter() - start


def probe_env() -> dict[str, str]:
    """The offscreen start-up probe's variables, with nothing pointing at this checkout: each
    side runs only what it installed."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return dict(env, QT_QPA_PLATFORM="offscreen", CHARTER_EXIT_WHEN_SHOWN="1")


def _version_seconds(command: Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(command), "--version"], check=True, stdout=subprocess.DEVNULL,
                   env=probe_env(), cwd=tempfile.gettempdir())  # fmt: skip
    return time.perf_counter() - start


def measure(tmp: Path, repeats: int, bundle: Path | None = None) -> Figures:
    built = 0.0
    if bundle is None:
        bundle, built = build_bundle(tmp / "bundle")
    scripts, installed = pip_install(tmp / "venv")
    folder = prepare_data_folder(tmp / "data")
    sides = {"bundle": bundle, "pip": scripts}
    version: dict[str, list[float]] = {side: [] for side in sides}
    shown: dict[str, list[float]] = {side: [] for side in sides}
    ready: dict[str, list[float]] = {side: [] for side in sides}
    for warm_up in (True, *([False] * repeats)):
        for side, where in sides.items():
            seconds = _version_seconds(where / f"charter-desktop{EXE}")
            kiosk = [str(where / f"charter-desktop-kiosk{EXE}"), "--data-dir", str(folder)]
            paint, takes = time_to_lines(kiosk, "kiosk shown", "kiosk ready", env=probe_env())
            if not warm_up:
                version[side].append(seconds)
                shown[side].append(paint)
                ready[side].append(takes)
    return Figures(
        bundle_mb=folder_mb(bundle),
        venv_mb=folder_mb(tmp / "venv"),
        python_mb=python_mb(),
        bundle_build_s=built,
        pip_install_s=installed,
        version_bundle_s=statistics.median(version["bundle"]),
        version_pip_s=statistics.median(version["pip"]),
        shown_bundle_s=statistics.median(shown["bundle"]),
        shown_pip_s=statistics.median(shown["pip"]),
        ready_bundle_s=statistics.median(ready["bundle"]),
        ready_pip_s=statistics.median(ready["pip"]),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--bundle", type=Path, default=os.environ.get("CHARTER_BUNDLE"),
                        help="a built bundle folder (default: build one)")  # fmt: skip
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="charter-bundle-bench-") as tmp:
        f = measure(Path(tmp), args.repeats, args.bundle.resolve() if args.bundle else None)
    print(
        f"size on disk: bundle {f.bundle_mb:.0f} MB; pip install {f.venv_mb:.0f} MB "
        f"(+ {f.python_mb:.0f} MB of Python it runs on) -> {f.bundle_mb / f.venv_mb:.2f}x"
    )
    print(
        f"made in: bundle {f.bundle_build_s:.0f} s (0 if given); pip install "
        f"{f.pip_install_s:.0f} s"
    )
    print(
        f"--version: bundle {f.version_bundle_s * 1000:.0f} ms; pip install "
        f"{f.version_pip_s * 1000:.0f} ms -> {f.version_bundle_s / f.version_pip_s:.2f}x"
    )
    print(
        f"kiosk shown: bundle {f.shown_bundle_s * 1000:.0f} ms; pip install "
        f"{f.shown_pip_s * 1000:.0f} ms -> {f.shown_bundle_s / f.shown_pip_s:.2f}x"
    )
    print(
        f"kiosk taking pledges: bundle {f.ready_bundle_s * 1000:.0f} ms; pip install "
        f"{f.ready_pip_s * 1000:.0f} ms -> {f.ready_bundle_s / f.ready_pip_s:.2f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
