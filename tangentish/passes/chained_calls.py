"""A call of what a call returns, ``make(a)(x)`` or ``Kernel(ls)(X, Y)``, or of a method of an
object a call builds, ``SGD(lr=0.1).step(p, g)``, written as the two statements the passes after
this one follow: ``_make = make(a)`` then ``_make(x)`` (``_sgd = SGD(lr=0.1)`` then
``_sgd.step(p, g)``).  A closure
factory's result bound to a local is followed by :mod:`.closures`, an object built in the
function and called (its ``__call__``) by :mod:`.record_locals` and :mod:`.method_calls`; the
same written in one expression was refused as "a call to the value ``make(a)`` returns".

Guarantee to the next stage: the inner call ``c`` of ``c(...)`` is bound to a fresh name just
before its statement when ``c`` calls a function of the user's (a Python function that is
neither tangentish's nor an installed package's, :func:`.binding.is_user_function`), a class of
the user's with a ``__call__`` of its own, a function the caller defines, or a name this pass
bound (``make(a)(b)(x)``: one statement per call), and the construction ``c`` of ``c.m(...)``
when ``c`` calls a class of the user's whose ``m`` is a function of the user's; when the
statement evaluates it once (an assignment's, ``return``'s or expression statement's value,
an ``if`` test; not inside ``and``/``or``, a conditional expression, a comprehension or a
lambda); and when nothing the statement evaluates before it calls anything (the call then runs
first, as it does now).
``tangentish.grad(g)(x)``, ``getattr(np, name)(x)`` and ``np.vectorize(f)(x)`` stay as written.

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def make(a):
    ...     def scaled(t):
    ...         return a * t
    ...     return scaled
    >>> make.__module__ = "model"  # (a doctest's functions count as tangentish's own)
    >>> def f(x):
    ...     return make(2.0)(x) + x * make(3.0)(x)
    >>> info = parse_function(f)
    >>> bind_chained_calls(info)
    >>> print(function_text(info.node), end="")
    def f(x):
        _make = make(2.0)
        return _make(x) + x * make(3.0)(x)
"""

from __future__ import annotations

import inspect

import gast

from ..syntax import build
from ..syntax.naming import dotted, fresh_name
from ..syntax.parse import SourceInfo
from .binding import is_user_function
from .record_calls import each_statement, evaluated_once

_CONDITIONAL = (gast.BoolOp, gast.IfExp, gast.Lambda, gast.ListComp, gast.SetComp, gast.DictComp,
                gast.GeneratorExp, gast.FunctionDef)


def bind_chained_calls(info: SourceInfo) -> None:
    """Rewrite ``info.node`` in place (see the module docstring)."""
    own = build.outside_nested(info.node.body)
    defined = {n.name for n in own if isinstance(n, gast.FunctionDef)}
    bound = {n.id for n in own if isinstance(n, gast.Name) and not isinstance(n.ctx, gast.Load)}
    binder = _Binder(info, defined, bound | build.parameter_names(info.node.args))
    info.node.body = each_statement(info.node.body, binder.statement)


class _Binder:
    def __init__(self, info: SourceInfo, defined: set[str], local: set[str]):
        self.info, self.defined, self.local = info, defined, local
        self.made: set[str] = set()
        self.taken = set(build.names(info.node, functions=True)) | set(info.imported)

    def statement(self, stmt: gast.stmt) -> list[gast.stmt]:
        before: list[gast.stmt] = []
        for root in evaluated_once(stmt):
            while (found := self._first(root)) is not None:
                outer, inner = found
                name = fresh_name(_word(inner.func), self.taken)
                self.made.add(name)
                named = gast.copy_location(build.name(name), inner)
                if outer.func is inner:
                    outer.func = named
                else:
                    outer.func.value = named
                before.append(gast.copy_location(build.assign(name, inner), stmt))
        return [*before, stmt]

    def _first(self, root: gast.expr) -> tuple[gast.Call, gast.Call] | None:
        """The first call (in the order Python evaluates) whose callee is a call this pass
        binds, with that callee; None when another call runs before the callee (outside its
        own arguments: binding it first would change the order), or there is none."""
        order: list[gast.AST] = []
        _post_order(root, order)
        for k, node in enumerate(order):
            held = node.func if isinstance(node, gast.Call) else None
            if isinstance(held, gast.Attribute):  # (`Ridge(w).loss(X, y)`: the construction)
                held = held.value if self._constructs(held.value, held.attr) else None
            if isinstance(held, gast.Call) and (held is not node.func or self._bindable(held)):
                inner = {id(n) for n in build.node_list(held)}
                start = next(i for i in range(k) if order[i] is held)
                return (node, held) if all(
                    id(n) in inner for n in order[:start]
                    if isinstance(n, (gast.Call, gast.NamedExpr))) else None
        return None

    def _constructs(self, call: gast.expr, method: str) -> bool:
        """Whether ``call`` builds an object of a class of the user's whose ``method`` is a
        function of the user's (``SGD(lr=0.1).step(p, g)``: bound, as ``opt = SGD(...)`` is)."""
        parts = dotted(call.func) if isinstance(call, gast.Call) else None
        if parts is None or parts[0] in self.local or parts[0] in self.defined:
            return False
        found, value = self.info.lookup_path(parts)
        return found and isinstance(value, type) and \
            is_user_function(inspect.getattr_static(value, method, None))

    def _bindable(self, call: gast.Call) -> bool:
        """Whether ``call`` calls what this pass binds the result of (see the module)."""
        parts = dotted(call.func)
        if parts is None:
            return False
        if parts[0] in self.local or parts[0] in self.defined or parts[0] in self.made:
            return len(parts) == 1 and (parts[0] in self.made or parts[0] in self.defined
                                        and parts[0] not in self.local)
        found, value = self.info.lookup_path(parts)
        return found and (is_user_function(value) or isinstance(value, type) and
                          is_user_function(inspect.getattr_static(value, "__call__", None)))


def _word(func: gast.expr) -> str:
    """The fresh name's word: the callee's last name (``Matern32`` → ``matern32``)."""
    parts = dotted(func) or ["made"]
    return parts[-1].lstrip("_").lower() or "made"


def _post_order(node: gast.AST, out: list[gast.AST]) -> None:
    """The nodes of ``node`` in the order Python evaluates them, innermost first; nothing
    inside a part evaluated on some paths only, or more than once, is visited."""
    if not isinstance(node, _CONDITIONAL):
        for child in build.children(node):
            _post_order(child, out)
    out.append(node)

