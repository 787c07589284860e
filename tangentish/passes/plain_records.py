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
positional argument of the construction at that place past the named ones.

Whatever could make a construction or a field read do more is a reason to say no: an ``__init__``
(the class's own or the one it inherits) that is not a Python function, parameters other than
plain ones and ``*args`` (``**kwargs``, keyword-only, positional-only), ``args`` read whole, a
default that is not a plain constant or a function (``act=np.tanh``: the field holds it), any
other statement, a value that reads anything but the parameters (a global, ``self``, a call), a
field stored twice, a ``__new__``, ``__setattr__``, ``__getattr__``, ``__getattribute__``,
``__post_init__`` or metaclass of its own or of a base, a data descriptor (a property) of a
field's name, or no source to read.  A dataclass's ``__post_init__`` storing values computed from
its fields the same way (``self.b = 2.0 * self.a``) makes it such a record too
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

from ..syntax.parse import parse_function

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
    if init not in _KNOWN:
        _KNOWN[init] = _stored(init)
    found = _KNOWN[init]
    if found is None or any(hasattr(inspect.getattr_static(cls, f, None), "__set__")
                            for f in found.fields):
        return None
    return found


_EMPTY = Plain([], [], {}, None)


def _stored(init: types.FunctionType) -> Plain | None:
    """What ``init`` stores, if its body only stores values of its parameters (see the module
    docstring); else ``None``."""
    code = init.__code__
    if code.co_flags & inspect.CO_VARKEYWORDS or code.co_kwonlyargcount \
            or code.co_posonlyargcount or code.co_argcount < 1 or code.co_freevars:
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
        stored = _store(stmt, names[0], set(params), star)
        if stored is None or any(field in values for field, _ in stored) or \
                len({field for field, _ in stored}) < len(stored):
            return None
        values.update(stored)
    if not values:
        return None
    kept = dict(zip(params[len(params) - len(defaults):], defaults, strict=True))
    if star is None and sorted(values) == sorted(params) and all(
            isinstance(v, gast.Name) and v.id == f for f, v in values.items()):
        return Plain(params, params, kept, None)  # (each argument stored under its own name)
    return Plain(list(values), params, kept, values, star)


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


def _computed(node: gast.expr, params: set[str], star: str | None = None) -> bool:
    """Whether ``node`` is made only of plain constants, ``params`` and items of ``star`` at
    constant indices (``args[0]``, ``args[-1]``) by arithmetic."""
    if isinstance(node, gast.Constant):
        return type(node.value) in _PLAIN_DEFAULTS
    if isinstance(node, gast.Name):
        return isinstance(node.ctx, gast.Load) and node.id in params
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
