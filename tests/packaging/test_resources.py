"""The top-level resources/ folder as a machine meets it: the icon is the certificates' mark at
every size, the desktop entry and AppStream metadata pass the freedesktop validators and name
real screenshots and the real version, install.sh installs a bundle folder (run by a real sh
into DESTDIR), the kiosk session unit passes systemd-analyze, the Windows Shell Launcher
configuration and script name the kiosk's install path, and the running app tells the window
system its desktop entry and icon."""

from __future__ import annotations

import os
import re
import shutil
import stat
import struct
import subprocess
import sys
import time
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from charter_desktop.ui.app import APP_ID, ICON
from tests.fixtures.desktop import Desktop, start_display, visible_window
from tests.helpers import need_tool

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
SVG = RESOURCES / "icons" / f"{APP_ID}.svg"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
DESKTOP_ENTRY = RESOURCES / "linux" / f"{APP_ID}.desktop"
METAINFO = RESOURCES / "linux" / f"{APP_ID}.metainfo.xml"
SESSION_UNIT = RESOURCES / "linux" / "systemd" / "charter-desktop-session@.service"
PAM_FILE = RESOURCES / "linux" / "pam.d" / "charter-desktop-session"
SHELL_LAUNCHER = RESOURCES / "windows" / "shell-launcher.xml"
INSTALL_PS1 = RESOURCES / "windows" / "Install-CharterKiosk.ps1"
SCREENSHOTS = ROOT / "docs" / "screenshots"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

# Two renderings of the mark look the same when their premultiplied RGBA channels differ by at
# most MEAN_LIMIT on average (0-255) and at most SHARE_LIMIT of the pixels have a channel off by
# more than OFF_BY: antialiased edges differ a little between renderers, a colour or a ring's
# place does not.
MEAN_LIMIT = 0.5
OFF_BY = 16
SHARE_LIMIT = 0.01


def rgba(image: QImage) -> bytes:
    converted = image.convertToFormat(QImage.Format.Format_RGBA8888_Premultiplied)
    return bytes(converted.constBits())


def difference(first: QImage, second: QImage) -> tuple[float, float]:
    """(mean absolute difference per channel, share of pixels with a channel off by more than
    OFF_BY) between two images of one size."""
    assert first.size() == second.size()
    a, b = rgba(first), rgba(second)
    deltas = [abs(x - y) for x, y in zip(a, b, strict=True)]
    off = sum(1 for i in range(0, len(deltas), 4) if max(deltas[i : i + 4]) > OFF_BY)
    return sum(deltas) / len(deltas), off / (len(deltas) // 4)


def render(svg: Path, size: int) -> QImage:
    """The SVG drawn by Qt at size x size, antialiased, on transparency."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    renderer = QSvgRenderer(str(svg))
    assert renderer.isValid(), f"Qt cannot draw {svg}"
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def test_the_icon_is_the_mark_on_the_certificates(qapp: QApplication) -> None:
    logo = QImage(str(ICON))
    assert (logo.width(), logo.height()) == (512, 512)
    mean, share = difference(render(SVG, 512), logo)
    # Measured with Qt 6.11: mean 0.199, share 0.0043 (the edges of the rings).
    assert mean < MEAN_LIMIT and share < SHARE_LIMIT, (mean, share)


@pytest.mark.parametrize("size", SIZES)
def test_each_png_is_the_svg_drawn_at_its_size(qapp: QApplication, size: int) -> None:
    png = RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    image = QImage(str(png))
    assert (image.width(), image.height()) == (size, size), png
    assert image.hasAlphaChannel()
    mean, share = difference(image, render(SVG, size))
    # Measured with Qt 6.11: identical (mean 0, no pixel off); another Qt may round edges apart.
    assert mean < 0.05 and share == 0, (size, mean, share)


def entry_keys(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if "=" in line)


def test_the_desktop_entry_passes_desktop_file_validate_and_starts_the_kiosk() -> None:
    validated = subprocess.run(
        [need_tool("desktop-file-validate"), str(DESKTOP_ENTRY)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert validated.returncode == 0 and validated.stdout + validated.stderr == "", validated
    keys = entry_keys(DESKTOP_ENTRY)
    assert keys["Type"] == "Application" and keys["Name"] == "Charter Desktop"
    assert keys["Exec"] == "charter-desktop-kiosk"
    assert keys["Exec"] in PYPROJECT["gui-scripts"]
    assert keys["Icon"] == APP_ID == DESKTOP_ENTRY.stem


def test_the_metainfo_passes_appstreamcli_validate_pedantic() -> None:
    validated = subprocess.run(
        [need_tool("appstreamcli"), "validate", "--no-net", "--pedantic", str(METAINFO)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert validated.returncode == 0, validated.stdout + validated.stderr
    issues = re.findall(r"^([EWIP]): [^:]+:\d+: (\S+)", validated.stdout, re.M)
    # The one pedantic remark: the app id has capitals, as its reverse-DNS name was chosen.
    assert issues == [("P", "cid-contains-uppercase-letter")], validated.stdout


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and header[12:16] == b"IHDR", path
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_the_metainfo_shows_real_screenshots_and_the_package_version() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == APP_ID
    assert component.findtext("project_license") == PYPROJECT["license"]
    assert component.findtext("launchable") == DESKTOP_ENTRY.name
    binaries = {b.text for b in component.iterfind("provides/binary")}
    assert binaries == set(PYPROJECT["scripts"]) | set(PYPROJECT["gui-scripts"])
    images = component.findall("screenshots/screenshot/image")
    assert len(images) >= 4
    for image in images:
        url = image.text or ""
        assert url.startswith("https://charter.example.org/screenshots/"), url
        shot = SCREENSHOTS / url.rsplit("/", 1)[1]
        assert shot.is_file(), f"{url} names no file in docs/screenshots"
        assert (int(image.get("width", 0)), int(image.get("height", 0))) == png_size(shot), url
    assert all(s.findtext("caption") for s in component.iterfind("screenshots/screenshot"))
    releases = component.findall("releases/release")
    assert releases and releases[0].get("version") == PYPROJECT["version"]


# install.sh


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


# The kiosk session


def unit_settings(path: Path) -> dict[str, list[str]]:
    settings: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            settings.setdefault(key, []).append(value)
    return settings


def test_the_kiosk_session_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    need_tool("cage")  # verify checks that ExecStart's program exists
    shutil.copy(SESSION_UNIT, tmp_path / SESSION_UNIT.name)
    instance = tmp_path / "charter-desktop-session@kiosk.service"  # of the template beside it
    verified = subprocess.run(
        [need_tool("systemd-analyze"), "verify", str(instance)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    about_it = [line for line in verified.stderr.splitlines() if "charter-desktop-session" in line]
    assert verified.returncode == 0 and about_it == [], verified.stderr

    settings = unit_settings(SESSION_UNIT)
    assert settings["ExecStart"] == ["/usr/bin/cage -- /opt/charter-desktop/charter-desktop-kiosk"]
    assert settings["User"] == ["%i"] and settings["PAMName"] == [PAM_FILE.name]
    assert settings["Restart"] == ["always"] and settings["RestartSec"] == ["1"]
    assert settings["TTYPath"] == ["/dev/tty7"] and settings["Conflicts"] == ["getty@tty7.service"]
    pam = [line.split() for line in PAM_FILE.read_text().splitlines() if line[:1] not in "#"]
    assert ["session", "required", "pam_systemd.so"] in pam


# Windows

KIOSK_EXE = r"C:\Program Files\Charter Desktop\charter-desktop-kiosk.exe"
SL = "{http://schemas.microsoft.com/ShellLauncher/2018/Configuration}"
SL_V2 = "{http://schemas.microsoft.com/ShellLauncher/2019/Configuration}"


def test_the_shell_launcher_configuration_makes_the_kiosk_the_accounts_shell() -> None:
    configuration = ET.parse(SHELL_LAUNCHER).getroot()
    assert configuration.tag == f"{SL}ShellLauncherConfiguration"
    default = configuration.find(f"{SL}Profiles/{SL}DefaultProfile/{SL}Shell")
    assert default is not None and default.get("Shell") == r"%SystemRoot%\explorer.exe"
    profiles = configuration.findall(f"{SL}Profiles/{SL}Profile")
    assert len(profiles) == 1
    shell = profiles[0].find(f"{SL}Shell")
    assert shell is not None and shell.get("Shell") == KIOSK_EXE
    assert shell.get(f"{SL_V2}AppType") == "Desktop"
    action = shell.find(f"{SL}DefaultAction")
    assert action is not None and action.get("Action") == "RestartShell"
    config = configuration.find(f"{SL}Configs/{SL}Config")
    assert config is not None
    account = config.find(f"{SL}Account")
    bound = config.find(f"{SL}Profile")
    assert account is not None and bound is not None
    assert bound.get("Id") == profiles[0].get("Id")
    guid = r"\{[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\}"
    assert re.fullmatch(guid, bound.get("Id", ""))

    script = INSTALL_PS1.read_text(encoding="utf-8")
    defaults = dict(re.findall(r"\[string\] \$(\w+) = '([^']*)'", script))
    assert defaults["KioskExe"] == KIOSK_EXE
    assert defaults["KioskUser"] == account.get("Name")
    for needed in (r"root\standardcimv2\embedded", "WESL_UserSetting", "SetCustomShell",
                   "SetEnabled", "Client-EmbeddedShellLauncher"):  # fmt: skip
        assert needed in script


# The running app


def window_property(display: str, wid: int, *name: str, length: int = 4096) -> str:
    """The value xprop reads for the window's property `name` (with a format before it, if
    given), or "" if the window has none."""
    found = subprocess.run(
        [need_tool("xprop"), "-display", display, "-id", str(wid), "-len", str(length),
         "-notype", *name],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert found.returncode == 0, found.stderr
    return found.stdout.split("=", 1)[1].strip() if "=" in found.stdout else ""


def test_the_kiosk_window_names_its_desktop_entry_and_shows_the_icon(
    desktop: Desktop, data_dir: Path
) -> None:
    from benchmarks.startup import prepare_data_folder
    from charter_desktop.core.catalogue import load_catalogue

    display = start_display(desktop, "1280x800")
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    for name in ("CHARTER_EXIT_WHEN_SHOWN", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    kiosk = Path(sys.executable).with_name("charter-desktop-kiosk")
    desktop.start("kiosk", [str(kiosk), "--data-dir", str(prepare_data_folder(data_dir))], env=env)
    title = load_catalogue().charter_name
    deadline = time.monotonic() + 60
    while (wid := visible_window(display, title)) is None:
        assert time.monotonic() < deadline, (desktop.folder / "kiosk.err").read_text()
        time.sleep(0.2)

    # What docks and task switchers match the window to the desktop entry by.
    assert window_property(display, wid, "_GTK_APPLICATION_ID") == f'"{APP_ID}"'
    assert window_property(display, wid, "_KDE_NET_WM_DESKTOP_FILE") == f'"{APP_ID}"'
    wm_class = window_property(display, wid, "WM_CLASS")
    assert wm_class == f'"charter-desktop-kiosk", "{entry_keys(DESKTOP_ENTRY)["StartupWMClass"]}"'

    # The window's icon is the logo, pixel for pixel as Qt hands it over (ARGB, 32 bits each).
    values = window_property(display, wid, "32c", "_NET_WM_ICON", length=16 * (2 + 512 * 512))
    numbers = [int(v) for v in values.replace("\n", " ").split(",") if v.strip()]
    assert numbers[:2] == [512, 512], numbers[:2]
    pixels = struct.pack(f"<{512 * 512}I", *numbers[2 : 2 + 512 * 512])
    icon = QImage(pixels, 512, 512, QImage.Format.Format_ARGB32).copy()
    mean, share = difference(icon, QImage(str(ICON)))
    assert mean < 0.01 and share == 0, (mean, share)
