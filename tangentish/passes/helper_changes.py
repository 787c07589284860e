"""Which parameters of a user's helper the helper may change in place, and the checks at a call.

Guarantee: a statement that changes an array through a call is never mistaken for one that leaves
it alone.  In the function being differentiated, a call in :data:`.writes.WRITERS` (``np.copyto``,
``np.fill_diagonal``...), any call with ``out=``, and a mutating method (``c.fill(0.0)``) are
in-place updates of the local variable they write (``updates``), so the tape saves what the
adjoint reads; written any other way (inside an assignment, or into a value that is not a local
name) they are refused.  A call to a user's helper is checked against the helper's own source
(:func:`changed_parameters`): a parameter the helper writes into (``p[i] = v``, ``p.fill(v)``,
``np.copyto(p, v)``, through a view of ``p`` or through another helper) is refused at the call,
since the caller's value would change behind its derivative's back; a parameter the helper only
rebinds with an augmented assignment (``p += 1.0``, in place for an array and not for a number)
gets a check when the derivative runs (``_rt.check_not_array``), so numbers pass and arrays are
refused with the line that would have written into them; one that rebinds only the items a
loop over the parameter binds (``for q in p: q /= s``: ``ITEMS``) gets the check with ``items``,
so a 1-D array (numbers, rebound) passes and a 2-D one (rows, changed in place) is refused.

    >>> import numpy as np
    >>> def scale(v, s):
    ...     w = v[1:]
    ...     w[0] = 2.0
    ...     s += 1.0
    ...     return s
    >>> sorted((name, kind) for name, (kind, _) in changed_parameters(scale).items())
    [('s', 'rebinds'), ('v', 'writes')]
"""

from __future__ import annotations

import inspect
import weakref
from typing import Any

import gast
import numpy as np

from .. import ir, runtime
from ..errors import TangentishError
from ..ir import Op
from ..syntax import build
from ..syntax.parse import SourceInfo, parse_function
from ..syntax.resolve import dotted
from .binding import is_user_function
from .helper_lists import DICT_READS, ITEM, bind_items, called_locally, own_lists
from .lowering import Lowering
from .writes import (
    ITEMS,
    MUTATING_METHODS,
    REBINDS,
    VIEW_ATTRIBUTES,
    VIEW_FUNCTIONS,
    VIEW_METHODS,
    WRITES,
    Changes,
    argument,
    bound_argument,
    out_argument,
    written_position,
)

_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_BUSY: set[int] = set()


def changed_parameters(function: Any) -> Changes:
    """The parameters of a user's ``function`` that a call may change in place (see the module
    docstring), read from its code as written where a rewrite of its forms refuses it; a
    function whose source cannot be read changes nothing we can see."""
    code = getattr(function, "__code__", None)
    cached = _CACHE.get(function)
    if cached is not None and cached[0] is code:
        return cached[1]
    if id(code) in _BUSY:  # recursion: the outer scan sees every statement anyway
        return {}
    _BUSY.add(id(code))
    try:
        try:
            info = parse_function(function)
        except TangentishError:  # (a form the rewrites refuse, ``for q in map(...): q *= 2.0``:
            try:  # the code as written, whose writes are the same; fuzzhunt35)
                info = parse_function(function, forms=False)
            except TangentishError:
                return {}
        scan = _Scan(info)
        scan.block(info.node.body)
    finally:
        _BUSY.discard(id(code))
    _CACHE[function] = (code, scan.found, scan.returned)
    return scan.found


def returned_parameters(function: Any) -> frozenset[str]:
    """The parameters of a user's ``function`` whose value (or a view or item of it) it may
    return (``def ident(a): return a``): a value a call gives back may be the argument's."""
    changed_parameters(function)
    cached = _CACHE.get(function)
    return cached[2] if cached is not None and cached[0] is getattr(function, "__code__", None) \
        else frozenset()


def guarded(function: Any) -> set[str]:
    """The parameters ``function`` changes only as :data:`.ITEMS` (``for q in p: q /= s``),
    which a call checks when it runs (:func:`check_call`) instead of refusing."""
    return {p for p, (kind, _) in changed_parameters(function).items() if kind == ITEMS}


class _Scan:
    """A flow-sensitive walk over a helper's statements tracking which names may be (views of)
    which parameters; each write into one is recorded against the parameters it reaches.  A list
    the helper makes (``xs = [p, 2.0]``) that never leaves its hands (:func:`.helper_lists.own_lists`) is
    followed by what its items may be: ``xs.sort()``, ``xs.append(v)`` or ``xs[0] = v`` change
    the list, never an argument, while ``xs[0] op= v`` changes an item in place."""

    def __init__(self, info: SourceInfo):
        self.info = info
        args = info.node.args
        params = [a.id for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]]
        params += [a.id for a in (args.vararg, args.kwarg) if a is not None]
        self.state: dict[str, frozenset[str]] = {p: frozenset({p}) for p in params}
        self.found: Changes = {}
        self.returned: frozenset[str] = frozenset()  # (the parameters a return may give back)
        self.lambdas: dict[str, gast.Lambda] = {}  # (``g = lambda: qs[0]``: ``g()`` is a row)
        self.local_returns: dict[str, frozenset[str]] = {}  # (a nested ``def``'s returns)
        self.lists = own_lists(info.node, set(params), self._reads)  # (state: what items are)
        self.fixed = set(params) - {n.id for n in build.nodes(info.node) if isinstance(
            n, gast.Name) and isinstance(n.ctx, gast.Store)}  # (never bound: the arguments)

    def block(self, stmts: list[gast.stmt]) -> None:
        for stmt in stmts:
            self.statement(stmt)

    def statement(self, stmt: gast.stmt) -> None:
        if isinstance(stmt, gast.If):
            self._calls(stmt.test)
            self._branches([stmt.body, stmt.orelse])
        elif isinstance(stmt, (gast.For, gast.While)):
            self._calls(stmt.iter if isinstance(stmt, gast.For) else stmt.test)
            for _ in range(2):  # a second pass sees what the first one bound
                if isinstance(stmt, gast.For):
                    self._bind(stmt.target, self.roots(stmt.iter))
                    bind_items(self, stmt.target, stmt.iter)
                self._branches([stmt.body, []])
            self.block(stmt.orelse)
        elif isinstance(stmt, (gast.Try, gast.With)):
            for item in getattr(stmt, "items", ()):
                self._calls(item.context_expr)
            for part in (stmt.body, *(h.body for h in getattr(stmt, "handlers", ())),
                         getattr(stmt, "orelse", []), getattr(stmt, "finalbody", [])):
                self.block(part)
        elif isinstance(stmt, (gast.FunctionDef, gast.AsyncFunctionDef)):
            returned, self.returned = self.returned, frozenset()
            self.block(stmt.body)  # a closure may write what it captured
            self.local_returns[stmt.name] = self.returned
            self.returned |= returned
        else:
            self._simple(stmt)

    def _branches(self, blocks: list[list[gast.stmt]]) -> None:
        start, merged = dict(self.state), {}
        for body in blocks:
            self.state = dict(start)
            self.block(body)
            for name, roots in self.state.items():
                merged[name] = merged.get(name, frozenset()) | roots
        self.state = merged

    def _simple(self, stmt: gast.stmt) -> None:
        self._calls(stmt)
        if isinstance(stmt, gast.Return):
            self.returned |= {root.removesuffix(ITEM) for root in self.roots(stmt.value)}
        if isinstance(stmt, (gast.Assign, gast.AnnAssign)) and stmt.value is not None:
            targets = stmt.targets if isinstance(stmt, gast.Assign) else [stmt.target]
            roots = self.roots(stmt.value)
            for target in targets:
                self._bind(target, roots)
                if isinstance(target, gast.Name):
                    self._local_function(target.id, stmt.value)
        elif isinstance(stmt, gast.AugAssign):
            if isinstance(stmt.target, gast.Name) and stmt.target.id in self.lists:
                self._hold(stmt.target, self.roots(stmt.value))  # (``xs += [v]``)
            elif isinstance(stmt.target, gast.Name):
                self._record(self.state.get(stmt.target.id, frozenset()), REBINDS, stmt)
            else:
                self._record(self.roots(stmt.target.value), WRITES, stmt)
        elif isinstance(stmt, gast.Delete):
            for target in stmt.targets:
                if isinstance(target, (gast.Subscript, gast.Attribute)) and \
                        not self._hold(target.value, frozenset()):
                    self._record(self.roots(target.value), WRITES, stmt)

    def _bind(self, target: gast.expr, roots: frozenset[str]) -> None:
        if isinstance(target, gast.Name):
            self.state[target.id] = roots
        elif isinstance(target, (gast.Tuple, gast.List)):
            for element in target.elts:
                self._bind(element, roots)
        elif isinstance(target, gast.Starred):
            self._bind(target.value, roots)
        elif isinstance(target, (gast.Subscript, gast.Attribute)) and \
                not (isinstance(target, gast.Subscript) and self._hold(target.value, roots)):
            self._record(self.roots(target.value), WRITES, target)

    def _hold(self, holder: gast.expr, roots: frozenset[str]) -> bool:
        """Whether ``holder`` is one of :attr:`lists`, whose items may now be ``roots`` too."""
        if not (isinstance(holder, gast.Name) and holder.id in self.lists):
            return False
        self.state[holder.id] = self.state.get(holder.id, frozenset()) | roots
        return True

    def _record(self, roots: frozenset[str], kind: str, node: gast.AST) -> None:
        for root in sorted(roots):  # (an item's rebinding: ITEMS; anything deeper: REBINDS)
            param, kind_here = (root[:-len(ITEM)], ITEMS if kind == REBINDS else
                                WRITES if kind == WRITES else REBINDS) \
                if root.endswith(ITEM) else (root, kind)
            if param not in self.found or _RANK[kind_here] > _RANK[self.found[param][0]]:
                self.found[param] = (kind_here, node)

    def roots(self, expr: gast.expr | None) -> frozenset[str]:
        """The parameters ``expr`` may be (a view of)."""
        if isinstance(expr, gast.Name):
            return self.state.get(expr.id, frozenset())
        if isinstance(expr, (gast.Subscript, gast.Starred)):
            return self.roots(expr.value)
        if isinstance(expr, gast.Attribute):
            return self.roots(expr.value) if expr.attr in VIEW_ATTRIBUTES else frozenset()
        if isinstance(expr, (gast.Tuple, gast.List)):
            return frozenset().union(*(self.roots(e) for e in expr.elts))
        if isinstance(expr, gast.Dict):  # (``d = {"a": p[0]}``, then ``d["a"]``: a row of ``p``)
            return frozenset().union(*(self.roots(v) for v in expr.values))
        if isinstance(expr, gast.IfExp):
            return self.roots(expr.body) | self.roots(expr.orelse)
        if isinstance(expr, gast.NamedExpr):
            return self.roots(expr.value)
        if isinstance(expr, (gast.ListComp, gast.GeneratorExp, gast.SetComp)):
            return frozenset().union(self.roots(expr.elt), *(self.roots(g.iter)
                                                             for g in expr.generators))
        if isinstance(expr, gast.Call):
            func = expr.func
            local = called_locally(self, expr)
            if local is not None:
                return local
            if isinstance(func, gast.Attribute) and func.attr in (*VIEW_METHODS, *DICT_READS, "pop") \
                    and self._is_local(func.value):  # (``xs.pop()``, ``d.get(k)``: an item)
                return self.roots(func.value)
            if expr.args and self._resolve(func) in VIEW_FUNCTIONS:
                return self.roots(expr.args[0])
            value = self._resolve(func)
            if value is getattr and len(expr.args) > 1 and isinstance(expr.args[1], gast.Constant) \
                    and expr.args[1].value in VIEW_ATTRIBUTES:  # (``getattr(p, "T")``: ``p.T``)
                return self.roots(expr.args[0])
            if any(value is f for f in _READERS.values()):  # (``max(xs)``: an item)
                return frozenset().union(*(self.roots(a) for a in expr.args))
            if is_user_function(value):  # (a helper handing back its argument, or a row of it)
                return frozenset().union(*(self.roots(bound_argument(value, expr, p))
                                           for p in sorted(returned_parameters(value))))
        return frozenset()

    def _local_function(self, name: str, value: gast.expr) -> None:
        """Keep (or forget) the lambda a name of the helper is bound to."""
        self.lambdas.pop(name, None)
        self.local_returns.pop(name, None)
        if isinstance(value, gast.Lambda):
            self.lambdas[name] = value

    def _reads(self, call: gast.Call) -> bool:
        """Whether ``call`` only reads its arguments: a builtin of :data:`_READERS`, or a NumPy
        function that writes into none (``np.array(xs)``, ``np.sum(xs)``; no ``out=``)."""
        value = self._resolve(call.func)
        if any(value is f for f in _READERS.values()):
            return True
        numpy = isinstance(value, np.ufunc) or str(getattr(value, "__module__", "")) == "numpy"
        return numpy and written_position(value) is None and \
            not any(k.arg in ("out", None) for k in call.keywords)

    def _is_local(self, node: gast.expr) -> bool:
        parts = dotted(node)
        return parts is None or parts[0] in self.state

    def _resolve(self, func: gast.expr) -> Any:
        parts = dotted(func)
        if parts is None or parts[0] in self.state:
            return None
        try:
            found, value = self.info.lookup_path(parts)
        except Exception:  # noqa: BLE001 - any lookup failure: nothing known about it
            return None
        return value if found else None

    def _calls(self, tree: gast.AST) -> None:
        for node in build.nodes(tree):
            if not isinstance(node, gast.Call):
                continue
            func = node.func
            local = isinstance(func, gast.Attribute) and self._is_local(func.value)
            value = None if local else self._resolve(func)
            for keyword in node.keywords:
                if keyword.arg == "out" and not is_user_function(value):
                    self._record(self.roots(keyword.value), WRITES, node)
            if local:
                added = frozenset().union(*(self.roots(a) for a in node.args)) \
                    if func.attr in _ADDING else frozenset()
                if func.attr in MUTATING_METHODS and not self._hold(func.value, added):
                    self._record(self.roots(func.value), WRITES, node)
                continue
            out = out_argument(value, node.args, {})  # (by keyword: above)
            if out is not None:
                self._record(self.roots(out), WRITES, node)
            position = written_position(value)
            if position is not None:
                self._record(self.roots(argument(node, *position)), WRITES, node)
            elif is_user_function(value):
                self._through(value, node)

    def _through(self, function: Any, call: gast.Call) -> None:
        """A call to another helper: what it changes, in terms of our parameters."""
        changes = changed_parameters(function)
        if not changes:
            return
        for param, (kind, _) in changes.items():
            self._record(self.roots(bound_argument(function, call, param)), kind, call)



# -- at a call site of the function being differentiated -------------------------------------------


def check_call(norm: Lowering, op: Op, expr: gast.Call) -> str | None:
    """Refuse or guard a call that writes into an argument (see the module docstring); returns the
    local variable a NumPy writer changes, for the statement's ``updates``."""
    position = written_position(op.key)
    written = out_argument(op.key, op.args, op.keywords)
    if position is not None:
        written = argument(gast.Call(func=expr.func, args=op.args, keywords=[
            gast.keyword(arg=k, value=v) for k, v in op.keywords.items()]), *position)
    if written is not None:
        what = op.label if position is not None else f"the argument `out=` of {op.label}" + (
            "" if "out" in op.keywords else " (at its position)")
        return _written_local(norm, what, expr, written)
    if is_user_function(op.key):
        _check_helper(norm, op, expr)
    return None


def _written_local(norm: Lowering, what: str, expr: gast.Call, written: gast.expr) -> str:
    if not isinstance(written, gast.Name) or written.id not in norm.current.values():
        raise norm.error(f"{what} writes into a value that is not a local variable", expr,
                         hint="write into a local array (`a = np.zeros(...)`), or assign the "
                         "result to a new variable instead")
    if norm.statement_call is not expr:
        variable = next((k for k, v in norm.current.items() if v == written.id), written.id)
        raise norm.error(f"{what} writes into {variable!r} inside a larger expression", expr,
                         hint="call it as a statement of its own, or drop `out=` and assign the "
                         "result to a new variable")
    return written.id


def _check_helper(norm: Lowering, op: Op, expr: gast.Call) -> None:
    changes = changed_parameters(op.key)
    if not changes:
        return
    try:
        bound = inspect.signature(op.key).bind(*op.args, **op.keywords).arguments
    except TypeError:
        return  # a mismatched call is reported where it is differentiated, or fails as Python
    name = op.key.__name__
    for param, (kind, node) in sorted(changes.items()):
        value = bound.get(param)
        if value is None or isinstance(value, gast.Constant):
            continue
        line = getattr(node, "lineno", None)
        place = f"{_file(op.key)}:{line}" if line else _file(op.key)
        called = f"{norm.info.short_filename}:{getattr(expr, 'lineno', norm.info.first_line)}"
        if kind == WRITES:
            raise norm.error(
                f"{name}() changes its argument {param!r} in place ({place}), so the caller's "
                "value would change behind the derivative's back", expr,
                hint=f"copy inside {name}() before changing it (`{param} = {param}.copy()`), "
                "or return the new value")
        for item in (value.elts if isinstance(value, (gast.Tuple, gast.List)) else [value]):
            check = build.call(f"{norm.machinery.aliases['_rt']}.check_not_array", build.clone(item),
                               build.constant(name), build.constant(param),
                               build.constant(f"{place}, called at {called}"),
                               *([build.constant(True)] if kind == ITEMS else []))
            stmt = norm.emit(build.expression(check),
                             Op(runtime.check_not_array, [], label="a check"))
            ir.note(stmt).keep = True


def _file(function: Any) -> str:
    code = getattr(function, "__code__", None)
    return code.co_filename.rsplit("/", 1)[-1] if code is not None else "?"


_ADDING = frozenset({"append", "extend", "insert"})
_RANK = {ITEMS: 0, REBINDS: 1, WRITES: 2}
# Builtins that read a list without changing it; what they return may hold or be its items.
_READERS = {f.__name__: f for f in (len, sorted, list, tuple, reversed, min, max, sum, enumerate,
                                     zip, iter, next, filter, map)}  # (zip: fuzzhunt35)
