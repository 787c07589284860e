"""What the object of a bound method decides about its derivative's code: its class, and the
objects and functions its attributes hold (``self.l1``, ``self.layers = [Dense(...), ...]``,
``self.acts = (np.tanh, np.sin)``), nested.  A :class:`Layout` is a hashable value: the transform
of ``grad(net.loss)`` is keyed by it, so two objects of one class holding layers of the same
classes share a derivative, and an object whose list of layers grew, or whose layer is now of
another class, gets one of its own.  Data (arrays, numbers) is read live by the derivative and is
not part of it, but for the length of a short list or tuple of it (``self.scales = (1.0, 2.0)``,
which a loop may zip with the layers).

    >>> import numpy as np
    >>> class Dense:
    ...     def __init__(self, w):
    ...         self.w = w
    >>> class Net:
    ...     def __init__(self, n):
    ...         self.layers = [Dense(np.eye(2)) for _ in range(n)]
    ...         self.act = np.tanh
    >>> net = layout(Net(2))
    >>> net.cls.__name__, net.attribute("layers").items[1].cls.__name__
    ('Net', 'Dense')
    >>> net == layout(Net(2)), net == layout(Net(3)), layout(Dense(1.0))
    (True, False, None)
"""

from __future__ import annotations

import functools
import types
from typing import Any

import numpy as np

_DEPTH = 8  # objects below objects followed this deep (then: a class only)
LONGEST = 256  # a longer list or tuple is data (a loop over it is never unrolled)
_ZIPPED = 16  # a list or tuple of data this long at most has a layout (zipped with layers)
_OBJECTS = 256  # objects read at most (then: a class only)
_FUNCTIONS = (types.FunctionType, types.BuiltinFunctionType, np.ufunc, functools.partial)
_HELD = (*_FUNCTIONS, types.ModuleType)  # (self.xp = np: passes/module_defaults.py)
DATA, HELD, SEQUENCE, OBJECT = "data", "held", "sequence", "object"
_KINDS: dict[type, str] = dict.fromkeys(
    (float, int, bool, complex, str, type(None), np.ndarray, np.float64), DATA)


def kind(value: Any) -> str:
    """What a value is to a layout: :data:`HELD` (a function or module, by identity),
    :data:`SEQUENCE` (a list or tuple), :data:`OBJECT` (of a user's class: its attributes are
    read) or :data:`DATA` (read live by the derivative).  It depends on the value's class only
    (kept per class: :func:`holds` asks on each call of a derivative)."""
    cls = type(value)
    found = _KINDS.get(cls)
    if found is None:
        if isinstance(value, _HELD):
            found = HELD
        elif cls is list or cls is tuple:
            found = SEQUENCE
        elif isinstance(value, (type, np.ndarray, np.generic)) or \
                cls.__module__ == "builtins" or not hasattr(value, "__dict__"):
            found = DATA
        else:
            found = OBJECT
        if len(_KINDS) < _OBJECTS * 4:  # (classes made on the fly: not kept past a bound)
            _KINDS[cls] = found
    return found


class Layout:
    """One object's layout (``cls`` and ``attrs``, its code-deciding attributes by name), one
    list's or tuple's (``cls`` and ``items``), or a function's (``function``)."""

    __slots__ = ("cls", "attrs", "items", "function", "_hash", "named")

    def __init__(self, cls: type, attrs: tuple = (), items: tuple | None = None,
                 function: Any = None):
        self.cls, self.attrs, self.items, self.function = cls, attrs, items, function
        self.named = dict(attrs)  # (attrs by name: what holds() looks up)
        self._hash = hash((cls, attrs, items, None if function is None else id(function)))

    def _key(self) -> tuple:
        return (self.cls, self.attrs, self.items, id(self.function))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Layout) and self._hash == other._hash and \
            self._key() == other._key()

    def __hash__(self) -> int:
        return self._hash

    def __repr__(self) -> str:
        if self.function is not None:
            return getattr(self.function, "__name__", repr(self.function))
        if self.items is not None:
            return f"{self.cls.__name__}{list(self.items)}"
        inside = ", ".join(f"{name}={value!r}" for name, value in self.attrs)
        return f"{self.cls.__qualname__}({inside})"

    def attribute(self, name: str) -> Layout | None:
        return self.named.get(name)

    def at(self, path: list) -> Layout | None:
        """The layout below this one along ``path`` (attribute names and indexes), or None."""
        here: Layout | None = self
        for part in path:
            if here is None:
                return None
            if type(part) is int:
                items = here.items
                here = items[part] if items is not None and -len(items) <= part < len(items) \
                    else None
            elif type(part) is str:
                here = here.attribute(part)
            else:  # (a dict's key: no layout says what a dict holds)
                return None
        return here


def class_of(receiver: Any) -> type | None:
    """The class a receiver (a class or a :class:`Layout`) stands for."""
    return receiver.cls if isinstance(receiver, Layout) else receiver


def layout(obj: Any) -> Layout | None:
    """``obj``'s layout, or None when its attributes hold no object, function, or list or
    tuple of them (its class alone then keys its derivative)."""
    found = _Walk().object(obj, _DEPTH)
    return found if found is not None and found.attrs else None


class _Walk:
    """One object graph's layouts: each object's made once (an object held twice, as
    ``self.l1`` and ``self.layers[0]``, has the same), one on a cycle or past the depth or the
    budget of objects is its class alone."""

    def __init__(self) -> None:
        self.made: dict[int, Layout | None] = {}
        self.open: set[int] = set()

    def object(self, obj: Any, depth: int) -> Layout | None:
        """An object of a user's class: its layout (attrs empty when none decides code)."""
        cls = type(obj)
        if kind(obj) is not OBJECT:
            return None
        key = id(obj)
        if key in self.made:
            return self.made[key]
        if depth <= 0 or key in self.open or len(self.made) >= _OBJECTS:
            return Layout(cls)
        self.open.add(key)
        attrs = []
        for name, value in sorted(vars(obj).items()):
            found = self.value(value, depth - 1)
            if found is not None:
                attrs.append((name, found))
        self.open.discard(key)
        made = self.made[key] = Layout(cls, tuple(attrs))
        return made

    def value(self, value: Any, depth: int) -> Layout | None:
        found = kind(value)
        if found is HELD:
            return Layout(type(value), function=value)
        if found is SEQUENCE:
            if len(value) > LONGEST:
                return None  # (data: no loop over it is unrolled)
            items = [self.value(item, depth - 1) for item in value]
            if all(item is None for item in items) and len(items) > _ZIPPED:
                return None  # (a long list of arrays: data)
            return Layout(type(value), items=tuple(
                Layout(type(v)) if item is None else item
                for v, item in zip(value, items, strict=True)))
        return self.object(value, depth)


def holds(obj: Any, receiver: Any) -> bool:
    """Whether ``layout(obj) or type(obj)`` is still ``receiver`` (a :class:`Layout`, or a class
    for an object whose layout was None), read without making a layout: the check a derivative
    keyed by ``receiver`` makes on each call (:mod:`.layout_checks`).  False also where it cannot
    tell cheaply (a cycle, past the depth or the budget of objects): the caller then compares
    :func:`layout` itself."""
    if not isinstance(receiver, Layout):
        return type(obj) is receiver and (kind(obj) is not OBJECT or all(
            _data(value) for value in vars(obj).values()))
    return _same_object(obj, receiver, _DEPTH, [0, set()])


def _data(value: Any) -> bool:
    """Whether ``_Walk.value`` gives ``value`` no layout."""
    found = kind(value)
    if found is SEQUENCE:
        return len(value) > LONGEST or len(value) > _ZIPPED and all(map(_data, value))
    return found is DATA


def _same_object(obj: Any, made: Layout, depth: int, state: list) -> bool:
    """``obj`` (of a user's class) against its layout ``made``; ``state``: the objects read so
    far (counted) and those open on the path here (a cycle: cannot tell)."""
    key = id(obj)
    if type(obj) is not made.cls or depth <= 0 or key in state[1] or state[0] >= _OBJECTS:
        return False
    state[0] += 1
    state[1].add(key)
    named, matched = made.named, 0
    for name, value in vars(obj).items():
        held = named.get(name)
        found = _KINDS.get(type(value)) or kind(value)  # (inline: the check runs per call)
        if held is None:
            if found is not DATA and not (found is SEQUENCE and _data(value)):
                return False
            continue
        matched += 1
        if found is HELD:
            if held.function is not value:
                return False
        elif found is DATA or not _same_value(value, found, held, depth - 1, state):
            return False
    state[1].discard(key)
    return matched == len(named)


def _same_value(value: Any, found: str, held: Layout, depth: int, state: list) -> bool:
    """A value of kind ``found`` (an object, or a list or tuple) against its layout ``held``."""
    if found is OBJECT:
        return _same_object(value, held, depth, state)
    items = held.items
    if items is None or type(value) is not held.cls or len(value) != len(items) or _data(value):
        return False
    for item, inner in zip(value, items, strict=True):
        found = _KINDS.get(type(item)) or kind(item)
        if found is HELD:
            if inner.function is not item:
                return False
        elif found is DATA or found is SEQUENCE and _data(item):  # (its class alone)
            if inner.cls is not type(item) or inner.attrs or inner.items is not None or \
                    inner.function is not None:
                return False
        elif not _same_value(item, found, inner, depth - 1, state):
            return False
    return True
