"""Plain classes whose construction only stores its arguments, read as records (for
:mod:`record_locals`): ``__init__(self, a, b=0.5)`` whose body is ``self.a = a`` and ``self.b =
b`` (any order, or together: ``self.a, self.b = a, b``; a docstring allowed) builds an object
that is nothing but those fields, as a dataclass's generated ``__init__`` does.  Such a class is
a record with the fields in the order of the parameters and their constant defaults, not frozen,
not indexed.

Whatever could make a construction or a field read do more is a reason to say no: an ``__init__``
that is not the class's own Python function, parameters other than plain ones (``*args``,
keyword-only, positional-only), a default that is not a plain constant, any other statement, an
attribute stored under another name, a ``__new__``, ``__setattr__``, ``__getattr__``,
``__getattribute__``, ``__post_init__`` or metaclass of its own or of a base, a data descriptor
(a property) of a field's name, or no source to read.

    >>> class Box:
    ...     def __init__(self, lo, hi, shift=0.5):
    ...         self.lo = lo
    ...         self.hi = hi
    ...         self.shift = shift
    >>> plain_fields(Box)
    (['lo', 'hi', 'shift'], {'shift': 0.5})
    >>> class Scaled(Box):
    ...     def __init__(self, lo):
    ...         self.lo = 2 * lo
    >>> plain_fields(Scaled) is None
    True
"""

from __future__ import annotations

import inspect
import types
import weakref
from typing import Any

import gast

from ..syntax.parse import parse_function

_PLAIN_DEFAULTS = (int, float, bool, str, type(None))
_HOOKS = ("__new__", "__setattr__", "__getattr__", "__getattribute__", "__post_init__",
          "__delattr__")
_KNOWN: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # __init__ → fields or None


def plain_fields(cls: type) -> tuple[list[str], dict[str, Any]] | None:
    """``(fields, defaults)`` of a plain class whose ``__init__`` only stores its arguments under
    their own names; ``None`` for any other class."""
    init = cls.__dict__.get("__init__")
    if type(cls) is not type or not isinstance(init, types.FunctionType) or \
            any(hook in vars(base) for base in cls.__mro__[:-1] for hook in _HOOKS):
        return None
    if init not in _KNOWN:
        _KNOWN[init] = _stored(init)
    found = _KNOWN[init]
    if found is None or any(hasattr(inspect.getattr_static(cls, f, None), "__set__")
                            for f in found[0]):
        return None
    return found


def _stored(init: types.FunctionType) -> tuple[list[str], dict[str, Any]] | None:
    """The parameters of ``init`` if its body stores each under its own name and does nothing
    else, with their defaults; else ``None``."""
    code = init.__code__
    if code.co_flags & (inspect.CO_VARARGS | inspect.CO_VARKEYWORDS) or code.co_kwonlyargcount \
            or code.co_posonlyargcount or code.co_argcount < 2 or code.co_freevars:
        return None
    names = list(code.co_varnames[:code.co_argcount])
    defaults = init.__defaults__ or ()
    if any(type(v) not in _PLAIN_DEFAULTS for v in defaults):
        return None
    try:
        node = parse_function(init).node
    except Exception:  # (no source to read: not a record)
        return None
    body = node.body[1:] if node.body and isinstance(node.body[0], gast.Expr) and \
        isinstance(node.body[0].value, gast.Constant) else node.body
    stored = [_store(stmt, names[0]) for stmt in body]
    if None in stored or sorted(a for s in stored for a in s) != sorted(names[1:]):
        return None
    fields = names[1:]
    return fields, dict(zip(fields[len(fields) - len(defaults):], defaults, strict=True))


def _store(stmt: gast.stmt, self_name: str) -> list[str] | None:
    """``[a]`` for the statement ``self.a = a``, ``[a, b]`` for ``self.a, self.b = a, b``;
    ``None`` for any other."""
    if not (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1):
        return None
    target, value = stmt.targets[0], stmt.value
    pairs = [(target, value)]
    if isinstance(target, gast.Tuple) and isinstance(value, gast.Tuple) and \
            len(target.elts) == len(value.elts):
        pairs = list(zip(target.elts, value.elts, strict=True))
    if all(isinstance(t, gast.Attribute) and isinstance(t.value, gast.Name) and
           t.value.id == self_name and isinstance(v, gast.Name) and v.id == t.attr
           for t, v in pairs):
        return [t.attr for t, _ in pairs]
    return None
