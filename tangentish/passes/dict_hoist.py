"""Dicts built inside a larger expression, bound to a fresh local first, so that
:mod:`dict_comprehensions` and :mod:`dict_locals` see a dict local (``t = {...}``) where they
take only names: a comprehension handed to a call (``rhs({n: s[n] + h * k1[n] for n in s})``,
which :mod:`record_helpers` then inlines as it does ``rhs(t)``), a display or ``dict(...)``
handed to a builtin (``len({...})``), and any of them read at once (``{...}[k]``,
``dict(a=x).items()``, a small helper's returned display once inlined: ``step(s)["x"]``).  A
display handed to a helper stays: :mod:`record_helpers` inlines a small one (its parameter bound
to the display first), and one of another module gets the display's leaves (:mod:`displays`).

Guarantee to the next stage: such a build, where the statement evaluates it once, before doing
anything else (an assignment's, ``return``'s or expression statement's value, an ``if`` test, a
``for``'s iterable; not inside ``and``/``or``, a conditional expression, a comprehension or a
lambda), is assigned to a fresh name just before the statement, in the order Python builds them;
none is when a call that may change a local (a method of one) or a walrus runs before it in the
statement.  One that is an assignment's whole value, a ``return``'s item, an entry of another
display or the argument of ``dict(...)`` itself stays where it is.

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(s, h):
    ...     return len(dict(a=h)) + {"a": h}["a"] * step({"b": h}, h)
    >>> info = parse_function(f)
    >>> hoist_dict_builds(info)
    True
    >>> print(function_text(info.node), end="")
    def f(s, h):
        _dict = dict(a=h)
        _dict_1 = {'a': h}
        return len(_dict) + _dict_1['a'] * step({'b': h}, h)
"""

from __future__ import annotations

import builtins

import gast

from ..syntax import build
from ..syntax.naming import Namer, names_in
from ..syntax.parse import SourceInfo
from .record_calls import each_statement, evaluated_once

_CONDITIONAL = (gast.BoolOp, gast.IfExp, gast.Lambda, gast.ListComp, gast.SetComp, gast.DictComp,
                gast.GeneratorExp, gast.FunctionDef)
_READING = frozenset({"get", "keys", "values", "items", "copy"})  # (methods changing nothing)


def hoist_dict_builds(info: SourceInfo) -> bool:
    """Rewrite ``info.node`` in place (see the module docstring); whether anything changed."""
    hoister = _Hoister(info)
    info.node.body = each_statement(info.node.body, hoister.statement)
    return hoister.changed


class _Hoister:
    def __init__(self, info: SourceInfo):
        self.info, self.changed = info, False
        self.namer = Namer(names_in(info.node))
        own = build.outside_nested(info.node.body)
        self.local = {n.id for n in own if isinstance(n, gast.Name)
                      and not isinstance(n.ctx, gast.Load)}
        self.local |= build.parameter_names(info.node.args)

    def statement(self, stmt: gast.stmt) -> list[gast.stmt]:
        roots = [stmt.iter] if isinstance(stmt, gast.For) else evaluated_once(stmt)
        before: list[gast.stmt] = []
        for root in roots:
            order: list[tuple[gast.AST, gast.AST | None, gast.AST | None]] = []
            _post_order(root, None, None, order)
            for node, parent, user in order:
                if isinstance(node, gast.NamedExpr) or \
                        isinstance(node, gast.Call) and self._may_change(node):
                    break  # (a later build would run before it)
                if parent is not None and self._builds(node) and self._consumed(user, node):
                    name = self.namer.fresh("_dict")
                    self.info.hoisted.add(name)  # (named "a dict display" in refusals)
                    build.replace_child(parent, node, build.name(name))
                    before.append(gast.copy_location(build.assign(name, node), stmt))
        self.changed = self.changed or bool(before)
        return [*before, stmt]

    def _builds(self, node: gast.AST) -> bool:
        return isinstance(node, (gast.Dict, gast.DictComp)) or \
            isinstance(node, gast.Call) and self._is_dict(node.func)

    def _consumed(self, user: gast.AST, node: gast.AST) -> bool:
        """Whether ``user`` uses the dict ``node`` at once: an item or attribute read of it, or a
        call given it as an argument (not as ``**node``): a comprehension to any call but
        ``dict(...)``, a display or ``dict(...)`` to a builtin (a helper's is handed on whole:
        inlined by :mod:`record_helpers`, or given the display's leaves, :mod:`displays`)."""
        if isinstance(user, gast.Call):
            return user.func is not node and not self._is_dict(user.func) and \
                all(k.value is not node or k.arg is not None for k in user.keywords) and \
                (isinstance(node, gast.DictComp) or self._builtin(user.func))
        return isinstance(user, (gast.Subscript, gast.Attribute)) and user.value is node

    def _builtin(self, func: gast.AST) -> bool:
        if not isinstance(func, gast.Name) or func.id in self.local:
            return False
        found, value = self.info.lookup(func.id)
        return found and getattr(builtins, func.id, None) is value

    def _is_dict(self, func: gast.AST) -> bool:
        if not isinstance(func, gast.Name) or func.id != "dict" or func.id in self.local:
            return False
        found, value = self.info.lookup("dict")
        return found and value is builtins.dict

    def _may_change(self, call: gast.Call) -> bool:
        """A method call on a local (``xs.pop()``): it may change what a build reads."""
        func = call.func
        return isinstance(func, gast.Attribute) and isinstance(func.value, gast.Name) and \
            func.value.id in self.local and func.attr not in _READING


def _post_order(node: gast.AST, parent: gast.AST | None, user: gast.AST | None,
                out: list[tuple[gast.AST, gast.AST | None, gast.AST | None]]) -> None:
    """``(node, parent, user)`` in the order Python evaluates them, innermost first: ``user`` is
    the parent, or the call of a keyword argument's value.  Nothing inside a part evaluated on
    some paths only, or more than once (``_CONDITIONAL``), is visited, but that part is."""
    if not isinstance(node, _CONDITIONAL):
        for child in build.children(node):
            if isinstance(child, gast.keyword):
                _post_order(child.value, child, node, out)
            else:
                _post_order(child, node, node, out)
    out.append((node, parent, user))
