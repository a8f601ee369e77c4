"""Every test gets its own data folders and the offscreen Qt platform; no test touches the
user's real folders. The shared fixtures live in tests/fixtures/, registered here."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Every module of tests/fixtures/ (tests/test_layout.py checks the list is complete); pytest
# reads this only in the top-level conftest. Their asserts are rewritten as a test's are,
# including a fixture module imported by another before its own turn here.
pytest.register_assert_rewrite("tests.fixtures")
pytest_plugins = [
    "tests.fixtures.accessible",
    "tests.fixtures.atspi",
    "tests.fixtures.attack",
    "tests.fixtures.bundle",
    "tests.fixtures.canary",
    "tests.fixtures.desktop",
    "tests.fixtures.enrol",
    "tests.fixtures.hub",
    "tests.fixtures.hub_packs",
    "tests.fixtures.insight",
    "tests.fixtures.kiosk",
    "tests.fixtures.mail",
    "tests.fixtures.naughty",
    "tests.fixtures.network",
    "tests.fixtures.printing",
    "tests.fixtures.resource_files",
    "tests.fixtures.store",
    "tests.fixtures.summit",
    "tests.fixtures.user_systemd",
]


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


@pytest.fixture(autouse=True)
def locked_keyring() -> Iterator[None]:
    """No test inherits another's unlocked council key."""
    yield
    from charter_desktop.core.privacy import keyring

    keyring.lock()
