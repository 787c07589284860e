"""Records handed to small helpers and returned by them (``state = step(state, dt)``), and records
rebuilt with a field replaced (``s._replace(v=...)``, ``dataclasses.replace(s, v=...)``), made
plain constructions so that :mod:`record_locals` sees every binding of the local.

Guarantee to the next stage: where a statement calls a small helper of the function's own module
(the call evaluated once, where the statement runs: an assignment's value, a ``return``, an
expression statement, an ``if`` test) and the call passes a record construction or a local bound
to one (or a dict display or a dict local), or the helper returns a record construction or a
dict (a display with constant keys, a comprehension, ``dict(zip(keys, values))``), the call
is replaced by the helper's body: its parameters read the call's arguments (a name or a number in
place, any other value assigned to a fresh name first), its own variables get names the function
does not use, and its ``return`` value takes the call's place.  A method of the record's class
called on such a local (``p.loss(x)``) is its class's function called with the local first
(``P.loss(p, x)``), so its ``self.w`` reads the local's field; a property read on it (``p.r0``)
is its getter so called (``P.r0.fget(p)``).  A copy ``a = b`` of such a local, where no field of either is
written, is a construction of ``b``'s fields.  ``N._replace(f=e)`` and
``dataclasses.replace(N, f=e)`` of a local ``N`` bound to constructions of one record class are
that class called with every field (``N.a`` where the call does not give it).

A helper qualifies when it lives in the same module and file, closes over nothing, has no
``*args``/``**kwargs``, is no generator, has at most :data:`.helper_bodies.MAX_STATEMENTS`
statements with its one ``return`` last, defines no function or lambda, writes into nothing
(no item or attribute assignment, no augmented one but ``v += e`` on a variable of its own, no
method that changes its receiver), imports nothing, reads no global that the caller binds as a
local, leaves out only plain constant defaults, and has no derivative rule.  Any other call is
left as it is (a record passed to it stays refused by :mod:`record_locals`).  The helper's code
and defaults become dependencies of the derivative: redefining the helper derives again.

    >>> from collections import namedtuple
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> __name__ = "example"  # (what follows is a user's module, not tangentish's own code)
    >>> if True:  # (one example: the record, the helper and its caller in one file)
    ...     S = namedtuple("S", "p v")
    ...     def step(s, dt):
    ...         v = s.v - dt * s.p
    ...         return S(s.p + dt * v, v)
    ...     def f(x):
    ...         s = S(x, 0.0)
    ...         s = step(s, 0.1)
    ...         return s.p
    >>> info = parse_function(f)
    >>> inline_record_helpers(info)
    True
    >>> print(function_text(info.node), end="")
    def f(x):
        s = S(x, 0.0)
        v = s.v - 0.1 * s.p
        s = S(s.p + 0.1 * v, v)
        return s.p
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
import types
from typing import Any

import gast

from ..markers import MARK
from ..registry import REGISTRY, TANGENT
from ..syntax import build, scope
from ..syntax.parse import SourceInfo, parse_function
from ..syntax.resolve import dotted
from .dict_comprehensions import rewrite_dict_comprehensions
from .dict_returns import returns_dict
from .foreign_methods import builds_there, inlined_foreign
from .helper_bodies import (
    assigned,
    bind,
    free,
    function_path,
    identity_operands,
    plain,
    record_inlined,
    renamed,
)
from .record_calls import calls, evaluated_once, getattr_read, put
from .record_locals import record_of
from .tail_returns import one_return_last

MAX_ROUNDS = 8  # helpers calling helpers on records: inlined level by level
_FLAGS = inspect.CO_VARARGS | inspect.CO_VARKEYWORDS | inspect.CO_GENERATOR | \
    inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR


def inline_record_helpers(info: SourceInfo) -> bool:
    """Rewrite ``info.node`` in place (see the module docstring); whether anything changed."""
    changed = False
    for _ in range(MAX_ROUNDS):
        rewriter = _Rewriter(info)
        info.node.body = rewriter.block(info.node.body)
        if not rewriter.changed:
            break
        changed = True
    if changed:  # (`p = dict(zip(KEYS, v))`, `{k: ... for k in KEYS}` of a helper: written out)
        rewrite_dict_comprehensions(info, inlined=True)
    return changed


class _Rewriter:
    def __init__(self, info: SourceInfo):
        self.info, self.changed = info, False
        own = build.outside_nested(info.node.body)
        self.params = build.parameter_names(info.node.args)
        self.local = {n.id for n in own if isinstance(n, gast.Name)
                      and not isinstance(n.ctx, gast.Load)} | self.params
        self.taken = set(build.names(info.node, functions=True))
        self.records = self._records(own)
        self.dicts = {s.targets[0].id for s in own if isinstance(s, gast.Assign) and
                      len(s.targets) == 1 and isinstance(s.targets[0], gast.Name) and
                      self._builds_dict(s.value)} - self.params

    def _records(self, own: list[gast.AST]) -> dict[str, Any]:
        """Local name → the record class of every construction bound to it (``None`` when it is
        bound to constructions of several classes)."""
        found: dict[str, Any] = {}
        for stmt in own:
            if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and \
                    isinstance(stmt.targets[0], gast.Name) and isinstance(stmt.value, gast.Call):
                record = self._record_class(stmt.value.func)
                if record is not None:
                    name = stmt.targets[0].id
                    found[name] = record if found.get(name, record) is record else None
        return {k: v for k, v in found.items() if k not in self.params}

    def _resolve(self, func: gast.expr, within: Any = None) -> Any:  # (within: another file's)
        parts = dotted(func)
        if parts is None or parts[0] in self.local and within is None:
            return None
        known, value = self.info.lookup_path(parts) if within is None else \
            scope.resolve_path(within, parts, self.info.recorder)
        return value if known else None

    def _builds_dict(self, value: gast.expr) -> bool:
        return isinstance(value, (gast.Dict, gast.DictComp)) or isinstance(value, gast.Call) and \
            isinstance(value.func, gast.Name) and value.func.id == "dict" and \
            self._resolve(value.func) is dict

    def _record_class(self, func: gast.expr, within: Any = None) -> Any:
        value = self._resolve(func, within)
        return value if record_of(value) is not None else None

    def block(self, stmts: list[gast.stmt]) -> list[gast.stmt]:
        out: list[gast.stmt] = []
        for stmt in stmts:
            for field in ("body", "orelse"):
                if isinstance(stmt, (gast.If, gast.For, gast.While)):
                    setattr(stmt, field, self.block(getattr(stmt, field)))
            out.extend(self.statement(stmt))
        return out

    def statement(self, stmt: gast.stmt) -> list[gast.stmt]:
        first = self._hoisted(stmt)
        if first:
            return first + [stmt]
        if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and \
                isinstance(stmt.targets[0], gast.Name):  # (bound to a local: a record local)
            built = self._replace_call(stmt.value) if isinstance(stmt.value, gast.Call) else \
                self._copy(stmt.targets[0].id, stmt.value)
            if built is not None:
                stmt.value, self.changed = built, True
                return [stmt]
        before: list[gast.stmt] = []
        for root in evaluated_once(stmt):
            for call in calls(root):
                call = getattr_read(stmt, call, self.records, self._resolve)  # (getattr(p, "w"))
                replaced = self._inline(*self._property(call), before)
                if replaced is not None:
                    put(stmt, call, replaced)
                    self.changed = True
        return before + self._unpacked(stmt)

    def _unpacked(self, stmt: gast.stmt) -> list[gast.stmt]:
        """``a, b = (R(...), e)`` (a helper's returned tuple holding a record) as ``a = R(...)``
        then ``b = e``; an item that is not a name, or names a target bound before it, is
        computed first into a variable of its own, in order, so every item has the value it had
        before the unpacking."""
        if not (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and
                isinstance(stmt.targets[0], gast.Tuple) and isinstance(stmt.value, gast.Tuple) and
                self._builds_record(stmt.value, set(self.records))):
            return [stmt]
        targets, items = stmt.targets[0].elts, list(stmt.value.elts)
        names = [t.id for t in targets if isinstance(t, gast.Name)]
        if len(targets) != len(items) or len(set(names)) != len(targets):
            return [stmt]
        first: list[gast.stmt] = []
        for j, item in enumerate(items):
            if not isinstance(item, gast.Name) or item.id in names[:j]:
                fresh = self._fresh(names[j])
                first.append(gast.copy_location(build.assign(fresh, item), stmt))
                items[j] = build.name(fresh)
        self.changed = True
        return first + [gast.copy_location(build.assign(n, item), stmt)
                        for n, item in zip(names, items, strict=True)]

    def _hoisted(self, stmt: gast.stmt) -> list[gast.stmt]:
        """``m = Model(np.sin(x), s=f(x))`` of a plain class whose ``__init__`` computes its
        fields (:mod:`.plain_records`, which reads an argument as often as ``__init__`` reads its
        parameter) as ``w = np.sin(x)``, ``s = f(x)``, ``m = Model(w, s=s)``: each computed
        argument evaluated once, in the call's order, into a fresh name."""
        call = stmt.value if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and \
            isinstance(stmt.targets[0], gast.Name) else None
        cls = self._record_class(call.func) if isinstance(call, gast.Call) else None
        record = record_of(cls) if cls is not None else None
        if record is None or record.values is None or \
                any(isinstance(a, gast.Starred) for a in call.args):
            return []
        first = []
        slots = [(call.args, j, record.params[j] if j < len(record.params) else "arg")
                 for j in range(len(call.args))]
        slots += [(k, "value", k.arg or "kwargs") for k in call.keywords]
        for holder, key, label in slots:
            value = holder[key] if isinstance(holder, list) else getattr(holder, key)
            if isinstance(value, (gast.Name, gast.Constant)):
                continue
            fresh = self._fresh(label)
            first.append(gast.copy_location(build.assign(fresh, value), stmt))
            if isinstance(holder, list):
                holder[key] = build.name(fresh)
            else:
                setattr(holder, key, build.name(fresh))
        self.changed = self.changed or bool(first)
        return first

    def _replace_call(self, call: gast.Call) -> gast.expr | None:
        """``N._replace(f=e)`` or ``dataclasses.replace(N, f=e)`` as the construction."""
        if isinstance(call.func, gast.Attribute) and call.func.attr == "_replace" and \
                not call.args and isinstance(call.func.value, gast.Name):
            source, tupled = call.func.value, True
        elif len(call.args) == 1 and isinstance(call.args[0], gast.Name) and \
                self._resolve(call.func) is dataclasses.replace:
            source, tupled = call.args[0], False
        else:
            return None
        cls = self.records.get(source.id)
        if cls is None or any(k.arg is None for k in call.keywords) or \
                record_of(cls).indexed != tupled or record_of(cls).values is not None:
            return None  # (`_replace` of a named tuple, `dataclasses.replace` of a dataclass)
        return self._built(cls, source.id, list(call.keywords), call)

    def _copy(self, target: str, value: gast.expr) -> gast.expr | None:
        """``a = b`` of a record local ``b`` as the construction of a copy, where no field of
        either is written (a frozen record's never is): the two names are then never told
        apart."""
        cls = self.records.get(value.id) if isinstance(value, gast.Name) else None
        if cls is None or record_of(cls).values is not None or not record_of(cls).frozen and any(
                isinstance(n, gast.Attribute) and not isinstance(n.ctx, gast.Load) and
                isinstance(n.value, gast.Name) and n.value.id in (target, value.id)
                for n in build.outside_nested(self.info.node.body)):
            return None
        return self._built(cls, value.id, [], value)

    def _built(self, cls: Any, source: str, keywords: list[gast.keyword],
               where: gast.AST) -> gast.expr:
        """``cls`` called with the ``keywords`` and ``source``'s other fields."""
        given = {k.arg for k in keywords}
        spelled = next(s.value.func for s in build.outside_nested(self.info.node.body)
                       if isinstance(s, gast.Assign) and isinstance(s.value, gast.Call)
                       and self._record_class(s.value.func) is cls)
        keywords = [gast.keyword(arg=f, value=build.attribute(build.name(source), f))
                    for f in record_of(cls).fields if f not in given] + keywords
        return gast.copy_location(gast.Call(func=build.clone(spelled), args=[],
                                            keywords=keywords), where)

    def _property(self, node: gast.expr) -> tuple[gast.Call, Any]:
        """``p.r0`` of a record local ``p`` whose class's ``r0`` is a property, as the call
        ``R.r0(p)`` of its getter (the look-up is recorded: redefining it derives again), with
        the getter; any other node as it is, ``None`` (found by :meth:`_inline`)."""
        cls = self.records.get(node.value.id) if isinstance(node, gast.Attribute) else None
        getter = getattr(inspect.getattr_static(cls, node.attr, None), "fget", None) \
            if cls is not None else None
        if not isinstance(getter, types.FunctionType) or \
                not isinstance(inspect.getattr_static(cls, node.attr), property):
            return node, None
        spelled = next(dotted(s.value.func) for s in build.outside_nested(self.info.node.body)
                       if isinstance(s, gast.Assign) and isinstance(s.value, gast.Call)
                       and self._record_class(s.value.func) is cls)
        known, found = self.info.lookup_path([*spelled, node.attr])
        if not known or found is not inspect.getattr_static(cls, node.attr):
            return node, None
        return gast.copy_location(gast.Call(func=build.clone(node), args=[
            build.name(node.value.id)], keywords=[]), node), getter

    def _inline(self, call: gast.expr, getter: Any, before: list[gast.stmt]) -> gast.expr | None:
        if not isinstance(call, gast.Call) and getter is None:
            return None
        function, call = (getter, call) if getter is not None else \
            self._method(call) or (self._resolve(call.func), call)
        fdef = self._definition(function, call)
        if fdef is None:
            return None
        bound = bind(fdef, call, function, self.info, frozenset(self.local))
        if bound is None:
            return None
        rebound, identity = assigned(fdef), identity_operands(fdef)  # (no `0.1 is None`)
        self.taken |= free(fdef)  # (a fresh name must not hide a global the body reads)
        names: dict[str, gast.expr] = {}
        for parameter, value in bound.items():
            if parameter not in rebound and (isinstance(value, gast.Name) or build.is_number(
                    value) and parameter not in identity or function_path(self.info, value, self.local)):
                names[parameter] = value
            else:
                fresh = self._fresh(parameter)
                before.append(gast.copy_location(build.assign(fresh, value), call))
                names[parameter] = build.name(fresh)
        for local in sorted(rebound - set(bound)):
            names[local] = build.name(self._fresh(local))
        body = [renamed(s, names) for s in fdef.body]
        before.extend(body[:-1])
        record_inlined(self.info, function)  # (changing its code or defaults derives again)
        return body[-1].value or gast.copy_location(gast.Constant(value=None, kind=None), call)

    def _method(self, call: gast.Call) -> tuple[Any, gast.Call] | None:
        """``p.loss(x)`` of a record local ``p``: the method its class defines, as the call
        ``Params.loss(p, x)`` (the look-up is recorded: redefining the method derives again)."""
        func = call.func
        if isinstance(func, gast.Name) and func.id in self.records:  # (`p(x)`: its `__call__`)
            func = gast.copy_location(build.attribute(build.name(func.id), "__call__"), func)
        cls = self.records.get(func.value.id) if isinstance(func, gast.Attribute) and \
            isinstance(func.value, gast.Name) else None
        if cls is None or func.attr in record_of(cls).fields or \
                not isinstance(inspect.getattr_static(cls, func.attr, None), types.FunctionType):
            return None
        spelled = next(dotted(s.value.func) for s in build.outside_nested(self.info.node.body)
                       if isinstance(s, gast.Assign) and isinstance(s.value, gast.Call)
                       and self._record_class(s.value.func) is cls)
        known, function = self.info.lookup_path([*spelled, func.attr])
        if not known or function is not inspect.getattr_static(cls, func.attr):
            return None
        return function, gast.copy_location(gast.Call(
            func=func, args=[func.value, *call.args], keywords=call.keywords), call)

    def _definition(self, function: Any, call: gast.Call) -> gast.FunctionDef | None:
        own = self.info.fn
        code = getattr(function, "__code__", None)
        if code is None or not inspect.isfunction(function) or function is own or \
                code.co_freevars or code.co_flags & _FLAGS or REGISTRY.known(function) or \
                REGISTRY.has(TANGENT, function) or getattr(function, MARK, False):
            return None
        passes = self._handed(call)
        try:
            helper = parse_function(function)
        except Exception:  # (no source: its call stays as it is, and is refused or derived)
            return None
        fdef = one_return_last(helper.node)  # (early returns: one, last)
        last = fdef.body[-1] if fdef.body else None
        returns = [n for n in build.node_list(fdef) if isinstance(n, gast.Return)]
        foreign = function if function.__globals__ is not own.__globals__ or \
            code.co_filename != own.__code__.co_filename else None  # (another file's)
        if not isinstance(last, gast.Return) or returns != [last] or \
                not (passes or self._builds_record(last.value, self._built_in(fdef, foreign),
                                                   foreign) or
                     returns_dict(last.value, fdef, function, self._resolve) or
                     builds_there(function, last.value)) or \
                not plain(fdef) or \
                free(fdef) & self.local:
            return None
        if foreign is not None:
            return inlined_foreign(function, fdef, self.info, call, passes)
        self.info.borrowed.update({helper.first_line + i: line.rstrip("\n")
                                   for i, line in enumerate(helper.lines)})
        return copy.deepcopy(fdef)

    def _handed(self, call: gast.Call) -> bool:
        """Whether the call passes a record construction, a local bound to one, a dict local or
        a dict display (``rhs({"x": x + h, "v": v})``, ``dict(...)``: bound to the parameter's
        fresh name first, a dict local)."""
        return any(isinstance(a, gast.Name) and (a.id in self.records or a.id in self.dicts) or
                   isinstance(a, gast.Call) and self._record_class(a.func) is not None or
                   self._builds_dict(a)
                   for a in [*call.args, *(k.value for k in call.keywords)])

    def _builds_record(self, value: gast.expr | None, records: set[str] | frozenset = frozenset(),
                       within: Any = None) -> bool:
        """A construction, or a tuple display holding one or a name of ``records`` (its class
        read in ``within``'s scope where given: another file's helper)."""
        if isinstance(value, gast.Tuple):
            return any(self._builds_record(item, records, within) or
                       isinstance(item, gast.Name) and item.id in records for item in value.elts)
        return isinstance(value, gast.Call) and \
            self._record_class(value.func, within) is not None

    def _built_in(self, fdef: gast.FunctionDef, within: Any = None) -> set[str]:
        """The names the helper binds to a record construction."""
        return {s.targets[0].id for s in build.outside_nested(fdef.body)
                if isinstance(s, gast.Assign) and len(s.targets) == 1 and
                isinstance(s.targets[0], gast.Name) and self._builds_record(s.value, within=within)}

    def _fresh(self, name: str) -> str:
        candidate, k = name, 1
        while candidate in self.taken or candidate in self.local:
            k += 1
            candidate = f"{name}_{k}"
        self.taken.add(candidate)
        self.local.add(candidate)  # (a later helper's global of that name is not inlined)
        return candidate
