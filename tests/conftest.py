"""Every test gets its own data folders and the offscreen Qt platform; no test touches the
user's real folders."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# On CI every system tool the tests use must be present: a missing one fails, not skips.
REQUIRE_TOOLS = os.environ.get("CHARTER_REQUIRE_SYSTEM_TOOLS") == "1"


def need_tool(name: str) -> str:
    """The path of a system tool the test needs; skipped locally if absent, failed on CI."""
    path = shutil.which(name)
    if path is None:
        if REQUIRE_TOOLS:
            pytest.fail(f"system tool {name!r} is missing (.ci/run should install it)")
        pytest.skip(f"system tool {name!r} is not installed")
    return path


@pytest.fixture(autouse=True)
def isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("HOME", ""),
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        folder = home / sub
        folder.mkdir(exist_ok=True)
        monkeypatch.setenv(var, str(folder))
    yield home


@pytest.fixture(scope="session", autouse=True)
def english_translation(request: pytest.FixtureRequest) -> None:
    """Qt widgets under test speak as the app does: with the shipped English translation
    installed (plurals such as "%n certificate(s)" come from it)."""
    from charter_desktop.ui.translations import install_translator

    install_translator(request.getfixturevalue("qapp"))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "kiosk-data"
    folder.mkdir()
    return folder


@pytest.fixture
def store(data_dir: Path) -> Iterator[object]:
    from charter_desktop.core.paths import resolve_paths
    from charter_desktop.core.store import Store

    opened = Store.open(resolve_paths(data_dir))
    yield opened
    opened.close()


@pytest.fixture
def naughty_strings() -> list[str]:
    import json

    path = Path(__file__).resolve().parents[1].parent / "shared/testdata/naughty-strings/blns.json"
    if not path.is_file():
        pytest.skip("shared/testdata is not beside the project")
    return list(json.loads(path.read_text(encoding="utf-8")))


PYTHON = sys.executable


# A council key for tests: scrypt made cheap here, explicitly (production uses DEFAULT_COST).
TEST_PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def locked_keyring() -> Iterator[None]:
    """No test inherits another's unlocked council key."""
    yield
    from charter_desktop.core.privacy import keyring

    keyring.lock()


@pytest.fixture
def keyed_store(data_dir: Path) -> Iterator[object]:
    """A store whose pledges are sealed to a fresh council key, locked as on a kiosk."""
    from charter_desktop.core.paths import resolve_paths
    from charter_desktop.core.privacy import service
    from charter_desktop.core.privacy.keys import ScryptCost
    from charter_desktop.core.store import Store

    opened = Store.open(resolve_paths(data_dir))
    service.create_key(opened, TEST_PASSPHRASE, actor="test", cost=ScryptCost(n=2**10))
    service.lock()
    yield opened
    opened.close()
