"""The tests' own layout: shared fixtures and helpers live in tests/fixtures/ (registered from
tests/conftest.py) or in tests/helpers.py and tests/pdftools.py, never in a test module or a
conftest that other modules import."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"


def module_name(path: Path) -> str:
    """The dotted name of a file under the project, a package's `__init__` kept."""
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def imported_modules(source: str, module: str) -> list[tuple[int, str]]:
    """(line, dotted name) of every module that `source`, the text of `module`, imports,
    relative imports resolved; for `from package import name` both the package and
    package.name, since `name` may be a module."""
    package = module.split(".")[:-1]  # a package's own module is its `__init__`
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            name = ".".join([*base, *([node.module] if node.module else [])])
            found.append((node.lineno, name))
            found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names]
    return found


def is_test_module_or_conftest(name: str) -> bool:
    """A module of this suite that pytest collects or loads by itself: test_*.py, *_test.py,
    conftest.py."""
    parts = name.split(".")
    last = parts[-1]
    return (
        parts[0] == "tests"
        and len(parts) > 1
        and (last == "conftest" or last.startswith("test_") or last.endswith("_test"))
    )


def test_no_module_imports_a_test_module_or_a_conftest() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {name}"
        for path in sorted(TESTS.rglob("*.py"))
        for line, name in imported_modules(path.read_text(encoding="utf-8"), module_name(path))
        if is_test_module_or_conftest(name)
    ]
    assert offenders == [], "import shared code from tests.fixtures or tests.helpers instead"


def test_the_check_sees_every_form_of_such_an_import() -> None:
    source = "\n".join(
        [
            "import tests.ui.test_kiosk",
            "from tests.hub.conftest import HubProcess",
            "from tests.core.privacy import test_canary",
            "from . import conftest",
            "from .test_printing import CupsPdfPrinter",
            "from ..core.sync.test_certificate_email import Inbox",
            "from tests.fixtures.kiosk import click",
            "from tests.helpers import pledge",
            "from .. import pdftools",
        ]
    )
    imported = imported_modules(source, "tests.ui.test_example")
    flagged = sorted({line for line, name in imported if is_test_module_or_conftest(name)})
    assert flagged == [1, 2, 3, 4, 5, 6]
    assert "tests.ui.conftest" in {name for _, name in imported}
    package = imported_modules("from . import test_kiosk", "tests.ui.__init__")
    assert (1, "tests.ui.test_kiosk") in package


def test_every_fixture_module_is_registered_in_the_top_level_conftest() -> None:
    tree = ast.parse((TESTS / "conftest.py").read_text(encoding="utf-8"))
    [registered] = [
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "pytest_plugins" for t in node.targets)
    ]
    assert isinstance(registered, ast.List)
    plugins = [ast.literal_eval(item) for item in registered.elts]
    modules = [module_name(p) for p in sorted(FIXTURES.glob("*.py")) if p.name != "__init__.py"]
    assert sorted(plugins) == modules


def test_only_the_top_level_conftest_registers_plugins() -> None:
    # pytest refuses pytest_plugins in a conftest below the rootdir's top level.
    others = [
        str(path.relative_to(ROOT))
        for path in TESTS.rglob("conftest.py")
        if path != TESTS / "conftest.py" and "pytest_plugins" in path.read_text(encoding="utf-8")
    ]
    assert others == []
