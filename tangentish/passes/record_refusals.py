"""The refusals of :mod:`.record_locals`: a record built in the function used other than by
its fields, each message naming what holds the use back (a method that is not a small helper
of the module, a property, a field of a frozen record written...).

    >>> import dataclasses
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.record_locals import replace_record_locals
    >>> @dataclasses.dataclass(frozen=True)
    ... class Point:
    ...     a: float
    >>> def f(x):
    ...     p = Point(x)
    ...     p.a = 2.0 * x
    ...     return p.a
    >>> replace_record_locals(parse_function(f))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tangentish.errors.UnsupportedConstructError: cannot differentiate a field of the frozen Point p written...
"""

from __future__ import annotations

import inspect
import types
from typing import Any

import gast

from ..errors import UnsupportedConstructError
from ..syntax.parse import SourceInfo


def refuse(info: SourceInfo, node: gast.AST, what: str) -> None:
    """Refuse ``what`` at ``node``, hinting at reading the fields instead."""
    raise UnsupportedConstructError(
        f"cannot differentiate {what}", info.location(node),
        hint="read its fields (p.a) where it is built, or pass the fields themselves; a record "
             "that arrives as an argument may be used as a whole")


def refuse_attribute(info: SourceInfo, node: gast.Name, parent: gast.Attribute,
                     record: Any) -> None:
    """Refuse ``node.attr`` (``parent``), an attribute of the record local ``node`` that is no
    field and no constant of its class (``record``: what :mod:`.record_locals` knows of it),
    naming a method or a property as such."""
    cls, what = record.cls.__name__, f".{parent.attr}"
    if isinstance(inspect.getattr_static(record.cls, parent.attr, None), types.FunctionType):
        raise UnsupportedConstructError(
            f"cannot differentiate the call {node.id}{what}(...) of the {cls} {node.id} built in "
            "the function: its method is followed (its body inlined, `self` read through its "
            "fields) only when it is a function of the function's own module and file (or of "
            "another file, the module `sys.modules` holds by its name, reading no builtin the "
            "function's module binds otherwise), small, closing over nothing, "
            "returning once at its end and writing into nothing (no `self.field = ...`), whose "
            "globals the function does not bind as locals, and "
            "called where its statement always evaluates it (not under `and`/`or`, `if ... "
            "else` or in a comprehension)",
            info.location(parent), hint="write the method that way, or call a function of "
            f"yours on the fields of {node.id}")
    if isinstance(inspect.getattr_static(record.cls, parent.attr, None), property) and \
            not isinstance(parent.ctx, gast.Load):
        raise UnsupportedConstructError(
            f"cannot differentiate writing the property {node.id}{what} of the {cls} {node.id} "
            "built in the function: a property's setter is not followed", info.location(parent),
            hint=f"write the fields of {node.id} themselves")
    if isinstance(inspect.getattr_static(record.cls, parent.attr, None), property):
        raise UnsupportedConstructError(
            f"cannot differentiate the property {node.id}{what} of the {cls} {node.id} built in "
            "the function: its getter is followed (inlined) only as a method is: a small "
            "function of the function's own module and file, returning once at its end, read "
            "where its statement always evaluates it (not under `and`/`or`, `if ... else` or in "
            "a comprehension)", info.location(parent),
            hint=f"compute it from the fields of {node.id} where it is read, or read it into a "
            "variable first")
    refuse(info, parent, f"the {cls} {node.id} built in the function used other than by its "
            f"fields ({node.id}{what})")


def field_at_name(info: SourceInfo, key: gast.AST, d: str, where: str
                  ) -> UnsupportedConstructError | None:
    """The refusal of ``getattr(p, name)`` (a record built in the function) at a ``name`` that
    is not a constant: which field it reads is known only when the function runs.  None for a
    key that no ``getattr`` wrote."""
    cls = info.fields_by_name.get((getattr(key, "lineno", None), getattr(key, "col_offset", None)))
    if cls is None:
        return None
    name = d.strip(chr(39))
    return UnsupportedConstructError(
        f"cannot differentiate getattr({name}, ...) at a name that is not a constant{where}: "
        f"which field of {name} (a {cls}) it reads is known only when the function runs",
        info.location(key),
        hint=f"read the field by name ({name}.w), choose it with an `if` on the name, or loop "
             "over a constant tuple of names (`for n in (\"w1\", \"w2\"): getattr(p, n)`)")
