"""The shape of the package: imports inside `checker` go one way, never in a circle.

A circle (the command line importing a command module that imports the command line
back) works only by the order Python happens to run the files in, and hides which
module depends on which. The graph is built statically from every `import` and
`from … import` statement, function-local ones included (a lazy import is still a
dependency), so a circle is caught even when no test runs the code path that closes it.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "checker"


def _module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(tree: ast.AST, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The `checker` modules a module imports, anywhere in its body."""
    found: set[str] = set()
    here = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = here.split(".")[: len(here.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            # `from checker import gate_run` imports the module checker.gate_run; `from checker.gate_run import x` too.
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for name in names:
            # `import checker.engine.opa` depends on the deepest known module it names.
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """module -> the modules of the package it imports (package `__init__`s only when named themselves)."""
    files = {_module_name(path, package): path for path in sorted(package.rglob("*.py"))}
    known = set(files)
    return {name: _imported(ast.parse(path.read_text(encoding="utf-8"), str(path)), name,
                            path.name == "__init__.py", known)
            for name, path in files.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle as a path (first module repeated at the end), or None when the graph is acyclic."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt):], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return None


def test_no_import_cycle_inside_checker() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


def test_the_graph_sees_real_imports() -> None:
    """The checker itself must work, or the test above would pass on an empty graph."""
    graph = import_graph()
    assert "checker.cli" in graph and "checker.evaluate" in graph["checker.cli_check"]
    assert "checker.engine.regorus" in graph  # subpackages are walked too


@pytest.mark.parametrize("source, expected", [
    ({"a": "import checker.b\n", "b": "def f():\n    from checker import a\n"}, ["checker.a", "checker.b", "checker.a"]),
    ({"a": "from checker.b import x\n", "b": "from . import a\n"}, ["checker.a", "checker.b", "checker.a"]),
    ({"a": "from checker import b\n", "b": "import json\n"}, None),
])
def test_find_cycle_catches_function_local_and_relative_imports(tmp_path: Path, source: dict[str, str],
                                                                expected: list[str] | None) -> None:
    package = tmp_path / "checker"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    for name, text in source.items():
        (package / f"{name}.py").write_text(text, encoding="utf-8")
    assert find_cycle(import_graph(package)) == expected
