"""Expressions evaluated first in their statement, made statements of their own: assignment
expressions (``:=``), ``any``/``all`` of a generator, ``functools.reduce`` and
``itertools.accumulate`` run to its end, a call's ``*e`` that :mod:`.star` spreads (``_args = e``).

``if (n := np.linalg.norm(x)) > 1.0:`` is ``n = np.linalg.norm(x)`` then ``if n > 1.0:``, and
``while (s := f(x)) > tol: body`` is ``while True: s = f(x); if not s > tol: break; body`` (a
``continue`` in ``body`` comes back to that assignment, as Python re-evaluates the test).
``if any(v > 1.0 for v in x):`` is the loop Python runs, stopping where it does::

    _any = False
    for _v in x:
        if _v > 1.0:
            _any = True
            break
    if _any:

(``all`` starts ``True`` and stops at the first false item; the generator's ``if`` clauses guard
the item; its variables get names the function does not use.)  ``functools.reduce(F, seq)`` is
``_items = list(seq)``, Python's ``TypeError`` if it is empty, then ``_acc = _items[0]`` and
``_acc = F(_acc, _items[k])`` for the others (with an initial value, ``_acc = initial`` and every
item folded in), ``F`` a lambda of two parameters (its body), an ``operator`` function of an
arithmetic operator (the operator) or a function read from outside (called).
``itertools.accumulate(seq[, F][, initial=v])`` handed first to ``list``, ``tuple``, ``sum``,
``max``, ``min`` or ``sorted`` (which run it to its end at once) is the list of the running
values, built by ``append`` (``_running[-1]`` folded with each item; ``F`` as for ``reduce``,
``+`` by default).  ``sorted(seq, key=F)`` and ``min``/``max(seq, key=F)`` are the comparisons
they make (:mod:`.keyed`).  Such an expression is lowered
only where Python would evaluate it before anything else the statement does that could tell
the difference:

- it sits in an assignment's, an augmented assignment's, an expression statement's or a
  ``return``'s value, an ``if``/``elif``/``while`` test, an ``assert``'s test or a ``for``'s
  iterable (each evaluated once where the statement starts, the ``while`` test once per round);
- it runs whenever that expression does: not in the later operands of ``and``/``or``, a branch
  of a conditional expression, a comprehension or a lambda;
- nothing evaluated before it calls anything (what a call did could not be moved after it;
  for ``sorted``/``min``/``max`` with ``key=`` and ``reduce``, a call of NumPy's, ``math``'s or
  a builtin that computes a value may, where they call only such functions too) or,
  for ``n := e``, reads ``n`` (which would see the old value), and the statement binds no ``n``
  itself (its target, a ``for``'s variable); a ``while`` it would rewrite has no ``else``;
- ``any``/``all`` are the builtins, of one generator of one ``for`` clause holding no ``:=``;
  ``reduce`` is ``functools.reduce`` (however imported), called without keywords (``a and
  any(...)`` is made Python's ``if`` first, :mod:`.short_circuit`).

Every other ``:=`` stays, and :mod:`.fence` refuses it at its line (as it refuses a generator
that is not consumed at once).  Nested functions are lowered the same way.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     if (n := np.sum(x * x)) > 1.0:
    ...         x = x / n
    ...     return x
    >>> print(function_text(parse_function(f).node), end="")
    def f(x):
        n = np.sum(x * x)
        if n > 1.0:
            x = x / n
        return x
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections.abc import Callable
from typing import Any

import gast

from . import build
from .keyed import keyed, lowered
from .naming import dotted, fresh_name, renamed
from .short_circuit import split_operands
from .star import library, spread_value
from .tree_walk import walk

_CONDITIONAL = (gast.Lambda, gast.ListComp, gast.SetComp, gast.DictComp, gast.GeneratorExp)
_ONCE = (gast.Assign, gast.AugAssign, gast.AnnAssign, gast.Expr, gast.Return)


_OPERATORS = {operator.add: gast.Add, operator.sub: gast.Sub, operator.mul: gast.Mult,
              operator.truediv: gast.Div, operator.matmul: gast.MatMult, operator.pow: gast.Pow}
_REDUCE_READS = ("list", "len", "range", "TypeError")
_CONSUMERS = ("list", "tuple", "sum", "max", "min", "sorted")  # (run an iterator to its end)
_PURE_BUILTINS = frozenset({abs, len, min, max, sum, float, int, round, sorted, list, tuple, range,
                            zip, enumerate, pow, divmod, bool})


class Hoisting:
    """Lowers the statements of the function ``node``: ``builtin(name)`` says whether a free
    ``name`` is the builtin there, ``resolve(parts)`` what a free dotted path names."""

    def __init__(self, builtin: Callable[[str], bool],
                 resolve: Callable[[list[str]], tuple[bool, Any]], node: gast.FunctionDef):
        self.builtin, self.resolve = builtin, resolve
        self.taken = set(build.names(node, functions=True))
        self.local = {n.id for n in walk(node) if isinstance(n, gast.Name)
                      and not isinstance(n.ctx, gast.Load)}

    def block(self, body: list[gast.stmt]) -> list[gast.stmt]:
        """``body`` with the expressions it may move made statements (see above)."""
        out: list[gast.stmt] = []
        for stmt in body:
            for field in ("body", "orelse"):
                if isinstance(getattr(stmt, field, None), list):
                    setattr(stmt, field, self.block(getattr(stmt, field)))
            out.extend(self.statement(stmt))
        return out

    def statement(self, stmt: gast.stmt) -> list[gast.stmt]:
        if isinstance(stmt, gast.While) and not stmt.orelse:
            hoisted = self.hoisted(stmt, stmt.test)
            return [_rounds(stmt, hoisted)] if hoisted else [stmt]
        first = self.block(split_operands(self, stmt))  # (`a and any(...)`: Python's ifs)
        root = stmt.test if isinstance(stmt, (gast.If, gast.Assert)) else \
            stmt.iter if isinstance(stmt, gast.For) else \
            stmt.value if isinstance(stmt, _ONCE) else None
        return first + (self.hoisted(stmt, root) if root is not None else []) + [stmt]

    def hoisted(self, stmt: gast.stmt, root: gast.expr) -> list[gast.stmt]:
        """The statements computing the expressions of ``root`` that may move (each replaced by
        the name of its value in ``root``), in evaluation order."""
        from .lambdas import handed  # (a function form_tests.may_hoist picks: imported then)

        found: list[gast.stmt] = []
        parents = {id(c): p for p in walk(root) for c in build.children(p)}
        parents[id(root)] = stmt  # (what is read upwards ends at root: not stmt's whole body)
        order = _preorder(root)
        for position, node in enumerate(order):
            before = order[:position]
            if (moved := handed(node, root, parents, self.local, self.resolve)) is not None:
                name = fresh_name("fn", self.taken)  # (a lambda: runs nothing, moves)
                found.append(gast.copy_location(build.assign(name, moved), node))
                build.replace_child(parents[id(node)], node,
                                    gast.copy_location(build.name(name), node))
                continue
            key = folded = spread = searched = None
            if isinstance(node, gast.NamedExpr) and _assignable(node, stmt, root, before):
                name, statements = node.target.id, [build.assign(node.target.id, node.value)]
            elif (searched := self.searched_in(node)) is not None:
                name, statements = self._search(node)
            elif (folded := self._folding(node)) is not None:
                name, statements = self._fold(node)
            elif self._running(node, parents) is not None:
                name, statements = self._accumulate(node, parents)
            elif (key := keyed(node, self.builtin, self.local, self.resolve)) is not None:
                name, statements = lowered(node, key, self.taken)
            elif (spread := spread_value(node, parents, self.resolve, self.local)):
                statements = [build.assign(name := fresh_name("args", self.taken), node)]
            else:
                continue
            movable = spread or searched or key and self._pure_key(node) or \
                folded and self._pure_fold(node.args[0])
            if not _unconditional(node, root, parents) or _effects_before(node, before) and \
                    not (movable and all(self._pure(n) for n in (*before, *walk(node))
                                         if n is not node)):
                continue  # (what runs before it, and it, pure: the order cannot show)
            found.extend(gast.copy_location(s, node) for s in statements)
            build.replace_child(parents[id(node)], node,
                                gast.copy_location(build.name(name), node))
        for new in found:  # (every node made here where the expression was)
            for part in walk(new):
                if getattr(part, "lineno", None) is None:
                    gast.copy_location(part, new)
        return found

    def _folding(self, node: gast.AST) -> Callable[[gast.expr, gast.expr], gast.expr] | None:
        """For ``functools.reduce(F, seq[, initial])`` of a lambda of two parameters, an operator
        function or a function read from outside: ``F`` applied to two values, as code."""
        if not (isinstance(node, gast.Call) and 2 <= len(node.args) <= 3 and not node.keywords
                and self._names(node.func, functools.reduce)
                and not any(isinstance(a, gast.Starred) for a in node.args)
                and all(n not in self.local and self.builtin(n) for n in _REDUCE_READS)):
            return None
        return self._binary(node.args[0])

    def _binary(self, function: gast.expr) -> Callable[[gast.expr, gast.expr], gast.expr] | None:
        """``F`` of ``reduce``/``accumulate`` applied to two values, as code, or ``None``."""
        if isinstance(function, gast.Lambda):
            args = function.args
            if args.vararg or args.kwarg or args.kwonlyargs or args.defaults or \
                    args.posonlyargs or len(args.args) != 2 or \
                    any(isinstance(n, gast.NamedExpr) for n in walk(function)):
                return None
            a, b = (p.id for p in args.args)
            return lambda x, y: renamed(function.body, {a: x.id, b: y.id})
        parts = dotted(function)
        if parts is None or parts[0] in self.local:
            return None
        found, value = self.resolve(parts)
        op = _OPERATORS.get(value) if found and callable(value) else None
        if op is not None:
            return lambda x, y: gast.BinOp(left=x, op=op(), right=y)
        return (lambda x, y: build.call(build.clone(function), x, y)) if found else None

    def _running(self, node: gast.AST, parents: dict) -> tuple | None:
        """``(F, seq, initial)`` of ``itertools.accumulate(seq[, F][, initial=v])`` handed first to
        a builtin that runs it to the end at once (``list``, ``tuple``, ``sum``...)."""
        parent = parents.get(id(node))
        if not (isinstance(node, gast.Call) and 1 <= len(node.args) <= 2 and
                self._names(node.func, itertools.accumulate) and
                isinstance(parent, gast.Call) and parent.args and parent.args[0] is node and
                isinstance(parent.func, gast.Name) and parent.func.id in _CONSUMERS and
                parent.func.id not in self.local and self.builtin(parent.func.id) and
                all(n not in self.local and self.builtin(n) for n in _REDUCE_READS) and
                not any(isinstance(a, gast.Starred) for a in node.args)):
            return None
        keywords = {k.arg: k.value for k in node.keywords}
        if set(keywords) - {"func", "initial"} or len(node.args) == 2 and "func" in keywords:
            return None
        function = node.args[1] if len(node.args) == 2 else keywords.get("func")
        apply = self._binary(function) if function is not None else \
            (lambda x, y: gast.BinOp(left=x, op=gast.Add(), right=y))
        initial = keywords.get("initial")
        if apply is None or isinstance(initial, gast.Constant) and initial.value is None:
            return None  # (`initial=None` is no initial value: left alone)
        return apply, node.args[0], initial

    def _accumulate(self, call: gast.Call, parents: dict) -> tuple[str, list[gast.stmt]]:
        """The list of the running values ``itertools.accumulate`` yields (its consumer runs it
        to the end at once, so the list stands for it), and its name."""
        apply, sequence, initial = self._running(call, parents)
        running, item = fresh_name("running", self.taken), fresh_name("item", self.taken)
        last = fresh_name("last", self.taken)
        grow = [build.assign(last, build.subscript(build.name(running), build.constant(-1))),
                build.expression(build.call(build.attribute(build.name(running), "append"),
                                            apply(build.name(last), build.name(item))))]
        if initial is not None:
            loop = gast.For(target=build.name(item, store=True), iter=sequence, body=grow,
                            orelse=[], type_comment=None)
            return running, [build.assign(running, build.list_([initial])), loop]
        items, k = fresh_name("items", self.taken), fresh_name("k", self.taken)
        take = build.assign(item, build.subscript(build.name(items), build.name(k)))
        loop = gast.For(target=build.name(k, store=True), iter=build.call(
            "range", build.constant(1), build.call("len", build.name(items))),
            body=[take, *grow], orelse=[], type_comment=None)
        first = gast.Slice(lower=None, upper=build.constant(1), step=None)
        v = fresh_name("v", self.taken)
        start = gast.ListComp(elt=build.name(v), generators=[gast.comprehension(  # (a new list:
            target=build.name(v, store=True), iter=build.subscript(build.name(items), first),
            ifs=[], is_async=0)])  # the first item, or none; a slice's list is read again)
        return running, [build.assign(items, build.call("list", sequence)),
                         build.assign(running, start), loop]

    def _pure(self, node: gast.AST) -> bool:
        """Whether ``node`` is no call, or a call of NumPy's (not ``np.random``'s, no ``out=``),
        ``math``'s or a builtin that computes a value (:mod:`.keyed`: such calls are moved)."""
        if isinstance(node, (gast.NamedExpr, gast.Await, gast.Yield, gast.YieldFrom)):
            return False
        if not isinstance(node, gast.Call):
            return True
        return not any(k.arg in ("out", None) for k in node.keywords) and \
            self._pure_function(node.func)

    def _pure_key(self, call: gast.Call) -> bool:
        """Whether the ``key=`` of ``sorted``/``min``/``max`` is a lambda (its calls are the
        call's) or a function as :meth:`_pure` allows (called by the code that moves)."""
        key = next(k.value for k in call.keywords if k.arg == "key")
        return isinstance(key, gast.Lambda) or self._pure_function(key)

    def _pure_fold(self, function: gast.expr) -> bool:
        """Whether ``reduce``'s ``F`` is a lambda (its calls are the call's), an ``operator``
        function of an arithmetic operator, or a function as :meth:`_pure` allows."""
        parts = dotted(function)
        return isinstance(function, gast.Lambda) or self._pure_function(function) or \
            parts is not None and parts[0] not in self.local and \
            self.resolve(parts)[1] in _OPERATORS

    def _pure_function(self, func: gast.expr) -> bool:
        parts = dotted(func)
        if parts is None or parts[0] in self.local:
            return False
        found, value = self.resolve(parts)
        module = library(value), str(getattr(value, "__module__", None) or "")
        return found and (value in _PURE_BUILTINS or module[1] == "math" or (
            module[0] == "numpy" and "random" not in module[1] and "random" not in parts))

    def _names(self, func: gast.expr, value: Any) -> bool:
        parts = dotted(func)
        return parts is not None and parts[0] not in self.local and \
            self.resolve(parts) == (True, value)

    def _fold(self, call: gast.Call) -> tuple[str, list[gast.stmt]]:
        """The loop ``functools.reduce`` runs, and the name of its result."""
        apply = self._folding(call)
        acc, item = fresh_name("acc", self.taken), fresh_name("item", self.taken)
        step = build.assign(acc, apply(build.name(acc), build.name(item)))
        if len(call.args) == 3:  # (an initial value: every item folded in)
            loop = gast.For(target=build.name(item, store=True), iter=call.args[1],
                            body=[step], orelse=[], type_comment=None)
            return acc, [build.assign(acc, call.args[2]), loop]
        items, k = fresh_name("items", self.taken), fresh_name("k", self.taken)
        empty = build.if_(gast.Compare(left=build.call("len", build.name(items)),
                                       ops=[gast.Eq()], comparators=[build.constant(0)]),
                          [gast.Raise(exc=build.call("TypeError", build.constant(
                              "reduce() of empty iterable with no initial value")), cause=None)])
        take = build.assign(item, build.subscript(build.name(items), build.name(k)))
        loop = gast.For(target=build.name(k, store=True), iter=build.call(
            "range", build.constant(1), build.call("len", build.name(items))),
            body=[take, step], orelse=[], type_comment=None)
        return acc, [build.assign(items, build.call("list", call.args[1])), empty,
                     build.assign(acc, build.subscript(build.name(items), build.constant(0))),
                     loop]

    def searched_in(self, node: gast.AST) -> gast.comprehension | None:
        """The one ``for`` clause of ``any(<generator>)`` or ``all(<generator>)``."""
        if not (isinstance(node, gast.Call) and isinstance(node.func, gast.Name) and
                node.func.id in ("any", "all") and len(node.args) == 1 and not node.keywords
                and isinstance(node.args[0], gast.GeneratorExp)):
            return None
        generator = node.args[0]
        if len(generator.generators) != 1 or generator.generators[0].is_async or \
                any(isinstance(n, gast.NamedExpr) for n in walk(generator)) or \
                node.func.id in self.local or not self.builtin(node.func.id):
            return None
        return generator.generators[0]

    def _search(self, call: gast.Call) -> tuple[str, list[gast.stmt]]:
        """The loop ``any``/``all`` runs over the generator, and the name of its result."""
        clause, generator, found = self.searched_in(call), call.args[0], call.func.id == "any"
        fresh = {n: fresh_name(n, self.taken) for n in build.names(clause.target)}
        item = renamed(generator.elt, fresh)
        test = item if found else build.not_(item)
        hit = [build.assign(result := fresh_name(call.func.id, self.taken), build.constant(found)),
               gast.Break()]
        body: list[gast.stmt] = [build.if_(test, hit[:1] + hit[1:])]
        if clause.ifs:
            guards = [renamed(c, fresh) for c in clause.ifs]
            guard = guards[0] if len(guards) == 1 else gast.BoolOp(op=gast.And(), values=guards)
            body = [build.if_(guard, body)]
        loop = gast.For(target=renamed(clause.target, fresh), iter=clause.iter, body=body,
                        orelse=[], type_comment=None)
        return result, [build.assign(result, build.constant(not found)), loop]


def _rounds(loop: gast.While, hoisted: list[gast.stmt]) -> gast.While:
    """``while True:`` the assignments, ``if not test: break``, then the body."""
    where = loop.test
    stop = gast.copy_location(gast.If(test=gast.copy_location(build.not_(loop.test), where),
                                      body=[gast.copy_location(gast.Break(), where)],
                                      orelse=[]), where)
    true = gast.copy_location(gast.Constant(value=True, kind=None), where)
    return gast.copy_location(gast.While(test=true, body=hoisted + [stop] + loop.body, orelse=[]),
                              loop)


def _preorder(root: gast.expr) -> list[gast.AST]:
    found: list[gast.AST] = []
    stack = [root]
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(reversed(build.children(node)))
    return found


def _assignable(node: gast.NamedExpr, stmt: gast.stmt, root: gast.expr,
                before: list[gast.AST]) -> bool:
    """``n := e`` where nothing before it reads ``n``, and the statement binds no ``n``."""
    if not isinstance(node.target, gast.Name) or \
            any(isinstance(n, gast.NamedExpr) for n in walk(node.value)):
        return False
    name = node.target.id
    others = [part for field, value in gast.iter_fields(stmt) if field not in ("body", "orelse")
              for part in (value if isinstance(value, list) else [value])
              if isinstance(part, gast.AST) and part is not root]
    return not any(isinstance(n, gast.Name) and n.id == name
                   for n in [*before, *(n for part in others for n in walk(part))])


def _unconditional(node: gast.expr, root: gast.expr, parents: dict) -> bool:
    """Whether ``node`` runs whenever ``root`` is evaluated (a comprehension's first iterable is
    evaluated once, where the comprehension is)."""
    below, child, parent = None, node, parents.get(id(node))
    while child is not root:
        first = isinstance(parent, _CONDITIONAL[1:]) and child is parent.generators[0] and \
            below is child.iter
        if isinstance(parent, _CONDITIONAL) and not first or \
                isinstance(parent, gast.BoolOp) and child is not parent.values[0] or \
                isinstance(parent, gast.IfExp) and child is not parent.test:
            return False
        below, child, parent = child, parent, parents.get(id(parent))
    return True


def _effects_before(node: gast.expr, before: list[gast.AST]) -> bool:
    """Whether something evaluated before ``node`` (not around it) calls or binds."""
    inside = {id(n) for n in walk(node)}
    return any(isinstance(n, (gast.Call, gast.NamedExpr, gast.Await, gast.Yield,
                              gast.YieldFrom)) and id(n) not in inside and
               not _encloses(n, node) for n in before)


def _encloses(outer: gast.AST, node: gast.AST) -> bool:
    return any(n is node for n in walk(outer))
