"""The `charter-desktop` entry point. Opening the kiosk (no command, or `kiosk`) takes a short
way that loads only what the kiosk needs; every other command goes through the full parser
(cli.commands). Every failure becomes one line and an exit code."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from charter_desktop.cli.codes import EXIT_FAILED, EXIT_USAGE, PROG
from charter_desktop.core.catalogue import CatalogueError
from charter_desktop.core.storage.logs import setup_logging
from charter_desktop.core.storage.paths import AppPaths, resolve_paths
from charter_desktop.core.storage.permissions import restrict_new_files, tighten

log = logging.getLogger("charter_desktop.cli")


def missing_display() -> str | None:
    """Why the kiosk cannot open a window here, or None. On Linux a window needs an X or a
    Wayland display unless Qt is told to draw elsewhere (QT_QPA_PLATFORM=offscreen); without
    one Qt aborts with a message about plug-ins that wrongly blames libxcb-cursor."""
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith(("xcb", "wayland")):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "no display found: open the kiosk from a desktop session, or set DISPLAY (X11) or "
        "WAYLAND_DISPLAY (Wayland)"
    )


def open_kiosk(args: argparse.Namespace, paths: AppPaths) -> int:
    problem = missing_display()
    if problem is not None:
        print(f"{PROG}: {problem}", file=sys.stderr)
        return EXIT_FAILED
    from charter_desktop.ui.app import run_app

    return run_app(paths)


def kiosk_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The parsed arguments when `argv` only opens the kiosk (`[--data-dir DIR] [--debug]
    [kiosk]`), without building the full parser; None for anything else."""
    args = argparse.Namespace(data_dir=None, debug=False, command=None)
    items = list(argv)
    while items:
        item = items.pop(0)
        if item == "--debug":
            args.debug = True
        elif item == "--data-dir" and items and not items[0].startswith("-"):
            args.data_dir = items.pop(0)
        elif item.startswith("--data-dir=") and len(item) > len("--data-dir="):
            args.data_dir = item.split("=", 1)[1]
        elif item == "kiosk" and args.command is None and not items:
            args.command = "kiosk"
        else:
            return None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    restrict_new_files()  # before anything is created: folders 0700, files 0600
    words = sys.argv[1:] if argv is None else argv
    args = kiosk_arguments(words)
    if args is None:
        from charter_desktop.cli.commands import build_parser

        args = build_parser().parse_args(words)
    paths = resolve_paths(args.data_dir)
    try:
        setup_logging(paths.log_dir, debug=args.debug)
    except OSError as exc:
        print(f"{PROG}: cannot write logs in {paths.log_dir}: {exc.strerror}", file=sys.stderr)
        return EXIT_FAILED
    tighten(*paths.roots)  # a folder from an earlier version, or copied in
    try:
        if args.command in (None, "kiosk"):
            return open_kiosk(args, paths)
        from charter_desktop.cli.commands import run_command

        return run_command(args, paths)
    except CatalogueError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        from charter_desktop.core.storage.db import storage_failure

        problem = storage_failure(exc)
        if problem is not None:
            log.error("storage failure: %s", type(exc).__name__)
            print(f"{PROG}: {problem}", file=sys.stderr)
            return EXIT_FAILED
        log.exception("unexpected error")
        print(
            f"{PROG}: unexpected error ({type(exc).__name__}); details are in the log in "
            f"{paths.log_dir}",
            file=sys.stderr,
        )
        return EXIT_FAILED


def kiosk_main(argv: Sequence[str] | None = None) -> int:
    """`charter-desktop-kiosk`, the entry point desktop entries and kiosk sessions start: it
    opens the kiosk and takes only `--data-dir DIR` and `--debug` (on Windows it has no
    console window to print to, so every other command stays with `charter-desktop`)."""
    words = sys.argv[1:] if argv is None else list(argv)
    if kiosk_arguments(words) is None:
        print(
            f"{PROG}-kiosk: opens the kiosk and takes only --data-dir DIR and --debug; "
            f"run {PROG} for every other command",
            file=sys.stderr,
        )
        return EXIT_USAGE
    return main(words)
