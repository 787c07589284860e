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
``np.sort``, ``sorted``, the method ``xs.sort()`` of a list or an array: fuzz seed 5005 program
16), or in one element of both operands of ``np.maximum``/``np.minimum``
(``max(a, b)``).  A check whose derivative is off its finite differences at a point with a tie
is ``invalid`` (fuzz seed 4600 program 790, seed 4502 program 71), never a NaN, a wrong value,
shape or dtype: those are wrong at any point.
"""

from __future__ import annotations

import ast
import contextlib
import importlib.util
import inspect
import sys
import tempfile
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

EXTREMES = {"max", "min", "amax", "amin", "nanmax", "nanmin"}
ORDERS = {"median", "quantile", "percentile", "nanmedian", "nanquantile", "nanpercentile", "sort",
          "partition", "argsort"}
PAIRS = {"maximum", "minimum", "fmax", "fmin"}
_BUILTINS = {"max", "min", "sorted"}


def _kind(node: ast.Call, numpy_names: set[str]) -> str | None:
    func = node.func
    if isinstance(func, ast.Name) and func.id in _BUILTINS and not node.keywords or \
            isinstance(func, ast.Name) and func.id == "sorted" and all(
                k.arg == "reverse" for k in node.keywords):  # (fuzz seed 4889, program 84)
        if func.id == "sorted" or len(node.args) == 1:
            return "order" if func.id == "sorted" else func.id
        return "pair"
    if not isinstance(func, ast.Attribute) or func.attr not in EXTREMES | ORDERS | PAIRS:
        return None
    if isinstance(func.value, ast.Name) and func.value.id in numpy_names:
        attr = func.attr
        return "pair" if attr in PAIRS else "order" if attr in ORDERS else attr[-3:]  # (amax: max)
    return func.attr if func.attr in ("max", "min", "sort") else None  # (u.max(axis=0), xs.sort())


class _Wrap(ast.NodeTransformer):
    def __init__(self, numpy_names: set[str]):
        self.numpy_names, self.sites = numpy_names, 0

    def visit_Name(self, node: ast.Name) -> ast.expr:
        if node.id == "tangentish" and isinstance(node.ctx, ast.Load):
            return ast.copy_location(ast.Name("_FZ_API", ast.Load()), node)
        return node

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
    if kind == "sort":  # (a method, in place: a list's items, by key, or an array's last axis)
        key = keywords.get("key")
        items = [key(item) for item in args[0]] if key is not None else args[0]
        return _tied("order", (items,), {"axis": keywords.get("axis", (*args[1:], -1)[0])})
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


class _Transforms:
    """``tangentish`` as the wrapped program sees it (``_FZ_API``): a transform of one of its own
    functions transforms the original (the wrapped one calls ``_FZ_TIE``, which has no rule), and
    each call of the derivative first runs the wrapped function on the same arguments, so the
    ties it meets are seen (fuzz seed 4809 program 82: ``np.max`` of a helper's all-zero value,
    tied, inside ``grad(grad_h1)``)."""

    def __init__(self, wrapped: dict[str, Any], original: dict[str, Any]):
        self.wrapped, self.original = wrapped, original

    def __getattr__(self, attr: str) -> Any:
        import tangentish

        transform = getattr(tangentish, attr)
        if not callable(transform):
            return transform

        def call(fn: Any, *args: Any, **kwargs: Any) -> Any:
            name = getattr(fn, "__name__", "")
            original = self.original.get(name) if self.wrapped.get(name) is fn else None
            derivative = transform(original or fn, *args, **kwargs)
            if original is None:
                return derivative

            def run(*values: Any, **keywords: Any) -> Any:
                with contextlib.suppress(Exception):  # (a jvp's tangents: not fn's keywords)
                    accepted = inspect.signature(fn).parameters
                    fn(*_copies(values), **{k: v for k, v in keywords.items() if k in accepted})
                return derivative(*values, **keywords)
            return run
        return call


def _copies(values: tuple) -> list[Any]:
    return [v.copy() if isinstance(v, np.ndarray) else v for v in values]


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
    stems = [f"fz_tie_{id(recorder)}", f"fz_untied_{id(recorder)}"]
    with tempfile.TemporaryDirectory(prefix="tangentish-fuzz-tie-") as folder:
        try:
            module, original = (_load(Path(folder), stem, body)
                                for stem, body in zip(stems, (wrapped, text), strict=True))
            module.__dict__.update(_FZ_TIE=recorder,
                                   _FZ_API=_Transforms(module.__dict__, original.__dict__))
            with np.errstate(all="ignore"):
                module.f(*_copies(tuple(inputs)))
        except Exception:  # noqa: BLE001  (not shown to tie)
            return False
        finally:
            for stem in stems:
                sys.modules.pop(stem, None)
    return recorder.tie


def _load(folder: Path, stem: str, text: str) -> Any:
    """The module ``stem`` of ``text`` (registered: tangentish reads a function's source from
    its module's file)."""
    path = folder / f"{stem}.py"
    path.write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[stem] = module
    spec.loader.exec_module(module)
    return module
