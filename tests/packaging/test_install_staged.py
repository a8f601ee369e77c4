"""install.sh staged as a packager runs it (DESTDIR, no root) around a bundle folder laid out as
scripts/build_bundle.py lays it out: what it installs where, how it points links and units at
another prefix, and what it refuses. tests/packaging/test_install_root.py runs it as root."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from charter_desktop.ui.app import APP_ID
from tests.fixtures.resource_files import (
    DESKTOP_ENTRY,
    METAINFO,
    PAM_FILE,
    RESOURCES,
    SESSION_UNIT,
    SIZES,
    SVG,
)
from tests.helpers import need_tool


def fake_bundle(folder: Path) -> Path:
    """An unpacked bundle as scripts/build_bundle.py lays it out: the two executables, the
    frozen app's files, and a copy of resources/."""
    bundle = folder / "charter-desktop"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "_internal" / "libpython.so").write_bytes(b"\x7fELF")
    for name in ("charter-desktop", "charter-desktop-kiosk"):
        program = bundle / name
        program.write_text(f"#!/bin/sh\necho {name}\n")
        program.chmod(0o755)
    shutil.copytree(RESOURCES, bundle / "resources")
    return bundle


def run_install(bundle: Path, destdir: Path | None, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ["PATH"], "LC_ALL": "C"}
    if destdir is not None:
        env["DESTDIR"] = str(destdir)
    return subprocess.run(
        [need_tool("sh"), str(bundle / "resources" / "linux" / "install.sh"), *args],
        capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip


def installed_files(root: Path) -> dict[str, str]:
    """Every file and link under root: its path, and a link's target or a file's mode."""
    return {
        str(p.relative_to(root)): os.readlink(p) if p.is_symlink() else oct(p.stat().st_mode)
        for p in sorted(root.rglob("*"))
        if p.is_symlink() or p.is_file()
    }


def test_install_sh_installs_a_bundle_with_its_menu_entry_icons_and_kiosk_session(
    tmp_path: Path,
) -> None:
    bundle = fake_bundle(tmp_path / "unpacked")
    root = tmp_path / "root"
    done = run_install(bundle, root, "--kiosk-user", "kiosk")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "systemctl enable --now charter-desktop-session@kiosk.service" in done.stdout

    prefix = root / "opt" / "charter-desktop"
    for name in ("charter-desktop", "charter-desktop-kiosk"):
        assert os.access(prefix / name, os.X_OK)
        assert os.readlink(root / "usr/local/bin" / name) == f"/opt/charter-desktop/{name}"
    assert (prefix / "_internal" / "libpython.so").read_bytes() == b"\x7fELF"
    assert (prefix / "resources" / "linux" / "install.sh").is_file()
    share = root / "usr" / "share"
    assert (share / "applications" / DESKTOP_ENTRY.name).read_bytes() == DESKTOP_ENTRY.read_bytes()
    assert (share / "metainfo" / METAINFO.name).read_bytes() == METAINFO.read_bytes()
    icons = share / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / SVG.name).read_bytes() == SVG.read_bytes()
    for size in SIZES:
        assert (icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    user_unit = root / "usr/lib/systemd/user/charter-desktop-kiosk.service"
    session_unit = root / "usr/lib/systemd/system" / SESSION_UNIT.name
    assert user_unit.is_file()
    assert session_unit.read_bytes() == SESSION_UNIT.read_bytes()
    assert (root / "etc/pam.d/charter-desktop-session").read_bytes() == PAM_FILE.read_bytes()
    for path in (user_unit, session_unit, share / "applications" / DESKTOP_ENTRY.name):
        assert stat.S_IMODE(path.stat().st_mode) == 0o644

    # Again, over a changed install: the result is the same, with nothing left from before.
    first = installed_files(root)
    (prefix / "_internal" / "stale.so").write_bytes(b"old")
    again = run_install(bundle, root, "--kiosk-user", "kiosk")
    assert again.returncode == 0, again.stderr
    assert installed_files(root) == first


def test_install_sh_points_the_links_and_units_at_another_prefix(tmp_path: Path) -> None:
    bundle = fake_bundle(tmp_path / "unpacked")
    root = tmp_path / "root"
    done = run_install(bundle, root, "--prefix", "/srv/charter/", "--kiosk-user=kiosk")
    assert done.returncode == 0, done.stderr
    assert os.access(root / "srv/charter/charter-desktop-kiosk", os.X_OK)
    link = root / "usr/local/bin/charter-desktop-kiosk"
    assert os.readlink(link) == "/srv/charter/charter-desktop-kiosk"
    session = (root / "usr/lib/systemd/system" / SESSION_UNIT.name).read_text()
    assert "ExecStart=/usr/bin/cage -- /srv/charter/charter-desktop-kiosk\n" in session
    assert "/opt/charter-desktop" not in session
    assert not (root / "opt").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["--bogus"],
        ["--prefix"],
        ["--prefix", "relative/folder"],
        ["--prefix", "/"],
        ["--prefix", "/opt/with space"],
        ["--prefix", "/opt/../etc"],
        ["--kiosk-user", "root"],
        ["--kiosk-user", "Bad User"],
        ["--kiosk-user"],
        ["extra"],
    ],
    ids=" ".join,
)
def test_install_sh_refuses_bad_arguments_with_one_line_and_exit_2(
    tmp_path: Path, args: list[str]
) -> None:
    bundle = fake_bundle(tmp_path / "unpacked")
    root = tmp_path / "root"
    done = run_install(bundle, root, *args)
    assert done.returncode == 2, done
    assert done.stdout == "" and done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("install.sh: ") and "usage: install.sh" in done.stderr
    assert not root.exists()


def test_install_sh_leaves_a_folder_that_is_not_an_install_alone(tmp_path: Path) -> None:
    bundle = fake_bundle(tmp_path / "unpacked")
    root = tmp_path / "root"
    keep = root / "srv" / "data" / "precious.txt"
    keep.parent.mkdir(parents=True)
    keep.write_text("council records")
    done = run_install(bundle, root, "--prefix", "/srv/data")
    assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
    assert "is not a Charter Desktop install" in done.stderr
    assert installed_files(root) == {"srv/data/precious.txt": oct(keep.stat().st_mode)}


def test_install_sh_needs_a_bundle_around_it(tmp_path: Path) -> None:
    bundle = fake_bundle(tmp_path / "unpacked")
    (bundle / "charter-desktop-kiosk").unlink()
    done = run_install(bundle, tmp_path / "root")
    assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
    assert "charter-desktop-kiosk is missing" in done.stderr
    assert not (tmp_path / "root").exists()
