"""Is a wrong derivative one at a tie of an order statistic, where the program is not comparable?

``np.median``, ``np.quantile``, ``np.max``, ``sorted``, ``np.maximum``... choose among their
operands; where two operands they choose between are equal (``np.median(v * y)`` at ``y = 0``:
every element 0), the statistic is not differentiable in them, and a derivative is a convention
(tangentish splits the adjoint evenly among tied elements).  The composite may still be
differentiable there (``np.median(v * y)`` is ``median(v) * y`` on both sides of 0), so finite
differences give a number the chain rule cannot: the derivative of an intermediate that does
not exist.  The path tracer does not see the choice (it is made inside NumPy).

Each call of such a function in the program is wrapped (``_FZ_TIE(kind, fn, *args)``, a method
``u.max()`` as ``_FZ_TIE(kind, None, u)``) and the program run at the point once: a *tie* is
two equal operands at the chosen position (the extreme of ``np.max``/``min`` along its axis held
by two elements), anywhere among the values ordered (``np.median``, ``np.quantile``,
``np.sort``, ``sorted``), or in one element of both operands of ``np.maximum``/``np.minimum``
(``max(a, b)``).  A check whose derivative is off its finite differences at a point with a tie
is ``invalid`` (fuzz seed 4600 program 790, seed 4502 program 71), never a NaN, a wrong value,
shape or dtype: those are wrong at any point.
"""

from __future__ import annotations

import ast
import contextlib
import importlib.util
import sys
import tempfile
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

EXTREMES = {"max", "min", "amax", "amin", "nanmax", "nanmin"}
ORDERS = {"median", "quantile", "percentile", "nanmedian", "nanquantile", "nanpercentile", "sort",
          "partition"}
PAIRS = {"maximum", "minimum", "fmax", "fmin"}
_BUILTINS = {"max", "min", "sorted"}


def _kind(node: ast.Call, numpy_names: set[str]) -> str | None:
    func = node.func
    if isinstance(func, ast.Name) and func.id in _BUILTINS and not node.keywords:
        if func.id == "sorted" or len(node.args) == 1:
            return "order" if func.id == "sorted" else func.id
        return "pair"
    if not isinstance(func, ast.Attribute) or func.attr not in EXTREMES | ORDERS | PAIRS:
        return None
    if isinstance(func.value, ast.Name) and func.value.id in numpy_names:
        attr = func.attr
        return "pair" if attr in PAIRS else "order" if attr in ORDERS else attr[-3:]  # (amax: max)
    return func.attr if func.attr in ("max", "min") else None  # (a method: u.max(axis=0))


class _Wrap(ast.NodeTransformer):
    def __init__(self, numpy_names: set[str]):
        self.numpy_names, self.sites = numpy_names, 0

    def visit_Call(self, node: ast.Call) -> ast.expr:
        self.generic_visit(node)
        kind = _kind(node, self.numpy_names)
        if kind is None:
            return node
        self.sites += 1
        method = isinstance(node.func, ast.Attribute) and not (
            isinstance(node.func.value, ast.Name) and node.func.value.id in self.numpy_names)
        fn, args = (ast.Constant(None), [node.func.value, *node.args]) if method else \
            (node.func, node.args)
        return ast.Call(ast.Name("_FZ_TIE", ast.Load()), [ast.Constant(kind), fn, *args],
                        node.keywords)


def _tied(kind: str, args: tuple, keywords: dict) -> bool:
    """Whether the operands ``args`` of a call of ``kind`` tie where it chooses (see above)."""
    if kind == "pair":
        values = [np.asarray(a, dtype=np.float64) for a in args]
        return any(bool(np.any(a == b)) for a, b in combinations(values, 2))
    u = np.asarray(args[0], dtype=np.float64)
    axis = keywords.get("axis", args[1] if len(args) > 1 and kind != "order" else None)
    if kind == "order":  # (np.quantile's q is the second argument: its axis a keyword)
        axis = keywords.get("axis")
        ordered = np.sort(u, axis=axis)
        return bool(np.any(np.diff(ordered, axis=-1 if axis is None else axis) == 0.0))
    extreme = (np.max if kind == "max" else np.min)(u, axis=axis, keepdims=True)
    return bool(np.any(np.sum(u == extreme, axis=axis) > 1))


class _Recorder:
    def __init__(self) -> None:
        self.tie = False

    def __call__(self, kind: str, fn: Any, *args: Any, **keywords: Any) -> Any:
        with contextlib.suppress(Exception):  # (operands NumPy cannot order: no tie learnt)
            self.tie = self.tie or _tied(kind, args, keywords)
        if fn is None:
            return getattr(args[0], kind)(*args[1:], **keywords)
        return fn(*args, **keywords)


def instrument(text: str) -> tuple[str, int]:
    """The program's text with its order statistics wrapped, and how many there are."""
    tree = ast.parse(text)
    numpy_names = {alias.asname or alias.name for node in ast.walk(tree)
                   if isinstance(node, ast.Import) for alias in node.names
                   if alias.name == "numpy"}
    wrap = _Wrap(numpy_names)
    tree = ast.fix_missing_locations(wrap.visit(tree))
    return ast.unparse(tree) + "\n", wrap.sites


def order_tie(text: str, inputs: list[Any]) -> bool:
    """Whether the program ``text`` (its ``f``), run at ``inputs``, meets a tie of an order
    statistic (False when it has none, or anything goes wrong)."""
    wrapped, sites = instrument(text)
    if not sites:
        return False
    recorder = _Recorder()
    stem = f"fz_tie_{id(recorder)}"
    with tempfile.TemporaryDirectory(prefix="tangentish-fuzz-tie-") as folder:
        path = Path(folder) / f"{stem}.py"
        path.write_text(wrapped, encoding="utf-8")
        try:
            spec = importlib.util.spec_from_file_location(stem, path)
            module = importlib.util.module_from_spec(spec)
            module.__dict__["_FZ_TIE"] = recorder
            sys.modules[stem] = module
            spec.loader.exec_module(module)
            with np.errstate(all="ignore"):
                module.f(*[v.copy() if isinstance(v, np.ndarray) else v for v in inputs])
        except Exception:  # noqa: BLE001  (not shown to tie)
            return False
        finally:
            sys.modules.pop(stem, None)
    return recorder.tie
