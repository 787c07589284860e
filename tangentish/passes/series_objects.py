"""``numpy.polynomial``'s series objects read as the functions they call: ``Polynomial(c)(x)`` is
``polyval(x, c)`` once ``c`` is the 1-d float array the object keeps (NumPy's own conversion,
``_rt.series_coefficients``), ``Chebyshev(c)(x)`` ``chebval``, and so on for ``Legendre``,
``Hermite``, ``HermiteE`` and ``Laguerre``, whose rules are in rules/numpy_series.py; the
object's ``deriv(m)`` is the series of ``<kind>der(c, m)``, its ``coef`` the coefficients.

Only where the object maps its domain onto its window by the identity (each class's default:
neither ``domain=`` nor ``window=`` given), the call given one argument:

- ``P(c)(x)``, ``P(c).deriv()(x)``, ``P(c).coef``, written in one expression;
- ``p = P(c)`` (or ``p = q.deriv()`` of such a ``q``) bound once by a statement of the body
  before every read of ``p``, each read one of those forms (``p(x)``, ``p.deriv(2)(x)``,
  ``p.coef``): the coefficients are kept where ``p`` was bound (``_p_coef = ...``).

Anything else stays as written (a call of it is refused by name, as before).

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(c, x):
    ...     p = np.polynomial.Polynomial(c)
    ...     return p(x) + p.deriv()(x) + np.polynomial.Chebyshev(c)(x)
    >>> info = parse_function(f)
    >>> read_series_objects(info)
    >>> print(function_text(info.node), end="")
    def f(c, x):
        _p_coef = _series_coefficients(c)
        return _polyval(x, _p_coef) + _polyval(x, _polyder(_p_coef)) + _chebval(x, _series_coefficients(c))
"""

from __future__ import annotations

from typing import Any

import gast
import numpy as np

from ..syntax import build
from ..syntax.naming import fresh_name
from ..syntax.parse import SourceInfo
from ..syntax.resolve import constant_path
from ..syntax.tree_walk import walk

_KINDS = {"Polynomial": ("polynomial", "polyval", "polyder"),
          "Chebyshev": ("chebyshev", "chebval", "chebder"),
          "Legendre": ("legendre", "legval", "legder"),
          "Hermite": ("hermite", "hermval", "hermder"),
          "HermiteE": ("hermite_e", "hermeval", "hermeder"),
          "Laguerre": ("laguerre", "lagval", "lagder")}
"""Each series class of ``numpy.polynomial``: its module, its values' and its derivative's
functions."""


def may_hold_series(info: SourceInfo) -> bool:
    """Whether the function's text may name a series class (its own name, or a name of its
    module or closure bound to one)."""
    names = set(_KINDS)
    names.update(k for k, v in info.fn.__globals__.items() if _kind_of(v) is not None)
    names.update(k for k, v in info.closure.items() if _kind_of(v) is not None)
    return any(name in line for line in info.lines for name in names)


def _kind_of(value: Any) -> str | None:
    """The name of the series class ``value`` is, if its domain maps to its window as is."""
    polynomial = getattr(np, "polynomial", None)
    for name in _KINDS:
        kind = getattr(polynomial, name, None)
        if kind is not None and value is kind:
            return name if np.array_equal(kind.domain, kind.window) else None
    return None


def read_series_objects(info: SourceInfo) -> None:
    """Rewrite ``info.node`` in place (see the module docstring)."""
    _Reader(info).run()


class _Reader:
    def __init__(self, info: SourceInfo):
        self.info = info
        node = info.node
        self.local = build.parameter_names(node.args) | {
            n.id for n in walk(node) if isinstance(n, gast.Name) and not isinstance(n.ctx, gast.Load)}
        self.taken = set(build.names(node, functions=True)) | set(info.imported)
        self.spelled: dict[tuple, str] = {}
        self.bound: dict[str, tuple[str, gast.expr]] = {}

    def run(self) -> None:
        node = self.info.node
        parents = {id(c): p for p in walk(node) for c in gast.iter_child_nodes(p)}
        bindings = self._bindable(parents)
        for stmt in node.body:
            if id(stmt) in bindings:
                self._bind(stmt)
        _Rewriter(self).visit(node)

    def _bindable(self, parents: dict) -> set[int]:
        """The statements ``p = P(c)`` (``dp = p.deriv()``) whose ``p`` is read only as a series
        object (:func:`_consumed`, which counts a binding of another such name as a read),
        found by dropping the others until none is left to drop."""
        node = self.info.node
        found = {}
        for index, stmt in enumerate(node.body):
            if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and \
                    isinstance(stmt.targets[0], gast.Name) and \
                    self._only_once(stmt.targets[0].id, node.body[:index]):
                found[stmt.targets[0].id] = stmt
        while True:
            kept = {id(s) for s in found.values()}
            dropped = [name for name, stmt in found.items() if
                       not self._shaped(stmt.value, found) or
                       not all(_consumed(u, parents, kept) for u in self._uses(name))]
            if not dropped:
                return kept
            for name in dropped:
                del found[name]

    def _only_once(self, name: str, before: list) -> bool:
        node = self.info.node
        return sum(isinstance(n, gast.Name) and n.id == name and not isinstance(n.ctx, gast.Load)
                   for n in walk(node)) == 1 and \
            not any(isinstance(n, gast.Name) and n.id == name for s in before for n in walk(s))

    def _uses(self, name: str) -> list:
        """The reads of ``name``; a read inside a nested function or lambda as ``None``."""
        node = self.info.node
        nested = [n for n in walk(node) if isinstance(n, (gast.FunctionDef, gast.Lambda)) and
                  n is not node]
        inner = {id(n) for f in nested for n in walk(f)}
        return [None if id(n) in inner else n for n in walk(node)
                if isinstance(n, gast.Name) and n.id == name and isinstance(n.ctx, gast.Load)]

    def _shaped(self, expr: gast.expr, found: dict) -> bool:
        """Whether ``expr`` builds a series object (a name of ``found`` one)."""
        if isinstance(expr, gast.Name):
            return expr.id in found
        if isinstance(expr, gast.Call) and isinstance(expr.func, gast.Attribute) and \
                expr.func.attr == "deriv":
            return _order(expr) is not None and self._shaped(expr.func.value, found)
        return self.series(expr) is not None

    def _bind(self, stmt: gast.Assign) -> None:
        """``p = P(c)``: ``p_coef = _rt.series_coefficients(c)``."""
        name = stmt.targets[0].id
        kind, coef = self.series(stmt.value)
        target = fresh_name(f"{name}_coef", self.taken)
        self.taken.add(target)
        self.bound[name] = (kind, build.name(target))
        stmt.targets = [build.name(target, store=True)]
        stmt.value = coef

    def series(self, expr: gast.expr) -> tuple[str, gast.expr] | None:
        """``(kind, coefficients)`` of the series object ``expr`` builds, or None."""
        if isinstance(expr, gast.Name) and expr.id in self.bound:
            kind, coef = self.bound[expr.id]
            return kind, build.clone(coef)
        if not isinstance(expr, gast.Call) or any(isinstance(a, gast.Starred) for a in expr.args):
            return None
        if isinstance(expr.func, gast.Attribute) and expr.func.attr == "deriv":
            inner = self.series(expr.func.value)
            order = _order(expr)
            if inner is None or order is None:
                return None
            der = self.spelling(inner[0], 2)
            return inner[0], build.call(der, inner[1], *order)
        parts = constant_path(expr.func)
        if parts is None or parts[0] in self.local or len(expr.args) != 1 or expr.keywords:
            return None
        found, value = self.info.lookup_path(parts)
        kind = _kind_of(value) if found else None
        if kind is None:
            return None
        made = build.call(self.helper(), expr.args[0])
        return kind, gast.copy_location(made, expr)

    def spelling(self, kind: str, which: int) -> str:
        """A name the derivative binds to ``kind``'s values' (``which`` 1) or derivative's (2)
        function (an import of its own: ``polyval``)."""
        module, *functions = _KINDS[kind]
        function = functions[which - 1]
        if (kind, which) not in self.spelled:
            local = fresh_name(function, self.taken)
            self.taken.add(local)
            owner = getattr(np.polynomial, module)
            self.info.imported[local] = (owner.__name__, (function,), getattr(owner, function))
            self.spelled[kind, which] = local
        return self.spelled[kind, which]

    def helper(self) -> str:
        if ("", 0) not in self.spelled:
            from .. import runtime

            local = fresh_name("series_coefficients", self.taken)
            self.taken.add(local)
            self.info.imported[local] = ("tangentish.runtime", ("series_coefficients",),
                                         runtime.series_coefficients)
            self.spelled["", 0] = local
        return self.spelled["", 0]


def _order(call: gast.Call) -> list[gast.expr] | None:
    """``deriv()``'s ``m`` (``[]``: 1), or None for any other arguments."""
    if not call.keywords and len(call.args) <= 1:
        return list(call.args)
    if not call.args and len(call.keywords) == 1 and call.keywords[0].arg == "m":
        return [call.keywords[0].value]
    return None


def _consumed(use: gast.expr | None, parents: dict, bindings: set[int]) -> bool:
    """Whether ``use`` (a series object) is called with one argument, read for its ``coef``,
    the value of one of ``bindings``, or the receiver of ``deriv(...)`` whose result is
    consumed so."""
    parent = parents.get(id(use))
    if use is None:
        return False
    if isinstance(parent, gast.Assign) and id(parent) in bindings:
        return True
    if isinstance(parent, gast.Call) and parent.func is use:
        return len(parent.args) == 1 and not parent.keywords and \
            not isinstance(parent.args[0], gast.Starred)
    if not isinstance(parent, gast.Attribute) or not isinstance(parent.ctx, gast.Load):
        return False
    if parent.attr == "coef":
        return True
    call = parents.get(id(parent))
    return parent.attr == "deriv" and isinstance(call, gast.Call) and call.func is parent and \
        _order(call) is not None and _consumed(call, parents, bindings)


class _Rewriter(gast.NodeTransformer):
    """Each consumed form of a series object: its call, ``coef``."""

    def __init__(self, reader: _Reader):
        self.reader = reader

    def visit_Call(self, node: gast.Call) -> gast.expr:
        self.generic_visit(node)
        if len(node.args) != 1 or node.keywords or isinstance(node.args[0], gast.Starred):
            return node
        series = self.reader.series(node.func)
        if series is None:
            return node
        values = self.reader.spelling(series[0], 1)
        return gast.copy_location(build.call(values, node.args[0], series[1]), node)

    def visit_Attribute(self, node: gast.Attribute) -> gast.expr:
        self.generic_visit(node)
        if node.attr != "coef" or not isinstance(node.ctx, gast.Load):
            return node
        series = self.reader.series(node.value)
        return node if series is None else series[1]
