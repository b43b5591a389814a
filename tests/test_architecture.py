"""The package layout keeps its shape: imports go downwards only, and no module imports itself back.

Static, over `ast`, so function-local imports (the lazy ones that keep start-up fast) count
as much as top-level ones. ARCHITECTURE.md explains the layers; a new package is placed here
on purpose, never by default (an unplaced module fails the test).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "checker"

# Top to bottom. A module may import its own package and anything in a lower layer; packages
# that share a layer are independent of each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("checker.__main__",),
    ("checker.cli",),  # commands: Click only
    ("checker.audit",),  # the national audit (compares revisions through the gate's git view)
    ("checker.gate", "checker.guidance", "checker.bundle"),  # features
    ("checker.judging",),  # one manifest -> verdict
    ("checker.engine", "checker.registry"),  # Rego engines; the registry and its compiled form
    ("checker.formats", "checker.matching", "checker.policy"),  # outputs; the one matcher; the policy files
    ("checker.plumbing",),  # files, network, cache, secrets, safe YAML, shipped-data paths
    ("checker.errors",),
    ("checker.model",),
    ("checker",),  # the package itself: __version__
)


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Module -> the `checker` modules it imports anywhere in its body."""
    files = {module_name(p, root): p for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names if a.name.split(".")[0] == "checker")
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base_parts = name.split(".")[: len(name.split(".")) - node.level + (1 if is_package else 0)]
                    base = ".".join(base_parts + ([node.module] if node.module else []))
                else:
                    base = node.module or ""
                if base.split(".")[0] != "checker":
                    continue
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    targets.add(full if full in files else base)
        graph[name] = {t for t in targets if t in files and t != name}
    return graph


def layer_of(module: str) -> tuple[int, str] | None:
    """(layer index, owning package) of the longest declared prefix."""
    best: tuple[int, str] | None = None
    for index, packages in enumerate(LAYERS):
        for package in packages:
            if (module == package or module.startswith(package + ".")) and (
                best is None or len(package) > len(best[1])
            ):
                best = (index, package)
    return best


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    """Every import of a higher layer, or of a sibling package in the same layer."""
    found = []
    for module, targets in sorted(graph.items()):
        here = layer_of(module)
        for target in sorted(targets):
            there = layer_of(target)
            if here is None or there is None or here[1] == there[1]:
                continue
            if there[0] < here[0] or (there[0] == here[0]):
                found.append(f"{module} -> {target}")
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_every_module_has_a_layer() -> None:
    unplaced = sorted(m for m in import_graph() if layer_of(m) is None)
    assert not unplaced, f"place these in LAYERS (tests/test_architecture.py) and ARCHITECTURE.md: {unplaced}"


def test_imports_go_downwards_only() -> None:
    assert upward_imports(import_graph()) == []


def test_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def test_the_checks_catch_what_they_are_for(tmp_path: Path) -> None:
    """On a made-up tree: an upward import, a sibling import, a function-local cycle."""
    pkg = tmp_path / "checker"
    for folder in ("judging", "cli", "gate", "guidance"):
        (pkg / folder).mkdir(parents=True)
        (pkg / folder / "__init__.py").write_text("")
    (pkg / "__init__.py").write_text("")
    (pkg / "judging" / "evaluate.py").write_text("def f():\n    from checker.cli import main\n")
    (pkg / "cli" / "main.py").write_text("from checker.judging import evaluate\n")
    (pkg / "gate" / "change.py").write_text("from checker.guidance.search import x\n")
    (pkg / "guidance" / "search.py").write_text("x = 1\n")
    graph = import_graph(pkg)
    assert upward_imports(graph) == [
        "checker.gate.change -> checker.guidance.search",
        "checker.judging.evaluate -> checker.cli.main",
    ]
    assert cycles(graph) == [["checker.cli.main", "checker.judging.evaluate"]]


@pytest.mark.parametrize("module, layer", [("checker.cli.main", 1), ("checker.plumbing.net", 7), ("checker", 10)])
def test_longest_prefix_decides_the_layer(module: str, layer: int) -> None:
    assert layer_of(module) is not None and layer_of(module)[0] == layer
