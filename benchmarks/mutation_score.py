"""Mutation score of core modules against their own test files (a report: exit status always 0).

For each module, every mutation point of its source is listed (arithmetic and comparison
operators swapped, ``and``/``or`` swapped, ``not`` and unary minus dropped, integer constants
changed by one, booleans flipped, strings blanked or filled, statements replaced by ``pass``);
a sample of them, drawn with a fixed seed, is applied one at a time to a temporary copy of the
repository under ``/tmp``, and the module's test files (and its doctests) are run there with
pytest. A mutant is *killed* when the tests fail (or time out), *survives* when they pass. The
score is killed / tried. Docstrings, annotations and imports are not
mutated.

Why a small AST mutator rather than mutmut: mutmut 3 (3.8.1 installs fine) wants its
configuration in ``pyproject.toml`` or ``setup.cfg``, rewrites every function of the mutated
files into trampolines inside a ``mutants/`` copy and first runs the whole test suite to map
tests to functions; on a two-core machine shared by several sessions that is slow and hard to
cap, and its CLI and config changed between versions. This script has no dependency beyond the
test suite's own, never touches the working tree, is deterministic (``--seed``) and can be capped
(``--max-mutants``, ``--timeout``). Its operators are mutmut's usual ones.

    python benchmarks/mutation_score.py                       # every module, 80 mutants each
    python benchmarks/mutation_score.py --module rounding --max-mutants 0   # all mutants
    python benchmarks/mutation_score.py --list                # list survivors too
"""

from __future__ import annotations

import argparse
import ast
import copy
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parent.parent
MODULES: dict[str, tuple[str, tuple[str, ...]]] = {
    "money": (
        "src/segur_numerique/core/money.py",
        (
            "tests/core/test_money.py",
            "tests/core/test_money_parsing.py",
            "tests/core/test_money_values.py",
        ),
    ),
    "rounding": (
        "src/segur_numerique/core/rounding.py",
        ("tests/core/test_rounding.py", "tests/core/test_money.py"),
    ),
    **{
        name: (f"src/segur_numerique/funding_scaling/{name}.py", ("tests/funding_scaling",))
        for name in ("remainders", "allocation", "pro_rata")
    },
    **{
        f"rules.{name}": (f"src/segur_numerique/rules/{name}.py", ("tests/rules",))
        for name in ("model", "loading", "sums")
    },
}
_SWAPS: dict[type[ast.AST], type[ast.AST]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.FloorDiv,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div,
    ast.Mod: ast.FloorDiv,
    ast.Pow: ast.Mult,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.And: ast.Or,
    ast.Or: ast.And,
}


@attrs.frozen
class Mutant:
    """One change: the ``index``-th candidate node, changed by ``kind``."""

    index: int
    line: int
    kind: str


def _skipped_ids(tree: ast.Module) -> set[int]:
    """Nodes never mutated: docstrings, annotations and everything below them."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        roots: list[ast.AST | None] = []
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            first = body[0].value
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                roots.append(body[0])
        # a string right after an assignment is an attribute docstring
        if isinstance(body, list):
            roots += [
                b
                for b in body
                if isinstance(b, ast.Expr)
                and isinstance(b.value, ast.Constant)
                and isinstance(b.value.value, str)
            ]
        if isinstance(node, ast.arg | ast.AnnAssign):
            roots.append(node.annotation)
        if isinstance(node, ast.FunctionDef):
            roots.append(node.returns)
        if isinstance(node, ast.ImportFrom):
            roots.append(node)
        for root in roots:
            if root is not None:
                skipped.update(id(n) for n in ast.walk(root))
    return skipped


def _changes(node: ast.AST) -> Iterator[tuple[str, Callable[[ast.AST], ast.AST]]]:
    """The mutations of one node, each as (kind, function returning the mutated node)."""
    op = getattr(node, "op", None)
    if isinstance(node, ast.BinOp | ast.BoolOp) and isinstance(op, ast.AST) and type(op) in _SWAPS:
        new_op = _SWAPS[type(op)]
        yield f"{type(op).__name__}->{new_op.__name__}", lambda n: _with(n, op=new_op())
    if isinstance(node, ast.Compare):
        for i, cmp in enumerate(node.ops):
            if type(cmp) in _SWAPS:
                new_cmp = _SWAPS[type(cmp)]
                yield f"{type(cmp).__name__}->{new_cmp.__name__}", _swap_compare(i, new_cmp)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not | ast.USub):
        yield f"drop {type(node.op).__name__}", lambda n: n.operand  # type: ignore[attr-defined]
    if isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, bool):
            yield f"{value}->{not value}", lambda n: ast.Constant(not value)
        elif isinstance(value, int):
            yield f"{value}->{value + 1}", lambda n: ast.Constant(value + 1)
        elif isinstance(value, str):
            yield (
                ("blank string" if value else "fill string"),
                lambda n: ast.Constant("" if value else "XX"),
            )
    if isinstance(node, ast.Return | ast.Raise | ast.Assign | ast.AugAssign | ast.Expr):
        yield f"drop {type(node).__name__}", lambda n: ast.Pass()


def _swap_compare(i: int, new: type[ast.AST]) -> Callable[[ast.AST], ast.AST]:
    def change(node: ast.AST) -> ast.AST:
        ops = list(getattr(node, "ops", []))
        return _with(node, ops=[*ops[:i], new(), *ops[i + 1 :]])

    return change


def _with(node: ast.AST, **fields: object) -> ast.AST:
    new = copy.copy(node)
    for name, value in fields.items():
        setattr(new, name, value)
    return new


def _candidates(tree: ast.Module) -> list[tuple[ast.AST, str, Callable[[ast.AST], ast.AST]]]:
    skipped = _skipped_ids(tree)
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        for kind, change in _changes(node):
            found.append((node, kind, change))
    return found


def mutants_of(source: str) -> list[Mutant]:
    """Every mutant of ``source``, in a stable order."""
    tree = ast.parse(source)
    return [
        Mutant(i, getattr(node, "lineno", 0), kind)
        for i, (node, kind, _) in enumerate(_candidates(tree))
    ]


def apply(source: str, mutant: Mutant) -> str:
    """The source with ``mutant`` applied (re-generated by :func:`ast.unparse`)."""
    tree = ast.parse(source)
    target, _, change = _candidates(tree)[mutant.index]

    class Replace(ast.NodeTransformer):
        def generic_visit(self, node: ast.AST) -> ast.AST:
            if node is target:
                return change(node)
            return super().generic_visit(node)

    return ast.unparse(ast.fix_missing_locations(Replace().visit(tree)))


def _copy_repo() -> Path:
    tmp = Path(tempfile.mkdtemp(prefix="mutation-", dir="/tmp"))
    for name in ("src", "tests"):
        shutil.copytree(
            ROOT / name,
            tmp / name,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis"),
        )
    shutil.copy2(ROOT / "pyproject.toml", tmp / "pyproject.toml")
    return tmp


def _run_tests(workdir: Path, module: str, tests: tuple[str, ...], timeout: float) -> bool:
    """True when the tests pass (the mutant survives)."""
    env = {**os.environ, "PYTHONPATH": str(workdir / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
    command += ["--hypothesis-seed=0", module, *tests]
    try:
        done = subprocess.run(
            command, cwd=workdir, env=env, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return False
    return done.returncode == 0


def _try(workdir: Path, name: str, mutant: Mutant, source: str, timeout: float) -> bool:
    path, tests = MODULES[name]
    (workdir / path).write_text(apply(source, mutant), encoding="utf-8")
    return _run_tests(workdir, path, tests, timeout)


def score_module(
    name: str, *, max_mutants: int, seed: int, jobs: int, timeout: float
) -> tuple[int, int, list[Mutant]]:
    """(killed, tried, survivors) for one module."""
    path, _ = MODULES[name]
    source = (ROOT / path).read_text(encoding="utf-8")
    mutants = mutants_of(source)
    if 0 < max_mutants < len(mutants):
        mutants = sorted(random.Random(seed).sample(mutants, max_mutants), key=lambda m: m.index)
    workdirs = [_copy_repo() for _ in range(jobs)]
    try:
        with ThreadPoolExecutor(jobs) as pool:
            survived = list(
                pool.map(
                    lambda pair: _try(workdirs[pair[0] % jobs], name, pair[1], source, timeout),
                    enumerate(mutants),
                )
            )
    finally:
        for workdir in workdirs:
            shutil.rmtree(workdir, ignore_errors=True)
    survivors = [m for m, alive in zip(mutants, survived, strict=True) if alive]
    return len(mutants) - len(survivors), len(mutants), survivors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--module", choices=sorted(MODULES), action="append")
    parser.add_argument("--max-mutants", type=int, default=80, help="sample size; 0 = all")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per mutant")
    parser.add_argument("--list", action="store_true", help="print the surviving mutants")
    args = parser.parse_args(argv)
    total_killed = total_tried = 0
    start = time.perf_counter()
    print(f"{'module':<14} {'mutants':>8} {'tried':>6} {'killed':>7} {'score':>7} {'time':>7}")
    for name in args.module or sorted(MODULES):
        began = time.perf_counter()
        source = (ROOT / MODULES[name][0]).read_text(encoding="utf-8")
        found = len(mutants_of(source))
        killed, tried, survivors = score_module(
            name, max_mutants=args.max_mutants, seed=args.seed, jobs=args.jobs, timeout=args.timeout
        )
        total_killed, total_tried = total_killed + killed, total_tried + tried
        score = f"{100 * killed / tried:.1f}%" if tried else "-"
        elapsed = time.perf_counter() - began
        print(f"{name:<14} {found:>8} {tried:>6} {killed:>7} {score:>7} {elapsed:>6.0f}s")
        for mutant in survivors if args.list else []:
            print(f"    survived: line {mutant.line}: {mutant.kind} (#{mutant.index})")
    score = f"{100 * total_killed / total_tried:.1f}%" if total_tried else "-"
    elapsed = time.perf_counter() - start
    print(f"{'total':<14} {'':>8} {total_tried:>6} {total_killed:>7} {score:>7} {elapsed:>6.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
