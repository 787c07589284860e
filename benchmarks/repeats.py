"""Values generated code computes twice: a survey over the idioms benchmarks and the goldens.

Issue 10 asks for generated code with no duplicate terms.  ``tests/test_common.py`` holds the
goldens to none; this script looks further, at the derivatives of ``benchmarks/idioms*.py``
(``grad``, ``jvp``, ``vjp``, ``hvp`` and the gradient specialized to the benchmark's arguments,
``spec``) and at the goldens: in each straight-line statement list, an operator, a comparison, a
call of NumPy, ``math`` or the runtime (the tape's calls left out), an array attribute
(``x.shape``) or, with ``--items``, an item or slice of a name (``x[:-1]``) written again with no
statement between that binds a name it reads or is not a plain assignment.  Each repeat is
counted once per statement; a function's list is printed where it has any.

    python benchmarks/repeats.py            # the counts, and each derivative's repeats
    python benchmarks/repeats.py --items    # items and slices counted too

Runs against whichever ``tangentish`` is importable (``PYTHONPATH=<old checkout>``).
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

import idioms
import idioms_extra
import idioms_more
import numpy as np
from bench_idioms import SIZES

import tangentish

GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "golden"
WORK = idioms.WORK + idioms_more.WORK + idioms_extra.WORK
_ATTRIBUTES = frozenset({"T", "shape", "ndim", "size", "dtype"})


def _candidate(node: ast.AST, items: bool) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Constant):
        return False
    if isinstance(node, ast.BinOp | ast.Compare | ast.UnaryOp):
        return any(isinstance(n, ast.Name) for n in ast.walk(node))
    if isinstance(node, ast.Call):
        func = node.func
        return isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and \
            func.value.id in ("np", "math", "_rt") and any(
                isinstance(n, ast.Name) for n in ast.walk(node)) and "_tape" not in ast.unparse(node)
    if isinstance(node, ast.Attribute):
        return node.attr in _ATTRIBUTES and isinstance(node.value, ast.Name) and \
            node.value.id not in ("np", "math")
    return items and isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and \
        isinstance(node.ctx, ast.Load) and not node.value.id.startswith("_tape")


def repeats(tree: ast.AST, items: bool = False) -> list[str]:
    """The expressions of ``tree`` computed again in one statement list (module docstring)."""
    found = []
    for node in ast.walk(tree):
        for block in (getattr(node, "body", []), getattr(node, "orelse", [])):
            seen: dict[str, set[str]] = {}
            for stmt in block if isinstance(node, ast.stmt | ast.Module) else []:
                value = getattr(stmt, "value", None)
                if isinstance(stmt, ast.Assign | ast.Expr | ast.Return) and value is not None:
                    texts = {ast.unparse(e): {n.id for n in ast.walk(e) if isinstance(n, ast.Name)}
                             for e in ast.walk(value) if _candidate(e, items)}
                    found.extend(text for text in texts if text in seen)
                    seen.update(texts)
                if not isinstance(stmt, ast.Assign) or not all(
                        isinstance(t, ast.Name | ast.Tuple) for t in stmt.targets):
                    seen.clear()
                    continue
                bound = {n.id for t in stmt.targets for n in ast.walk(t) if isinstance(n, ast.Name)}
                seen = {t: names for t, names in seen.items() if not names & bound}
    return found


def _source(fn, wrt, args, mode: str) -> str:
    if mode == "hvp":
        return tangentish.hvp(fn, wrt=wrt[0] if isinstance(wrt, tuple) else wrt).source
    if mode == "spec":
        return tangentish.grad(fn, wrt).source_for(*args)
    return getattr(tangentish, mode)(fn, wrt=wrt).source


def sources():
    """(label, generated source) of every idiom in every mode, then of every golden."""
    for name, fn, _, make, wrt in WORK:
        args = make(SIZES.get(name, (10,))[0], np.random.default_rng(1))
        for mode in ("grad", "jvp", "vjp", "hvp", "spec"):
            try:
                yield f"{name}/{mode}", _source(fn, wrt, args, mode)
            except tangentish.TangentishError as error:
                print(f"{name}/{mode}: refused ({type(error).__name__})")
    for path in sorted(GOLDEN.glob("*/*.py")):
        yield f"golden {path.relative_to(GOLDEN).as_posix()}", path.read_text()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", action="store_true", help="count items and slices too")
    args = parser.parse_args(argv)
    totals = {"idioms": 0, "goldens": 0}
    for label, text in sources():
        found = repeats(ast.parse(text), args.items)
        totals["goldens" if label.startswith("golden") else "idioms"] += len(found)
        if found:
            print(f"{label}: {found}")
    print(f"repeats: idioms {totals['idioms']}, goldens {totals['goldens']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
