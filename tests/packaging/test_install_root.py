"""install.sh as a council's IT team runs it: as root, on the machine itself, with the real
bundle. Each test runs it in a private mount namespace where /usr, /etc, /opt, /home and /var
are overlays over the machine's own, so it writes where it would on a laptop (accounts made
with useradd included) while every change lands in the test's folders and the machine is
left as it was."""

from __future__ import annotations

import glob
import os
import shlex
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

import charter_desktop
from charter_desktop.ui.app import APP_ID
from tests.helpers import REQUIRE_TOOLS, need_tool

# Where install.sh and useradd write: programs, menus and units; accounts and PAM; the bundle;
# home folders; lastlog and mail spools.
OVERLAID = ("/usr", "/etc", "/opt", "/home", "/var")


@dataclass
class Installed:
    done: subprocess.CompletedProcess[str]
    upper: Path  # what the run wrote: upper/usr, upper/etc, upper/opt

    def wrote(self, path: str) -> Path:
        return self.upper / path.lstrip("/")


def as_root(tmp_path: Path, script: str) -> Installed:
    """`script` run by sh as root with /usr, /etc and /opt overlaid; its result and writes."""
    if os.geteuid() != 0:
        if REQUIRE_TOOLS:
            pytest.fail("installing as root needs root (as on CI)")
        pytest.skip("installing as root needs root")
    unshare = need_tool("unshare")
    need_tool("useradd")
    upper, work = tmp_path / "upper", tmp_path / "work"
    mounts = []
    for folder in OVERLAID:
        name = folder.strip("/")
        (upper / name).mkdir(parents=True, exist_ok=True)  # a test may have put whiteouts
        (work / name).mkdir(parents=True)
        if not os.path.isdir(folder):
            os.makedirs(folder)  # an empty /opt or /home, as a minimal system may lack
        options = f"lowerdir={folder},upperdir={upper / name},workdir={work / name}"
        mounts.append(f"mount -t overlay overlay -o {shlex.quote(options)} {folder}")
    done = subprocess.run(
        [unshare, "--mount", "--propagation", "private", "--",
         "/bin/sh", "-c", " && ".join(mounts) + f" && {{ {script}\n}}"],
        capture_output=True, text=True, timeout=300, check=False,
        env={"PATH": "/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C"},
    )  # fmt: skip
    return Installed(done, upper)


def install_sh(bundle: Path) -> str:
    return shlex.quote(str(bundle / "resources" / "linux" / "install.sh"))


def test_a_root_install_puts_the_app_in_the_menu_and_its_commands_on_the_path(
    bundle: Path, tmp_path: Path
) -> None:
    result = as_root(
        tmp_path,
        f"useradd -m kiosk && {install_sh(bundle)} --kiosk-user kiosk"
        " && charter-desktop --version && command -v charter-desktop-kiosk",
    )
    done = result.done
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert "Charter Desktop is installed in /opt/charter-desktop" in lines[0]
    # Every system library the bundle takes from the machine is here (CI installs them).
    assert "lacks" not in done.stdout
    assert "systemctl enable --now charter-desktop-session@kiosk.service" in done.stdout
    assert lines[-2:] == [
        f"charter-desktop {charter_desktop.__version__}",
        "/usr/local/bin/charter-desktop-kiosk",
    ]
    assert os.access(result.wrote("/opt/charter-desktop/charter-desktop-kiosk"), os.X_OK)
    assert result.wrote(f"/usr/share/applications/{APP_ID}.desktop").is_file()
    assert result.wrote(f"/usr/share/icons/hicolor/256x256/apps/{APP_ID}.png").is_file()
    assert result.wrote("/usr/lib/systemd/user/charter-desktop-kiosk.service").is_file()
    assert result.wrote("/usr/lib/systemd/system/charter-desktop-session@.service").is_file()
    assert result.wrote("/etc/pam.d/charter-desktop-session").is_file()


@pytest.mark.parametrize(
    ("setup", "user", "says"),
    [
        ("useradd -r sysacct", "sysacct", "'sysacct' is a system account"),
        ("useradd -m -G sudo helpdesk", "helpdesk", "'helpdesk' is in the group sudo"),
        ("true", "nobody-here", "there is no user 'nobody-here'"),
    ],
    ids=["system account", "administrator", "no such user"],
)
def test_the_kiosk_session_is_refused_to_any_but_an_ordinary_user(
    bundle: Path, tmp_path: Path, setup: str, user: str, says: str
) -> None:
    result = as_root(tmp_path, f"{setup} && {install_sh(bundle)} --kiosk-user {user}")
    done = result.done
    assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
    assert says in done.stderr
    assert not any(result.wrote("/opt").iterdir())
    assert not result.wrote("/usr/local/bin/charter-desktop-kiosk").exists()
    assert not result.wrote("/etc/pam.d/charter-desktop-session").exists()


def test_root_is_never_the_kiosk_user(bundle: Path, tmp_path: Path) -> None:
    result = as_root(tmp_path, f"{install_sh(bundle)} --kiosk-user root")
    assert result.done.returncode == 2, result.done.stderr
    assert "--kiosk-user must not be root" in result.done.stderr
    assert not any(result.wrote("/opt").iterdir())


def test_a_prefix_other_users_could_change_is_refused(bundle: Path, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp: anyone may create a folder here
    result = as_root(tmp_path, f"{install_sh(bundle)} --prefix {shared}/charter-desktop")
    done = result.done
    assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
    assert f"{shared} can be changed by users other than root" in done.stderr
    assert list(shared.iterdir()) == []
    assert not result.wrote("/usr/local/bin/charter-desktop").exists()


def test_a_machine_missing_a_qt_library_is_told_what_to_install(
    bundle: Path, tmp_path: Path
) -> None:
    """libxkbcommon-x11, which Qt's X11 platform needs, removed from the machine (whited out in
    the /usr overlay): the install completes and names it, with the packages to install."""
    hidden = [Path(p) for p in glob.glob("/usr/lib/*/libxkbcommon-x11.so*")]
    assert hidden, "this machine lacks libxkbcommon-x11 already (.ci/run installs it)"
    for path in hidden:
        whiteout = tmp_path / "upper" / path.relative_to("/")
        whiteout.parent.mkdir(parents=True, exist_ok=True)
        os.mknod(whiteout, stat.S_IFCHR, os.makedev(0, 0))  # overlayfs: "no such file"
    result = as_root(tmp_path, install_sh(bundle))
    done = result.done
    assert done.returncode == 0, done.stderr
    assert (
        "The kiosk needs system libraries this machine lacks: libxkbcommon-x11.so.0\n"
        in done.stdout
    )
    assert "apt-get install libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 " in done.stdout
    assert os.access(result.wrote("/opt/charter-desktop/charter-desktop-kiosk"), os.X_OK)
