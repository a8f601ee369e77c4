"""The top-level resources/ folder as a machine meets it: the icon is the certificates' mark at
every size, the desktop entry and AppStream metadata pass the freedesktop validators and name
real screenshots and the real version, the kiosk session unit and the user unit pass
systemd-analyze, the Windows Shell Launcher configuration and script name the kiosk's install
path, and the running app tells the window system its desktop entry and icon. install.sh has
test_install_staged.py and test_install_root.py."""

from __future__ import annotations

import os
import re
import shutil
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
from tests.fixtures.resource_files import (
    DESKTOP_ENTRY,
    METAINFO,
    PAM_FILE,
    RESOURCES,
    SESSION_UNIT,
    SIZES,
    SVG,
    USER_UNIT,
)
from tests.helpers import need_tool

ROOT = Path(__file__).resolve().parents[2]
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
    # Measured with Qt 6.11: identical (mean 0, no pixel off); another Qt may round edges apart,
    # so the limits are the logo's.
    assert mean < MEAN_LIMIT and share < SHARE_LIMIT, (size, mean, share)


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
    # No error, warning or info; with appstream 0.16 the one pedantic remark is that the app id
    # has capitals, as its reverse-DNS name was chosen.
    assert [kind for kind, _ in issues if kind != "P"] == [], validated.stdout


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
    assert settings["TTYPath"] == ["/dev/tty7"]
    assert settings["Conflicts"] == ["getty@tty7.service display-manager.service"]
    assert settings["NoNewPrivileges"] == ["yes"]
    pam = [line.split() for line in PAM_FILE.read_text().splitlines() if line[:1] not in "#"]
    assert ["session", "required", "pam_systemd.so"] in pam
    # Nothing else that uses this PAM service signs anyone in without a password.
    assert ["auth", "required", "pam_unix.so"] in pam
    assert not any("nullok" in line for line in pam)


def test_the_kiosk_user_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    kiosk = tmp_path / "charter-desktop-kiosk"  # the installed kiosk's stand-in: verify wants one
    kiosk.write_text("#!/bin/sh\n")
    kiosk.chmod(0o755)
    unit = tmp_path / USER_UNIT.name
    unit.write_text(USER_UNIT.read_text().replace("/opt/charter-desktop", str(tmp_path)))
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    verified = subprocess.run(
        [need_tool("systemd-analyze"), "--user", "verify", str(unit)],
        capture_output=True, text=True, timeout=60,
        env=dict(os.environ, XDG_RUNTIME_DIR=str(runtime)),
    )  # fmt: skip
    about_it = [line for line in verified.stderr.splitlines() if USER_UNIT.name in line]
    assert verified.returncode == 0 and about_it == [], verified.stderr


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
