"""A magnitude squared, written through the magnitude: ``np.abs(z) ** 2``,
``np.linalg.norm(r) ** 2`` (``scipy.linalg.norm`` too; also ``np.square(...)`` and
``np.power(..., 2)``).  The magnitude has a kink at 0, where its rule's derivative is
``sign(0) = 0``; the square of it is smooth there, and its second derivative is 2, which the
chain rule through the kink gives as 0 (a Hessian of ``lam * norm(w) ** 2`` at ``w = 0``
missing ``2 * lam``; NaN through ``np.sqrt(s) ** 2`` is another matter, left alone).  So each is
written as the sum of squares it is, by ``tangentish.runtime.squared_magnitude`` (``Re(z)**2 +
Im(z)**2``, one evaluation of its argument; rules/runtime_forms.py), which computes the value as
it is written, so of the type and dtype the function's own is (``abs(1.0) ** 2`` a Python float,
``np.abs(1.0) ** 2`` a float64; a spelling other than ``np.abs(z) ** 2`` is named to it):

    np.abs(z) ** 2                   →  _squared_magnitude(z)
    np.square(abs(z))                →  _squared_magnitude(z, 'np.square(abs(z))')
    np.linalg.norm(r, axis=1) ** 2   →  _squared_as(_squared_magnitude(_asarray(r) * 1.0).sum(axis=1))
    np.hypot(a, b) ** 2              →  _squared_hypot(a, b)
    math.hypot(a, b) ** 2            →  _squared_magnitude(float(a)) + _squared_magnitude(float(b))
    math.dist(p, q) ** 2             →  _squared_distance(p, q)

(``_asarray(r) * 1.0``: the float a norm of integers or of a list computes in, as ``norm`` does;
``_squared_hypot`` computes ``a * a + b * b`` in the float dtype ``hypot`` picks, float16 for
int8, which a plain sum of squares would not follow; ``_squared_as`` and ``_squared_hypot`` square
the sum's root as written, told the spelling unless it is ``** 2``, so the value has the type the
function's own has: a float64 for a float32 ``norm(r) ** 2`` under NumPy 1's scalar promotion).
A norm given ``ord=`` other
than ``None``, ``'fro'`` with a pair of axes or ``2`` with an ``axis`` of one int, or given its
arguments by ``*``/``**``, stays as written, as does anything whose callee is not NumPy's
function (or Python's ``abs``, ``math.hypot``, ``math.dist``, SciPy's ``norm``).

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(w, z):
    ...     return 0.5 * np.linalg.norm(w) ** 2 + np.sum(np.abs(z) ** 2)
    >>> info = parse_function(f)
    >>> squares_of_magnitudes(info)
    >>> print(function_text(info.node), end="")
    def f(w, z):
        return 0.5 * _squared_as(_squared_magnitude(_asarray(w) * 1.0).sum()) + np.sum(_squared_magnitude(z))
"""

from __future__ import annotations

import builtins
import math
from typing import Any

import gast
import numpy as np

from .. import runtime
from ..syntax import build
from ..syntax.naming import dotted, fresh_name
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk

_ABS = (np.abs, builtins.abs)
_DEFAULT = "np.abs(z) ** 2"  # (the spelling runtime.squared_magnitude computes when not told)
_SQUARE = "{} ** 2"  # (the square runtime.squared_as and squared_hypot give when not told)


def squares_of_magnitudes(info: SourceInfo) -> None:
    """Rewrite ``info.node`` in place (see the module docstring)."""
    rewriter = _Squares(info)
    rewriter.visit(info.node)


class _Squares(gast.NodeTransformer):
    def __init__(self, info: SourceInfo):
        self.info = info
        self.names: dict[str, str] = {}
        self.local = {n.id for n in walk(info.node) if isinstance(n, gast.Name) and
                      not isinstance(n.ctx, gast.Load)}  # (what the function binds)

    def visit_BinOp(self, node: gast.BinOp) -> gast.expr:
        self.generic_visit(node)
        if isinstance(node.op, gast.Pow) and _two(node.right):
            return self._squared(node.left, node, f"{{}} ** {node.right.value!r}")
        return node

    def visit_Call(self, node: gast.Call) -> gast.expr:
        self.generic_visit(node)
        value = self._value(node.func)
        if node.keywords or any(isinstance(a, gast.Starred) for a in node.args):
            return node
        if value is np.square and len(node.args) == 1:
            return self._squared(node.args[0], node, "np.square({})")
        if value is np.power and len(node.args) == 2 and _two(node.args[1]):
            return self._squared(node.args[0], node, f"np.power({{}}, {node.args[1].value!r})")
        return node

    def _value(self, func: gast.expr) -> Any:
        parts = dotted(func)
        if parts is None or parts[0] in self.local:
            return None  # (a local of that name is not the function)
        found, value = self.info.lookup_path(parts)
        return value if found else None

    def _squared(self, magnitude: gast.expr, node: gast.expr, outer: str) -> gast.expr:
        """The sum of squares ``magnitude ** 2`` is, or ``node`` unchanged; ``outer`` spells
        the square (``"np.square({})"``), which the runtime computes the value by."""
        if not isinstance(magnitude, gast.Call) or \
                any(isinstance(a, gast.Starred) for a in magnitude.args) or \
                any(k.arg is None for k in magnitude.keywords):
            return node
        value, args = self._value(magnitude.func), magnitude.args
        keywords = {k.arg: k.value for k in magnitude.keywords}
        if any(value is f for f in _ABS) and len(args) == 1 and not keywords:
            written = outer.format("np.abs(z)" if value is np.abs else "abs(z)")
            return gast.copy_location(self._call(args[0], written), node)
        if value is np.hypot and len(args) == 2 and not keywords:
            spelled = [] if outer == _SQUARE else [build.constant(outer)]
            total = build.call(self._helper("squared_hypot"), *args, *spelled)
            return gast.copy_location(total, node)
        if value is math.dist and len(args) == 2 and not keywords:
            total = build.call(self._helper("squared_distance"), *args)
            return gast.copy_location(self._as_squared(total, outer), node)
        if value is math.hypot and args and not keywords and \
                self._value(gast.Name("float", gast.Load(), None, None)) is float:  # (as hypot's)
            squares = [self._call(build.call("float", a), "abs(z) ** 2") for a in args]
            total = squares[0]  # (Python floats, as math.hypot(a, b) ** 2 is one)
            for square in squares[1:]:
                total = build.binop(total, "+", square)
            return gast.copy_location(self._as_squared(total, outer), node)
        if (value is np.linalg.norm or _scipy_norm(value)) and args and \
                (summed := _norm(args, keywords)) is not None:  # (its float dtype: ints'
            floating = _float(build.call(self._asarray(), args[0]))  # float64: norm's own)
            total = build.call(build.attribute(self._call(floating), "sum"), **summed)
            total = build.call(self._helper("squared_as"), total,  # (squared as written)
                               *([] if outer == _SQUARE else [build.constant(outer)]))
            return gast.copy_location(total, node)
        return node

    def _as_squared(self, total: gast.expr, outer: str) -> gast.expr:
        """``total`` (a Python float) of the type the square ``outer`` gives: a float64 where
        NumPy squares (``np.square(math.dist(p, q))``)."""
        if outer.startswith("{}"):
            return total
        if "float64" not in self.names:
            taken = set(build.names(self.info.node, functions=True)) | set(self.info.imported)
            self.names["float64"] = fresh_name("float64", taken)
            self.info.imported[self.names["float64"]] = ("numpy", ("float64",), np.float64)
        return build.call(self.names["float64"], total)

    def _asarray(self) -> str:
        """A name bound to ``np.asarray`` in the derivative (the function may spell NumPy as
        anything: ``norm(r)`` of ``from numpy.linalg import norm``)."""
        if getattr(self, "array_name", None) is None:
            taken = set(build.names(self.info.node, functions=True)) | set(self.info.imported)
            self.array_name = fresh_name("asarray", taken)
            self.info.imported[self.array_name] = ("numpy", ("asarray",), np.asarray)
        return self.array_name

    def _call(self, arg: gast.expr, written: str = _DEFAULT) -> gast.Call:
        if written == _DEFAULT:
            return build.call(self._helper("squared_magnitude"), arg)
        return build.call(self._helper("squared_magnitude"), arg, build.constant(written))

    def _helper(self, helper: str) -> str:
        """A name bound to ``tangentish.runtime``'s ``helper`` in the derivative (one per helper)."""
        if helper not in self.names:
            taken = set(build.names(self.info.node, functions=True)) | set(self.info.imported)
            self.names[helper] = fresh_name(helper, taken)
            self.info.imported[self.names[helper]] = ("tangentish.runtime", (helper,),
                                                      getattr(runtime, helper))
        return self.names[helper]


def _scipy_norm(value: Any) -> bool:
    """``scipy.linalg.norm`` (the same first four parameters; known without importing SciPy)."""
    return str(getattr(value, "__module__", "")).startswith("scipy.linalg") and \
        getattr(value, "__name__", "") == "norm"


def _two(node: gast.expr) -> bool:
    return isinstance(node, gast.Constant) and type(node.value) in (int, float) and \
        node.value == 2


def _float(arg: gast.expr) -> gast.expr:
    return build.binop(arg, "*", build.constant(1.0))


def _norm(args: list, keywords: dict) -> dict | None:
    """The keywords of the sum ``norm(x, ord, axis, keepdims) ** 2`` is (None: another norm)."""
    named = dict(zip(("x", "ord", "axis", "keepdims"), args, strict=False))
    if len(args) > 4 or set(named) & set(keywords) or \
            not set(keywords) <= {"ord", "axis", "keepdims"}:
        return None
    named.update(keywords)
    order, axis = named.get("ord"), named.get("axis")
    if order is not None and not (isinstance(order, gast.Constant) and (
            order.value is None or order.value == "fro" and isinstance(axis, gast.Tuple) or
            type(order.value) is int and order.value == 2 and isinstance(axis, gast.Constant)
            and type(axis.value) is int)):
        return None  # (the spectral norm, a 'fro' of a vector (an error), any other order)
    return {k: named[k] for k in ("axis", "keepdims") if k in named}
