"""The package's shape, read from its source: no two modules import each other, directly or
through others (an import cycle makes the order of imports matter and the layers meaningless);
the rooms of the centre import only downwards; no module imports click, which typer vendors; and
no module grows past about 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "netzwerk_cli"


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Every module of the package and the package modules it imports anywhere (also inside
    functions and under TYPE_CHECKING: a cycle there is still a cycle of the design)."""
    modules = {module_name(p): p for p in (SRC / PACKAGE).rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                # `from package import module` imports the module; `from module import name` not.
                targets = [f"{node.module}.{alias.name}" for alias in node.names]
                targets = [t if t in modules else node.module for t in targets]
            graph[name].update(t for t in targets if t in modules and t != name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_the_package() -> None:
    graph = import_graph()
    assert "netzwerk_cli.core.remind" in graph
    assert "netzwerk_cli.core.schedule" in graph["netzwerk_cli.core.remind"]


def test_cycles_are_found() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_imports_itself_through_others() -> None:
    assert cycles(import_graph()) == []


# The rooms of the centre, from the bottom up: calendar/ is the RFC 5545 format and its values,
# core/ the pure decisions over the model (it plans the file's edits as values, `core/edits.py`),
# file/ reads, checks and writes the network file and the records beside it. A room imports only
# the rooms below it. The one exception: every room reads a file through the one door,
# `file/fileio.py` (the time zone data too, `calendar/zonedata.py`).
ROOMS = ("calendar", "core", "file")
ONE_DOOR = "netzwerk_cli.file.fileio"


def room(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in ROOMS else None


def upward_imports(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    """The imports from a room of the centre into one above it."""
    found = []
    for module, targets in graph.items():
        here = room(module)
        for target in targets:
            there = room(target)
            if here is None or there is None or target == ONE_DOOR:
                continue
            if ROOMS.index(there) > ROOMS.index(here):
                found.append((module, target))
    return sorted(found)


def test_upward_imports_are_found() -> None:
    graph = {
        "netzwerk_cli.calendar.a": {"netzwerk_cli.core.b", ONE_DOOR},
        "netzwerk_cli.core.b": {"netzwerk_cli.calendar.a"},
        "netzwerk_cli.file.c": {"netzwerk_cli.core.b"},
    }
    assert upward_imports(graph) == [("netzwerk_cli.calendar.a", "netzwerk_cli.core.b")]


def test_calendar_core_and_file_import_only_downwards() -> None:
    assert upward_imports(import_graph()) == []


def test_no_module_imports_click_which_is_no_dependency() -> None:
    """typer 0.29 vendors click (`typer._click`) and does not install it: a module that imports
    click works in the test environment (whose extras bring click) and fails for a user who
    installed netzwerk alone (found by the newcomer's path: `member edit` crashed)."""
    import re
    from pathlib import Path

    source = Path(__file__).resolve().parent.parent / "src" / "netzwerk_cli"
    found = [
        str(path.relative_to(source))
        for path in sorted(source.rglob("*.py"))
        if re.search(r"^\s*(import click\b|from click\b)", path.read_text(encoding="utf-8"), re.M)
    ]
    assert found == []


# A room that grows past about 400 lines is split by what it does (CONTRIBUTING.md, "The code"):
# this keeps "about" honest. Raise it only with a reason written here.
MOST_LINES = 420


def long_modules(limit: int = MOST_LINES) -> list[tuple[str, int]]:
    return sorted(
        (module, lines)
        for module, path in ((module_name(p), p) for p in (SRC / PACKAGE).rglob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > limit
    )


def test_long_modules_are_found() -> None:
    assert (
        "netzwerk_cli.cli.app",
        len((SRC / PACKAGE / "cli" / "app.py").read_text().splitlines()),
    ) in (long_modules(limit=10))


def test_no_module_grows_past_about_400_lines() -> None:
    assert long_modules() == []
