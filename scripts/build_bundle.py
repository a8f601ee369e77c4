"""Builds the self-contained bundle: DIR/charter-desktop/, a PyInstaller one-folder build that
runs with no Python installed. It holds `charter-desktop` (every command), `charter-desktop-kiosk`
(the kiosk; windowed on Windows), the `_internal/` folder both run from, and a copy of the
top-level `resources/` folder (desktop entry, icons, install script, kiosk sessions).

Usage: python scripts/build_bundle.py [--out DIR] [--clean]
  --out DIR   where to build (default build/bundle); PyInstaller's working files go in DIR/work
  --clean     start from nothing: no earlier build, no cached analysis
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "scripts" / "charter-desktop.spec"
NAME = "charter-desktop"
EXECUTABLES = ("charter-desktop", "charter-desktop-kiosk")


class Usage(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        print(f"build_bundle.py: {message} ({self.format_usage().strip()})", file=sys.stderr)
        raise SystemExit(2)


def folder_size(folder: Path) -> int:
    """Bytes of the files under `folder`, as `du --apparent-size` counts them."""
    return sum(path.lstat().st_size for path in folder.rglob("*") if not path.is_dir())


def build(out: Path, clean: bool) -> Path:
    """Build into `out` and return the bundle folder, `out`/charter-desktop."""
    try:
        import PyInstaller.__main__
    except ImportError:
        raise SystemExit("build_bundle.py: PyInstaller is not installed here") from None

    bundle, work = out / NAME, out / "work"
    if clean:
        shutil.rmtree(work, ignore_errors=True)
    arguments = ["--distpath", str(out), "--workpath", str(work), "--noconfirm", "--log-level=WARN"]
    PyInstaller.__main__.run([*arguments, *(["--clean"] if clean else []), str(SPEC)])
    suffix = ".exe" if sys.platform == "win32" else ""
    missing = [name for name in EXECUTABLES if not (bundle / f"{name}{suffix}").is_file()]
    if missing:
        raise SystemExit(f"build_bundle.py: the build made no {', '.join(missing)}")
    shutil.copytree(ROOT / "resources", bundle / "resources", dirs_exist_ok=True)
    return bundle


def main(argv: list[str] | None = None) -> int:
    parser = Usage(prog="build_bundle.py", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bundle", metavar="DIR")
    parser.add_argument("--clean", action="store_true", help="no earlier build or cache")
    args = parser.parse_args(argv)
    if args.out.exists() and not args.out.is_dir():
        parser.error(f"--out {args.out} is a file, not a folder")
    start = time.perf_counter()
    bundle = build(args.out.resolve(), args.clean)
    seconds = time.perf_counter() - start
    size = folder_size(bundle) / 2**20
    print(f"built {bundle} in {seconds:.1f} s: {size:.1f} MiB", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
