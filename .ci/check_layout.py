"""Check the package layout of ``segur_numerique``: layers, cycles, lazy imports, sizes, names.

Usage::

    python.ci / check_layout.py[PACKAGE_DIR][--summary]

``PACKAGE_DIR`` defaults to ``src/segur_numerique`` next to this directory; its last path
component is the top package name. Every violation is printed as ``file:line: rule: detail``;
``--summary`` prints only the count per rule. The exit status is 1 if there is any violation,
0 otherwise, 2 on a usage error.

Rules (docs/explanation/design.md gives the reasoning):

``layers``
    Each module imports only from its own layer or a layer below::

        core < rules < {calendar, funding_scaling, entities}
             < {sun_es, sons, hopen, esms_numerique, avenant9, e_parcours, catalogue}
             < {kit, whatif, calendars, explorer, server} < cli

    ``errors`` may be imported from anywhere and itself imports only ``core``. The top
    package's ``__init__.py``, ``pytest_plugin.py``, ``__main__.py`` and ``cli`` are the top:
    they may import anything, and nothing below them may import them. Function-level and
    ``if TYPE_CHECKING:`` imports count too: a type-only upward import is still an upward
    dependency. A module that belongs to no layer is itself a violation.
``independence``
    The programme packages import nothing from one another.
``cycles``
    No import cycle between modules, counting module-level imports only (imports inside
    functions are lazy, and ``if TYPE_CHECKING:`` imports never run). An import of a
    package's submodule does not count as an import of the package's ``__init__`` (as in
    grimp/import-linter). Each distinct shortest cycle is reported once.
``function-import``
    No import inside a function, except of an optional heavy dependency (``LAZY_ALLOWED``),
    and the CLI's import of a package module that needs an optional extra (``LAZY_MODULES``:
    ``server``, so that ``segur-numerique serve`` names the missing extra).
``module-lines`` / ``function-lines``
    A module has at most 400 lines; a function or method at most 80, from its ``def`` line
    to its last line (decorators excluded, docstring included).
``private-module``
    No module or package under the top package whose name starts with ``_``, other than
    ``__init__`` and ``__main__``.

Why hand-written rather than import-linter: import-linter's ``layers`` and ``independence``
contracts express the first two rules (and its ``exclude_type_checking_imports`` option), but
not the function-level import allow-list, the size bounds or the private-module rule, and it
reports cycles only as a side effect of layer contracts. Those would need a second, ``ast``
based tool anyway; one standard-library script of the same size covers all rules, runs on a
bare interpreter without importing the package (so an import-time failure cannot hide a layout
finding), and adds no development dependency.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import Counter, deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80

PROGRAMMES = frozenset(
    {"sun_es", "sons", "hopen", "esms_numerique", "avenant9", "e_parcours", "catalogue"}
)
LAYERS: dict[str, int] = {
    "core": 0,
    "rules": 1,
    "calendar": 2,
    "funding_scaling": 2,
    "entities": 2,
    **dict.fromkeys(PROGRAMMES, 3),
    "kit": 4,
    "whatif": 4,
    "calendars": 4,
    "explorer": 4,
    "server": 4,
    "cli": 5,
}
TOP_LAYER = 6
#: Top-level names that are the top: they may import anything (``""`` is the package itself).
TOP_NAMES = frozenset({"", "pytest_plugin", "__main__"})
#: Exempt as importers too (``cli`` may import anything, but only the top may import it).
EXEMPT = TOP_NAMES | {"cli"}
ERRORS = "errors"
LAZY_ALLOWED = frozenset(
    {
        "pandas",
        "polars",
        "pyarrow",
        "duckdb",
        "dask",
        "numpy",
        "pint",
        "matplotlib",
        "rich",  # the optional progress bar of the log commands (cli/log_inputs.py)
        "icalendar",
        "jsonschema",
        "nbclient",
        "nbformat",
        "holidays",
        "narwhals",  # loaded on first dataframe use, so that `import segur_numerique` stays fast
        "uvicorn",  # the `server` extra: `segur-numerique serve` works without it, and says so
    }
)
#: Package modules that need an optional extra to import: only the CLI may load them lazily.
LAZY_MODULES = frozenset({"server"})
RULES = (
    "layers",
    "independence",
    "cycles",
    "function-import",
    "module-lines",
    "function-lines",
    "private-module",
)


@dataclass(frozen=True, order=True)
class Violation:
    """One finding, printed as ``file:line: rule: detail``."""

    path: str
    line: int
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.rule}: {self.detail}"


@dataclass(frozen=True)
class Import:
    """One imported module, as written in one import statement."""

    line: int
    target: str  # absolute dotted name as written (``from X import y`` gives X or X.y)
    in_function: bool
    type_checking: bool


@dataclass
class Module:
    """One ``.py`` file of the package."""

    name: str
    path: Path
    display: str
    tree: ast.Module
    lines: int
    imports: list[Import] = field(default_factory=list)

    @property
    def is_package(self) -> bool:
        """Whether the module is a package's ``__init__.py``."""
        return self.path.name == "__init__.py"


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _ImportCollector(ast.NodeVisitor):
    """Collects the imports of one module with their context (function, TYPE_CHECKING)."""

    def __init__(self, module: Module, known: frozenset[str]) -> None:
        self.module = module
        self.known = known
        self.in_function = False
        self.type_checking = False

    def _add(self, line: int, target: str) -> None:
        imp = Import(line, target, self.in_function, self.type_checking)
        if imp not in self.module.imports:  # ``from x import a, b`` is one import of x
            self.module.imports.append(imp)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(node.lineno, alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = self._absolute(node)
        if base is None or base == "__future__":
            return
        for alias in node.names:
            candidate = f"{base}.{alias.name}"
            self._add(node.lineno, candidate if candidate in self.known else base)

    def _absolute(self, node: ast.ImportFrom) -> str | None:
        if not node.level:
            return node.module
        parts = self.module.name.split(".")
        package = parts if self.module.is_package else parts[:-1]
        if node.level - 1 > len(package):
            return None
        base = package[: len(package) - (node.level - 1)]
        return ".".join([*base, node.module] if node.module else base)

    def _visit_function(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
        outer, self.in_function = self.in_function, True
        self.generic_visit(node)
        self.in_function = outer

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._visit_function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._visit_function(node)

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._visit_function(node)

    def visit_If(self, node: ast.If) -> None:
        if not _is_type_checking(node.test):
            self.generic_visit(node)
            return
        outer, self.type_checking = self.type_checking, True
        for child in node.body:
            self.visit(child)
        self.type_checking = outer
        for child in node.orelse:
            self.visit(child)


def load_modules(package_dir: Path) -> dict[str, Module]:
    """Parse every ``.py`` file under ``package_dir`` and collect its imports."""
    top = package_dir.name
    modules: dict[str, Module] = {}
    for path in sorted(package_dir.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        parts = [top, *path.relative_to(package_dir).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        source = path.read_text(encoding="utf-8")
        modules[".".join(parts)] = Module(
            name=".".join(parts),
            path=path,
            display=_display(path),
            tree=ast.parse(source, filename=str(path)),
            lines=len(source.splitlines()),
        )
    known = frozenset(modules)
    for module in modules.values():
        _ImportCollector(module, known).visit(module.tree)
    return modules


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _first(name: str, top: str) -> str | None:
    """The top-level name of ``name`` inside the package (``""`` for the package itself)."""
    if name == top:
        return ""
    if name.startswith(top + "."):
        return name.split(".")[1]
    return None


def _layer(first: str) -> int | None:
    if first in TOP_NAMES:
        return TOP_LAYER
    if first == ERRORS:
        return 0
    return LAYERS.get(first)


def _layer_label(first: str) -> str:
    return first or "the top package"


def check_layers(modules: dict[str, Module], top: str) -> Iterator[Violation]:
    """The ``layers`` and ``independence`` rules."""
    for module in modules.values():
        own = _first(module.name, top)
        assert own is not None
        own_layer = _layer(own)
        if own_layer is None:
            if not own.startswith("_"):  # private modules are reported by their own rule
                yield Violation(module.display, 1, "layers", f"{module.name} is in no layer")
            continue
        for imp in module.imports:
            yield from _check_one_import(module, own, own_layer, imp, top)


def _check_one_import(
    module: Module, own: str, own_layer: int, imp: Import, top: str
) -> Iterator[Violation]:
    other = _first(imp.target, top)
    if other is None or other in {own, ERRORS} or own in EXEMPT:
        return
    other_layer = _layer(other)
    where = module.display, imp.line
    if other_layer is None:
        detail = f"{own} imports {imp.target}, which is in no layer"
        yield Violation(*where, "layers", detail)
    elif other_layer > own_layer:
        detail = (
            f"{own} (layer {own_layer}) imports {imp.target} "
            f"({_layer_label(other)}, layer {other_layer})"
        )
        yield Violation(*where, "layers", detail)
    elif own in PROGRAMMES and other in PROGRAMMES:
        yield Violation(*where, "independence", f"programme {own} imports {imp.target}")


def _runtime_graph(modules: dict[str, Module]) -> dict[str, dict[str, int]]:
    """Module-level, non-TYPE_CHECKING edges: importer -> {imported: first line}."""
    graph: dict[str, dict[str, int]] = {name: {} for name in modules}
    for module in modules.values():
        for imp in module.imports:
            if imp.in_function or imp.type_checking or imp.target == module.name:
                continue
            target = _known_prefix(imp.target, modules)
            if target is not None and target != module.name:
                graph[module.name].setdefault(target, imp.line)
    return graph


def _known_prefix(name: str, modules: dict[str, Module]) -> str | None:
    parts = name.split(".")
    while parts:
        if ".".join(parts) in modules:
            return ".".join(parts)
        parts.pop()
    return None


def _strongly_connected(graph: dict[str, dict[str, int]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative; only components with more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for root, edges in graph.items():
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(edges))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(component)
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(graph[child])))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def _shortest_cycle(graph: dict[str, dict[str, int]], start: str, within: set[str]) -> list[str]:
    """A shortest cycle through ``start`` inside one strongly connected component (BFS)."""
    parent: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in sorted(graph[node]):
            if child not in within:
                continue
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return [*reversed(path), start]
            if child not in parent:
                parent[child] = node
                queue.append(child)
    raise AssertionError(f"{start} is in a component but on no cycle")  # pragma: no cover


def check_cycles(modules: dict[str, Module]) -> Iterator[Violation]:
    """The ``cycles`` rule: one violation per distinct shortest cycle."""
    graph = _runtime_graph(modules)
    seen: set[tuple[str, ...]] = set()
    for component in _strongly_connected(graph):
        for start in sorted(component):
            cycle = _shortest_cycle(graph, start, component)
            ring = cycle[:-1]
            pivot = ring.index(min(ring))
            canonical = tuple(ring[pivot:] + ring[:pivot])
            if canonical in seen:
                continue
            seen.add(canonical)
            first = modules[canonical[0]]
            following = canonical[1] if len(canonical) > 1 else canonical[0]
            line = graph[canonical[0]][following]
            chain = " -> ".join([*canonical, canonical[0]])
            yield Violation(first.display, line, "cycles", chain)


def check_function_imports(modules: dict[str, Module]) -> Iterator[Violation]:
    """The ``function-import`` rule."""
    for module in modules.values():
        for imp in module.imports:
            parts = imp.target.split(".")
            lazy_module = (
                len(parts) > 1
                and parts[1] in LAZY_MODULES
                and module.name.split(".")[1:2] == ["cli"]
            )
            if imp.in_function and parts[0] not in LAZY_ALLOWED and not lazy_module:
                detail = (
                    f"import of {imp.target} inside a function (not an optional heavy dependency)"
                )
                yield Violation(module.display, imp.line, "function-import", detail)


def _functions(
    node: ast.AST, prefix: str = ""
) -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            yield prefix + child.name, child
            yield from _functions(child, f"{prefix}{child.name}.<locals>.")
        elif isinstance(child, ast.ClassDef):
            yield from _functions(child, f"{prefix}{child.name}.")
        else:
            yield from _functions(child, prefix)


def check_sizes(modules: dict[str, Module]) -> Iterator[Violation]:
    """The ``module-lines`` and ``function-lines`` rules."""
    for module in modules.values():
        if module.lines > MAX_MODULE_LINES:
            detail = f"{module.lines} lines (at most {MAX_MODULE_LINES})"
            yield Violation(module.display, 1, "module-lines", detail)
        for name, node in _functions(module.tree):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                detail = f"{name} is {length} lines (at most {MAX_FUNCTION_LINES})"
                yield Violation(module.display, node.lineno, "function-lines", detail)


def check_private(modules: dict[str, Module]) -> Iterator[Violation]:
    """The ``private-module`` rule (only the parts below the top package count)."""
    for module in modules.values():
        private = [p for p in module.name.split(".")[1:] if p.startswith("_") and p != "__main__"]
        if private:
            yield Violation(module.display, 1, "private-module", f"{module.name} is private")


def check(package_dir: Path) -> list[Violation]:
    """Every violation under ``package_dir``, sorted by file and line."""
    top = package_dir.name
    modules = load_modules(package_dir)
    found = [
        *check_layers(modules, top),
        *check_cycles(modules),
        *check_function_imports(modules),
        *check_sizes(modules),
        *check_private(modules),
    ]
    return sorted(found)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the checker; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parent.parent / "src" / "segur_numerique"
    parser.add_argument("package_dir", nargs="?", type=Path, default=default)
    parser.add_argument("--summary", action="store_true", help="print only the count per rule")
    args = parser.parse_args(argv)
    package_dir: Path = args.package_dir
    if not (package_dir / "__init__.py").is_file():
        print(f"{package_dir}: not a package directory", file=sys.stderr)
        return 2
    violations = check(package_dir)
    if args.summary:
        counts = Counter(v.rule for v in violations)
        for rule in RULES:
            print(f"{rule:<16} {counts[rule]:>5}")
        print(f"{'total':<16} {len(violations):>5}")
    else:
        for violation in violations:
            print(violation)
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
