"""The value-zero classifier's program rewriting (fuzz/value_zero.py): each *site* (the argument
``u`` of a function whose partial is infinite at a point where its value is finite:
:data:`SINGULAR`; ``np.sqrt``, ``np.arccos``, a power with a constant exponent that is not an
integer...) wrapped in a hook or a nudge, and each comparison in a hook (``np.fmin`` and
``np.fmax`` too: they pick by a comparison; and a cast to an integer, ``int(u)`` or ``k[1] = u``
into an integer array: its result is recorded and handed back like one; and a power, ``a ** b``:
``nan ** 0`` is 1, which would hide that ``a`` flows into it; and an order, ``np.sort``,
``np.partition``, ``sorted``, ``.sort()``: each moves a NaN to the end, where the program may not
read it, so the order is recorded and handed back like a comparison's result: :func:`reorder`).

>>> print(instrument("def f(x):\\n    return np.sqrt(x) if -1.0 < x < 1.0 else x", "_S", True)[0])
def f(x):
    return np.sqrt(_S(0, x)) if _FZ_CHAIN([lambda: -1.0, lambda: x, lambda: 1.0], ('Lt', 'Lt')) else x
<BLANKLINE>
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

_INSIDE = 2.0 ** -53  # (the spacing of floats just below 1.0: one step into [-1, 1])
SINGULAR: dict[str, tuple[tuple[float, float], ...]] = {
    "sqrt": ((0.0, 1e-200),), "cbrt": ((0.0, 1e-200),), "power": ((0.0, 1e-200),),
    "arcsin": ((-1.0, _INSIDE), (1.0, -_INSIDE)), "arccos": ((-1.0, _INSIDE), (1.0, -_INSIDE)),
    "arctanh": ((-1.0, _INSIDE), (1.0, -_INSIDE)), "arccosh": ((1.0, 2.0 * _INSIDE),),
}
"""Per function, the points where its partial is infinite, each with the *nudge*: a step into
its domain that takes the partial off the point (sqrt's to 1e100, arccos's at 1 to -6.7e7),
where a value zero times it is 0 (``arctanh``'s value is infinite there too)."""

_VALUES = {"sqrt": np.sqrt, "cbrt": np.cbrt, "arcsin": np.arcsin, "arccos": np.arccos,
           "arctanh": np.arctanh, "arccosh": np.arccosh}
_UNARY = {(module, name): kind for kind, names in (
    ("sqrt", ("sqrt",)), ("cbrt", ("cbrt",)), ("arcsin", ("arcsin", "asin")),
    ("arccos", ("arccos", "acos")), ("arctanh", ("arctanh", "atanh")),
    ("arccosh", ("arccosh", "acosh"))) for name in names for module in ("np", "math")}
_POWERS = {("np", "power"), ("np", "float_power"), ("math", "pow")}
# (a selection that drops a NaN, np.fmin(c, nan) = c: rewritten, with ``compare``, to pick by
# a comparison the recorder hands back, so that a NaN where the selection read an element
# reaches on; fuzz seed 4946, program 33)
_PICKS = {("np", "fmin"), ("np", "fmax")}
# (an order: its permutation is handed back like a comparison's result, so that a NaN stays where
# the value it replaced was ordered; np.sort put it last, unread by np.sort(u)[0]: fuzz seed 7431,
# program 6; an argsort's indices are handed back as they are)
_ORDERS = {("np", "sort"): "sort", ("np", "partition"): "partition", ("np", "argsort"): "indices",
           ("np", "argpartition"): "indices"}
_MODULES = {"numpy": "np", "math": "math"}  # (the names the sites above spell them by)


@dataclass(frozen=True)
class Site:
    """A site's function: a key of :data:`SINGULAR` (``power`` with its ``exponent``)."""

    kind: str
    exponent: float | None = None

    def singular(self, u: np.ndarray) -> np.ndarray:
        """Where ``u`` is at one of the function's singular points."""
        return np.isin(u, [point for point, _ in SINGULAR[self.kind]])

    def nudge(self, u: np.ndarray, size: float | None = None) -> np.ndarray:
        """The nudge into the domain at each singular element of ``u`` (of ``size``, signed as
        the table's, when given), 0 elsewhere."""
        out = np.zeros(np.shape(u))
        for point, step in SINGULAR[self.kind]:
            out = np.where(u == point, step if size is None else math.copysign(size, step), out)
        return out

    def value(self, u: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            return np.power(u, self.exponent) if self.kind == "power" else _VALUES[self.kind](u)


def _fractional(node: ast.expr) -> float | None:
    """A constant exponent that is not an integer (its partial is singular at 0), or None."""
    value = -node.operand.value if isinstance(node, ast.UnaryOp) and isinstance(
        node.op, ast.USub) and isinstance(node.operand, ast.Constant) else getattr(node, "value", None)
    fractional = isinstance(node, (ast.Constant, ast.UnaryOp)) and type(value) is float and \
        not float(value).is_integer()
    return value if fractional else None


class _Instrument(ast.NodeTransformer):
    """Wraps each site's argument in ``wrap(k, u)`` (``wrap`` the name of a call, or ``None``:
    ``u + _FZ_NUDGE[k]``, the site's value then ``+ _FZ_FIX[k]``) and, with ``compare``, each
    comparison in ``_FZ_CMP(...)`` (a chained one in ``_FZ_CHAIN([lambda: a, lambda: b, ...],
    ops)``, link by link) and each power in ``_FZ_POW(func, a, b)``.  A site is
    found under the names the program imports NumPy and math by (``import numpy as onp`` inside
    ``f``: feature ``local_imports``)."""

    def __init__(self, wrap: str | None, compare: bool, modules: dict[str, str]):
        self.wrap, self.compare, self.modules = wrap, compare, modules
        self.sites: list[Site] = []

    def _site(self, node: ast.expr, site: Site) -> ast.expr:
        k = ast.Constant(len(self.sites))
        self.sites.append(site)
        if self.wrap is not None:
            return ast.Call(ast.Name(self.wrap, ast.Load()), [k, node], [])
        nudge = ast.Subscript(ast.Name("_FZ_NUDGE", ast.Load()), k, ast.Load())
        return ast.BinOp(node, ast.Add(), nudge)

    def _fixed(self, node: ast.expr) -> ast.expr:
        """A nudged site's value, moved back by ``_FZ_FIX[k]`` to what it was at the point."""
        k = ast.Constant(len(self.sites) - 1)
        fix = ast.Subscript(ast.Name("_FZ_FIX", ast.Load()), k, ast.Load())
        return node if self.wrap is not None else ast.BinOp(node, ast.Add(), fix)

    def _power(self, func: ast.expr | None, base: ast.expr, exponent: ast.expr) -> ast.expr:
        """``_FZ_POW(func, a, b)`` (``func`` None: ``a ** b``), with ``compare``."""
        if not self.compare:
            return ast.BinOp(base, ast.Pow(), exponent) if func is None else \
                ast.Call(func, [base, exponent], [])
        return ast.Call(ast.Name("_FZ_POW", ast.Load()),
                        [func or ast.Constant(None), base, exponent], [])

    def visit_Call(self, node: ast.Call) -> ast.expr:
        self.generic_visit(node)
        func = node.func
        name = (self.modules.get(func.value.id, func.value.id), func.attr) if isinstance(
            func, ast.Attribute) and isinstance(func.value, ast.Name) else None
        exponent = _fractional(node.args[1]) if name in _POWERS and len(node.args) == 2 else None
        site = Site(_UNARY[name]) if name in _UNARY and len(node.args) == 1 else \
            Site("power", exponent) if exponent is not None else None
        if node.args and not node.keywords and site is not None:
            node.args[0] = self._site(node.args[0], site)
            return self._fixed(self._power(node.func, *node.args) if site.kind == "power" else node)
        if name in _POWERS and len(node.args) == 2 and not node.keywords:
            return self._power(node.func, *node.args)
        if self.compare and name in _PICKS and len(node.args) == 2 and not node.keywords:
            return ast.Call(ast.Name("_FZ_PICK", ast.Load()), [ast.Constant(name[1]), *node.args], [])
        if self.compare and _ordered(node, name):
            kind = _ORDERS.get(name) or ("sorted" if isinstance(func, ast.Name) else "method")
            callee = func.value if kind == "method" else func
            return ast.Call(ast.Name("_FZ_ORDER", ast.Load()), [ast.Constant(kind), callee, *node.args],
                            node.keywords)
        if self.compare and isinstance(func, ast.Name) and func.id == "int" and len(node.args) == 1 \
                and not node.keywords:
            return ast.Call(ast.Name("_FZ_CAST", ast.Load()), [ast.Constant(None), node.args[0]], [])
        return node

    def visit_Assign(self, node: ast.Assign) -> ast.stmt:
        self.generic_visit(node)
        target = node.targets[0]
        if self.compare and len(node.targets) == 1 and isinstance(target, ast.Subscript) and \
                isinstance(target.value, ast.Name):  # (``k[1] = x``: a cast where k holds ints)
            node.value = ast.Call(ast.Name("_FZ_CAST", ast.Load()),
                                  [ast.Name(target.value.id, ast.Load()), node.value], [])
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.expr:
        self.generic_visit(node)
        if not isinstance(node.op, ast.Pow):
            return node
        exponent = _fractional(node.right)
        if exponent is None:
            return self._power(None, node.left, node.right)
        node.left = self._site(node.left, Site("power", exponent))
        return self._fixed(self._power(None, node.left, node.right))

    def visit_Name(self, node: ast.Name) -> ast.expr:
        if self.wrap is not None and node.id == "tangentish" and isinstance(node.ctx, ast.Load):
            return ast.copy_location(ast.Name("_FZ_API", ast.Load()), node)
        return node

    def visit_Compare(self, node: ast.Compare) -> ast.expr:
        self.generic_visit(node)
        if not self.compare:
            return node
        if len(node.ops) == 1:
            return ast.Call(ast.Name("_FZ_CMP", ast.Load()), [node], [])
        thunks = [ast.Lambda(ast.arguments([], [], None, [], [], None, []), operand)
                  for operand in (node.left, *node.comparators)]
        ops = ast.Tuple([ast.Constant(type(op).__name__) for op in node.ops], ast.Load())
        return ast.Call(ast.Name("_FZ_CHAIN", ast.Load()), [ast.List(thunks, ast.Load()), ops], [])


def _ordered(node: ast.Call, name: tuple[str, str] | None) -> bool:
    """An order :func:`reorder` takes: ``np.sort``, ``np.partition`` (with ``axis`` at most),
    ``np.argsort``, ``np.argpartition``, ``sorted(...)`` and a ``.sort()`` method (not NumPy's)."""
    func, words = node.func, {word.arg for word in node.keywords}
    if name in _ORDERS:
        return bool(node.args) and words <= {"axis"}
    if isinstance(func, ast.Name):
        return func.id == "sorted" and len(node.args) == 1 and words <= {"key", "reverse"}
    return isinstance(func, ast.Attribute) and func.attr == "sort" and (name is None or name[0] != "np") and \
        words <= {"axis", "key", "reverse"}


def reorder(compare: Callable[[Any], Any], kind: str, callee: Any, *args: Any, **kwargs: Any) -> Any:
    """The order ``callee(*args, **kwargs)`` (``kind`` of :func:`_ordered`'s; a method's
    ``callee`` is the object sorted in place), its permutation through ``compare`` (recorded, or
    handed back in a replay), the values moved by it: equal to the order's own (a partition's
    unordered sides as ``np.argpartition`` leaves them)."""
    if kind == "indices":
        return compare(callee(*args, **kwargs))
    if kind == "sorted" or isinstance(callee, list):
        items = list(args[0] if kind == "sorted" else callee)
        keys = items if kwargs.get("key") is None else [kwargs["key"](item) for item in items]
        order = compare(np.array(sorted(range(len(items)), key=keys.__getitem__,
                                        reverse=bool(kwargs.get("reverse"))), dtype=np.intp))
        if kind == "sorted":
            return [items[i] for i in order]
        callee[:] = [items[i] for i in order]
        return None
    if kind == "method" and not isinstance(callee, np.ndarray):
        return callee.sort(*args, **kwargs)
    values = callee if kind == "method" else np.asarray(args[0])
    rest = args if kind == "method" else args[1:]
    axis = kwargs.get("axis", rest[-1] if len(rest) > (kind == "partition") else -1)
    if axis is None:
        values, axis = values.reshape(-1), -1
    order = np.argpartition(values, rest[0], axis=axis) if kind == "partition" else \
        np.argsort(values, axis=axis, kind="stable")
    moved = np.take_along_axis(values, compare(order), axis=axis)
    if kind != "method":
        return moved
    callee[...] = moved
    return None


def instrument(text: str, wrap: str | None, compare: bool = False) -> tuple[str, list[Site]]:
    """The program's text with its sites (and comparisons, powers) wrapped, and its sites."""
    tree = ast.parse(text)
    modules = {alias.asname or alias.name: _MODULES[alias.name] for node in ast.walk(tree)
               if isinstance(node, ast.Import) for alias in node.names if alias.name in _MODULES}
    transformer = _Instrument(wrap, compare, modules)
    tree = ast.fix_missing_locations(transformer.visit(tree))
    return ast.unparse(tree) + "\n", transformer.sites
