"""Plain classes whose construction only stores values made of its arguments, read as records
(for :mod:`record_locals`): ``__init__(self, a, b=0.5)`` whose body is assignments ``self.f = e``
(any order, or together: ``self.a, self.b = a, b``; a docstring allowed), each ``e`` a constant, a
parameter, or arithmetic of those (``self.a = a``, ``self.bias = 0.0``, ``self.w2 = a ** 2``),
or a dict display of those at constant keys (``self.params = {"w": w, "b": b}``: a dict made
anew by each construction), builds an object that is nothing but
those fields, as a dataclass's generated ``__init__`` does with its arguments.  Such a class is a
record with the parameters (their constant defaults filled in) and the fields in the order they
are stored, not frozen, not indexed; where every field is a parameter stored under its own name
the fields are the parameters, in their order.

A ``*args`` parameter is read by its items at constant indices (``self.w = args[0]``), each the
positional argument of the construction at that place past the named ones, or whole, as the tuple
of them or as ``list(args)``/``tuple(args)`` of it (``self.layers = list(layers)``: a list display
of the construction's arguments past the named ones, made anew by each construction).

Whatever could make a construction or a field read do more is a reason to say no: an ``__init__``
(the class's own or the one it inherits) that is not a Python function, parameters other than plain
ones and ``*args`` (``**kwargs``, keyword-only, positional-only), ``list`` or ``tuple`` rebound in
the class's module, a default that is not a plain constant or a function (``act=np.tanh``: the
field holds it), any other statement, a value that reads anything but the parameters (a global,
``self``, a call), a field stored twice, a ``__new__``, ``__setattr__``, ``__getattr__``,
``__getattribute__``, ``__post_init__`` or metaclass of its own or of a base, a data descriptor (a
property) of a field's name, or no source to read. A dataclass's ``__post_init__`` storing values
computed from its fields the same way (``self.b = 2.0 * self.a``) makes it such a record too
(:func:`post_init_fields`).

    >>> class Box:
    ...     def __init__(self, lo, hi, shift=0.5):
    ...         self.lo = lo
    ...         self.hi = hi
    ...         self.shift = shift
    >>> found = plain_fields(Box)
    >>> found.fields, found.params, found.defaults, found.values is None
    (['lo', 'hi', 'shift'], ['lo', 'hi', 'shift'], {'shift': 0.5}, True)
    >>> class Scaled(Box):
    ...     def __init__(self, lo, scale=2.0):
    ...         self.lo = scale * lo
    ...         self.count = 0
    >>> found = plain_fields(Scaled)
    >>> found.fields, found.params, sorted(found.values)
    (['lo', 'count'], ['lo', 'scale'], ['count', 'lo'])
    >>> class Logged(Box):
    ...     def __init__(self, lo):
    ...         self.lo = np.log(lo)
    >>> plain_fields(Logged) is None
    True
"""

from __future__ import annotations

import copy
import inspect
import types
import weakref
from typing import Any

import gast
import numpy as np

from ..syntax import build
from ..syntax.parse import SourceInfo, parse_function
from .record_refusals import refuse

_PLAIN_DEFAULTS = (int, float, bool, str, type(None))
_HOOKS = ("__new__", "__setattr__", "__getattr__", "__getattribute__", "__post_init__",
          "__delattr__")
_KNOWN: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # __init__ → fields or None


class Plain:
    """What a plain class's construction stores: ``fields`` in order, from ``params`` (with their
    constant ``defaults``); ``values`` maps each field to its expression of the parameters, or
    is None where each field is the parameter of its name (``fields == params``)."""

    __slots__ = ("fields", "params", "defaults", "values", "star")

    def __init__(self, fields: list[str], params: list[str], defaults: dict[str, Any],
                 values: dict[str, gast.expr] | None, star: str | None = None):
        self.fields, self.params, self.defaults, self.values = fields, params, defaults, values
        self.star = star  # (``*args``: the tuple of the positional arguments past ``params``)


def plain_fields(cls: type) -> Plain | None:
    """What a construction of the plain class ``cls`` stores (see the module docstring); ``None``
    for any other class."""
    init = next((vars(base)["__init__"] for base in cls.__mro__[:-1] if "__init__" in vars(base)),
                None)  # (its own, or the one it inherits: `class RBF(Kernel): ...`)
    if type(cls) is not type or any(hook in vars(base) for base in cls.__mro__[:-1]
                                    for hook in _HOOKS):
        return None
    if init is None and cls.__init__ is object.__init__ and cls.__new__ is object.__new__:
        return _EMPTY  # (no __init__ but object's: `class MSE: def __call__(self, p, t): ...`)
    if not isinstance(init, types.FunctionType):
        return None
    if init.__code__.co_freevars:  # (`super().__init__(...)`: whose depends on the class)
        found = _stored(init, cls)
    else:
        if init not in _KNOWN:
            _KNOWN[init] = _stored(init, cls)
        found = _KNOWN[init]
    if found is None or any(hasattr(inspect.getattr_static(cls, f, None), "__set__")
                            for f in found.fields):
        return None
    return found


_EMPTY = Plain([], [], {}, None)


def _stored(init: types.FunctionType, cls: type) -> Plain | None:
    """What ``init`` stores, if its body only stores values of its parameters (see the module
    docstring), constructing ``cls`` (whose bases a ``super().__init__(...)`` call follows);
    else ``None``."""
    code = init.__code__
    if code.co_flags & inspect.CO_VARKEYWORDS or code.co_kwonlyargcount \
            or code.co_posonlyargcount or code.co_argcount < 1 or \
            code.co_freevars not in ((), ("__class__",)):
        return None
    names = list(code.co_varnames[:code.co_argcount])
    star = code.co_varnames[code.co_argcount] if code.co_flags & inspect.CO_VARARGS else None
    defaults = init.__defaults__ or ()
    if any(type(v) not in _PLAIN_DEFAULTS and not is_function(v) for v in defaults):
        return None
    body = _body(init)
    if body is None:
        return None
    params, values = names[1:], {}
    for stmt in body:
        stored = _store(stmt, names[0], set(params), star) if not isinstance(stmt, gast.Expr) \
            else _super_init(stmt.value, init, cls, set(params), star)
        if stored is None or any(field in values for field, _ in stored) or \
                len({field for field, _ in stored}) < len(stored):
            return None
        values.update(stored)
    if not values or star is not None and not {"list", "tuple"}.isdisjoint(init.__globals__):
        return None  # (`list(args)` read as a list display: the builtin it names)
    kept = dict(zip(params[len(params) - len(defaults):], defaults, strict=True))
    if star is None and sorted(values) == sorted(params) and all(
            isinstance(v, gast.Name) and v.id == f for f, v in values.items()):
        return Plain(params, params, kept, None)  # (each argument stored under its own name)
    return Plain(list(values), params, kept, values, star)


def _super_init(call: gast.expr, init: types.FunctionType, cls: type, params: set[str],
                star: str | None) -> list[tuple[str, gast.expr]] | None:
    """The fields ``super().__init__(e1, ..., k=e)`` stores, in ``init`` (a method of the class
    its ``__class__`` cell holds) constructing ``cls``: the next ``__init__`` of ``cls``'s
    method order, itself plain (no ``*args``), its parameters read as the call's arguments,
    each made of ``params`` by arithmetic (:func:`_computed`), its defaults as constants;
    ``None`` for any other statement or call."""
    method = call.func if isinstance(call, gast.Call) else None
    if not (isinstance(method, gast.Attribute) and method.attr == "__init__" and
            isinstance(method.value, gast.Call) and isinstance(method.value.func, gast.Name) and
            method.value.func.id == "super" and not method.value.args and
            not method.value.keywords and "super" not in init.__globals__ and init.__closure__):
        return None
    owner = init.__closure__[0].cell_contents
    after = cls.__mro__[cls.__mro__.index(owner) + 1:] if owner in cls.__mro__ else ()
    base = next((k for k in after if "__init__" in vars(k)), object)
    given = [*call.args, *(k.value for k in call.keywords)]
    if base is object or not isinstance(vars(base)["__init__"], types.FunctionType) or \
            any(isinstance(a, gast.Starred) for a in call.args) or \
            not all(_computed(v, params, star) for v in given):
        return [] if base is object and not given else None
    plain = _stored(vars(base)["__init__"], cls)
    if plain is None or plain.star is not None or len(call.args) > len(plain.params) or \
            any(type(v) not in _PLAIN_DEFAULTS for v in plain.defaults.values()) or \
            any(k.arg not in plain.params[len(call.args):] for k in call.keywords):
        return None
    bound = {**{p: gast.Constant(value=v, kind=None) for p, v in plain.defaults.items()},
             **dict(zip(plain.params, call.args, strict=False)), **{k.arg: k.value for k in call.keywords}}
    if set(bound) != set(plain.params):
        return None
    values = plain.values or {p: gast.Name(id=p, ctx=gast.Load(), annotation=None,
                                           type_comment=None) for p in plain.params}
    return [(f, _Arguments(bound).visit(copy.deepcopy(v))) for f, v in values.items()]


class _Arguments(gast.NodeTransformer):
    """A base ``__init__``'s parameters (read) as the arguments ``super().__init__`` gives."""

    def __init__(self, bound: dict[str, gast.expr]):
        self.bound = bound

    def visit_Name(self, node: gast.Name) -> gast.expr:
        value = self.bound.get(node.id)
        return node if value is None or not isinstance(node.ctx, gast.Load) else \
            copy.deepcopy(value)


def is_function(value: Any) -> bool:
    """A function as a default (``act=np.tanh``, ``act=relu``): stored as the field's value, which
    a construction spells as the function's own scope names it (``record_locals``)."""
    return isinstance(value, (types.FunctionType, types.BuiltinFunctionType, np.ufunc))


def post_init_fields(cls: type, fields: list[str], defaults: dict[str, Any]) -> Plain | None:
    """What a construction of the dataclass ``cls`` (generated ``__init__`` storing ``fields``)
    stores where its ``__post_init__(self)`` only stores values computed from its fields
    (``self.f = e``, ``e`` made of constants and ``self.g`` by arithmetic, read as stored so
    far): each field's expression of the arguments, and the attributes it adds after the fields;
    ``None`` for any other (another hook, an ``InitVar``, any other statement)."""
    post = getattr(cls, "__post_init__", None)
    code = getattr(post, "__code__", None)
    if not isinstance(post, types.FunctionType) or code.co_argcount != 1 or code.co_flags & (
            inspect.CO_VARARGS | inspect.CO_VARKEYWORDS) or code.co_kwonlyargcount or \
            code.co_freevars or any(hook in vars(base) for base in cls.__mro__[:-1]
                                    for hook in _HOOKS if hook != "__post_init__"):
        return None
    body = _body(post)
    if body is None:
        return None
    values: dict[str, gast.expr] = {f: gast.Name(id=f, ctx=gast.Load(), annotation=None,
                                                 type_comment=None) for f in fields}
    for stmt in body:
        read = _Fields(code.co_varnames[0], values).visit(copy.deepcopy(stmt))
        stored = _store(read, code.co_varnames[0], set(fields))
        if stored is None or len({field for field, _ in stored}) < len(stored):
            return None
        values.update(stored)
    order = fields + [f for f in values if f not in fields]
    if any(hasattr(inspect.getattr_static(cls, f, None), "__set__") for f in order):
        return None
    return Plain(order, list(fields), dict(defaults), values)


class _Fields(gast.NodeTransformer):
    """``self.g`` (read) as the expression ``g`` holds so far."""

    def __init__(self, self_name: str, values: dict[str, gast.expr]):
        self.self_name, self.values = self_name, values

    def visit_Attribute(self, node: gast.Attribute) -> gast.expr:
        if isinstance(node.ctx, gast.Load) and isinstance(node.value, gast.Name) and \
                node.value.id == self.self_name and node.attr in self.values:
            return copy.deepcopy(self.values[node.attr])
        return self.generic_visit(node)


def _body(method: types.FunctionType) -> list[gast.stmt] | None:
    """``method``'s statements but its docstring; None where it has no source to read."""
    try:
        node = parse_function(method).node
    except Exception:  # (no source to read: not a record)
        return None
    return node.body[1:] if node.body and isinstance(node.body[0], gast.Expr) and \
        isinstance(node.body[0].value, gast.Constant) else node.body


def _store(stmt: gast.stmt, self_name: str, params: set[str], star: str | None = None
           ) -> list[tuple[str, gast.expr]] | None:
    """``[("f", e)]`` for the statement ``self.f = e``, ``[("a", e1), ("b", e2)]`` for ``self.a,
    self.b = e1, e2``, each ``e`` made of constants and ``params`` by arithmetic (so the values
    read no field: storing them together is storing them one by one), ``star``'s items at
    constant indices too (``args[0]``); ``None`` for any other."""
    if not (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1):
        return None
    target, value = stmt.targets[0], stmt.value
    pairs = [(target, value)]
    if isinstance(target, gast.Tuple) and isinstance(value, gast.Tuple) and \
            len(target.elts) == len(value.elts):
        pairs = list(zip(target.elts, value.elts, strict=True))
    if all(isinstance(t, gast.Attribute) and isinstance(t.value, gast.Name) and
           t.value.id == self_name and _computed(v, params, star) for t, v in pairs):
        return [(t.attr, v) for t, v in pairs]
    return None


def star_copy(node: gast.expr, star: str) -> type | None:
    """``list`` or ``tuple`` for ``node`` ``list(star)`` or ``tuple(star)``; else ``None``."""
    if isinstance(node, gast.Call) and isinstance(node.func, gast.Name) and \
            node.func.id in ("list", "tuple") and not node.keywords and len(node.args) == 1 and \
            isinstance(node.args[0], gast.Name) and node.args[0].id == star:
        return list if node.func.id == "list" else tuple
    return None


class StarItems(gast.NodeTransformer):
    """A field's value with ``args[i]``, ``args``, ``list(args)`` and ``tuple(args)`` read as
    the construction ``call``'s arguments past the named ones, ``extra`` (an index past them
    refused: Python's ``IndexError`` in ``__init__``)."""

    def __init__(self, info: SourceInfo, call: gast.Call, star: str, cls: str, extra: list):
        self.info, self.call, self.star, self.cls, self.extra = info, call, star, cls, extra

    def _display(self, kind: type) -> gast.expr:
        items = [build.clone(a) for a in self.extra]
        made = gast.List(elts=items, ctx=gast.Load()) if kind is list else \
            gast.Tuple(elts=items, ctx=gast.Load())
        return gast.copy_location(made, self.call)

    def visit_Call(self, node: gast.Call) -> gast.expr:
        kind = star_copy(node, self.star)
        return self.generic_visit(node) if kind is None else self._display(kind)

    def visit_Name(self, node: gast.Name) -> gast.expr:
        return self._display(tuple) if node.id == self.star else node

    def visit_Subscript(self, node: gast.Subscript) -> gast.expr:
        if not (isinstance(node.value, gast.Name) and node.value.id == self.star):
            return self.generic_visit(node)
        index = node.slice  # (a constant int, maybe negated: _computed)
        at = -index.operand.value if isinstance(index, gast.UnaryOp) else index.value
        if not -len(self.extra) <= at < len(self.extra):
            refuse(self.info, self.call, f"this construction of {self.cls} (its __init__ reads "
                   f"{self.star}[{at}] of {len(self.extra)} arguments: an IndexError)")
        return build.clone(self.extra[at])


def _computed(node: gast.expr, params: set[str], star: str | None = None) -> bool:
    """Whether ``node`` is made only of plain constants, ``params``, ``star`` itself (or
    ``list(star)``) and its items at constant indices (``args[0]``, ``args[-1]``) by
    arithmetic."""
    if isinstance(node, gast.Constant):
        return type(node.value) in _PLAIN_DEFAULTS
    if isinstance(node, gast.Name):  # (``args`` itself: the tuple of the arguments past them)
        return isinstance(node.ctx, gast.Load) and (node.id in params or node.id == star)
    if isinstance(node, gast.Call):  # (``list(args)``, ``tuple(args)``)
        return star is not None and star_copy(node, star) is not None
    if isinstance(node, gast.Subscript):
        index = node.slice.operand if isinstance(node.slice, gast.UnaryOp) and \
            isinstance(node.slice.op, gast.USub) else node.slice
        return star is not None and isinstance(node.value, gast.Name) and \
            node.value.id == star and isinstance(index, gast.Constant) and \
            type(index.value) is int
    if isinstance(node, gast.BinOp):
        return _computed(node.left, params, star) and _computed(node.right, params, star)
    if isinstance(node, gast.Dict):  # (`self.params = {"w": w, "b": b}`: a dict made anew)
        return all(isinstance(k, gast.Constant) and type(k.value) in (str, int) for k in node.keys) \
            and all(_computed(v, params, star) for v in node.values)
    if isinstance(node, gast.UnaryOp):
        return isinstance(node.op, (gast.USub, gast.UAdd)) and \
            _computed(node.operand, params, star)
    return False
