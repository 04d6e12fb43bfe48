"""The package's module graph, read from the source with `ast`: no cycles, no import that runs up
the layers, and package-internal imports at module top except where a command loads a heavy part."""

from __future__ import annotations

import ast
from pathlib import Path

import strikewatch

PACKAGE = Path(strikewatch.__file__).parent

# From the bottom up: a module imports modules of lower layers, and modules of its own package.
LAYERS = [
    ["strikewatch", "strikewatch.rules"],
    ["strikewatch.model", "strikewatch.limits", "strikewatch.spans"],
    ["strikewatch.lang"],  # the words of each language: every rule module may read them
    ["strikewatch.codec", "strikewatch.ingest", "strikewatch.nlp", "strikewatch.geo", "strikewatch.detect"],
    ["strikewatch.extract", "strikewatch.filters", "strikewatch.similarity"],
    ["strikewatch.resolve", "strikewatch.review"],
    ["strikewatch.report_date", "strikewatch.record"],
    ["strikewatch.store", "strikewatch.export"],
    ["strikewatch.batch", "strikewatch.explain"],
    ["strikewatch.parallel"],
    ["strikewatch.pipeline"],
    ["strikewatch.sources"],
    ["strikewatch.web"],
    ["strikewatch.cli"],
]
# Modules that import heavy parts of the package inside the function that needs them (each says why).
LAZY = {"strikewatch.cli", "strikewatch.web.api", "strikewatch.web.app"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, ast.Module]:
    return {_module_name(p): ast.parse(p.read_text("utf-8")) for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(tree: ast.AST, modules: set[str]) -> list[tuple[str, ast.AST]]:
    """The package's modules that the nodes under `tree` import, with the import node."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("strikewatch") and not node.level:
            for alias in node.names:
                target = f"{node.module}.{alias.name}"
                found.append((target if target in modules else node.module, node))
        elif isinstance(node, ast.Import):
            found += [(a.name, node) for a in node.names if a.name.startswith("strikewatch")]
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: {target for target, _ in _imports(tree, set(modules))} - {name} for name, tree in modules.items()}


def _layer(module: str) -> tuple[int, str]:
    """The module's layer and the layer entry it belongs to (its package or itself)."""
    for depth, names in enumerate(LAYERS):
        for entry in sorted(names, key=len, reverse=True):
            if entry != "strikewatch" and (module == entry or module.startswith(entry + ".")):
                return depth, entry
    assert module == "strikewatch", f"{module} is in no layer: add it to LAYERS"
    return 0, module


def test_the_package_has_no_import_cycles():
    graph = _graph()
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            raise AssertionError("import cycle: " + " -> ".join([*path[path.index(module):], module]))
        if module in done:
            return
        for target in sorted(graph.get(module, ())):
            visit(target, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])


def test_no_import_runs_up_the_layers_or_sideways_into_another_package():
    wrong = []
    for module, targets in _graph().items():
        depth, entry = _layer(module)
        for target in targets:
            target_depth, target_entry = _layer(target)
            if target_entry != entry and target_depth >= depth and not module.startswith(target + "."):
                wrong.append(f"{module} (layer {depth}) imports {target} (layer {target_depth})")
    assert not wrong, "\n".join(sorted(wrong))


def test_package_imports_are_at_module_top_except_in_the_commands():
    modules = _modules()
    inside = []
    for name, tree in modules.items():
        for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)):
            inside += [f"{name}:{node.lineno} imports {target}" for target, node in _imports(function, set(modules))
                       if name not in LAZY]
    assert not inside, "\n".join(sorted(set(inside)))


def test_the_check_sees_a_cycle_and_an_upward_import():
    source = ast.parse("from strikewatch.pipeline import ingest_paths\n\ndef f():\n    from strikewatch.cli import main\n")
    assert {t for t, _ in _imports(source, {"strikewatch.pipeline", "strikewatch.cli"})} == {
        "strikewatch.pipeline", "strikewatch.cli"}
    assert _layer("strikewatch.extract.time") == (4, "strikewatch.extract")
    assert _layer("strikewatch.store.sql")[0] > _layer("strikewatch.resolve")[0]
