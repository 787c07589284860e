"""The ``wrt`` resolver: which parameters a transform differentiates, and where to point errors.

One function, :func:`resolve_wrt`, used by every transform, ``check_grads``, the CLI, the pytest
plugin and the pipeline, on every call (cache hit or not), so a ``wrt`` is accepted or refused the
same way everywhere::

    def loss(w, x, b): ...
    resolve_wrt(loss, ("w", -1))   ->  Wrt(names=("w", "b"), positions=(0, 2), single=False)
    resolve_wrt(loss, 1.0)         ->  ArgumentError: wrt=1.0 is a float, not a parameter index
"""

from __future__ import annotations

import inspect
import linecache
import os
import sys
import types
from typing import Any, NamedTuple

import numpy as np

from ..errors import ArgumentError, ArgumentValueError, Frozen, Location

EMPTY = inspect.Parameter.empty
POSITIONAL, KEYWORD, VARARGS, VARKW = "positional", "keyword", "*args", "**kwargs"
_NOT_FLOAT = {bool: "bool", int: "int", str: "str", bytes: "bytes", complex: "complex"}
_NOT_FLOAT_NAMES = {"bool", "int", "str", "bytes", "complex", "builtins.bool", "builtins.int"}
# Frames through which tangentish is entered without a user's call: the CLI and the pytest marker.
_ENTRY_POINTS = {("cli.py", "main"), ("pytest_plugin.py", "pytest_runtest_call")}
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


WrtLike = int | str | tuple[int | str, ...] | list[int | str]
"""What ``wrt=`` (and its alias ``argnums=``) accepts: a parameter index (negative from the end),
a parameter name, or a tuple or list of them."""


class Param(NamedTuple):
    """One parameter of a function, as far as ``wrt`` and calls are concerned (a named tuple:
    built on every transform call, so it must be cheap)."""

    name: str
    kind: str  # POSITIONAL (positional-only or not), KEYWORD (keyword-only), VARARGS or VARKW
    positional_only: bool = False
    default: Any = EMPTY
    annotation: Any = EMPTY


class Wrt(Frozen):
    """A resolved ``wrt``: parameter names in the order given, each one's index among the
    positional parameters (None for a keyword-only one), and whether ``wrt`` was a single item."""

    __slots__ = ("names", "positions", "single")
    names: tuple[str, ...]
    positions: tuple[int | None, ...]
    single: bool

    def __init__(self, names: tuple[str, ...], positions: tuple[int | None, ...], single: bool):
        self._set(names=names, positions=positions, single=single)


# -- where -------------------------------------------------------------------------------------------


def display_name(fn: Any) -> str:
    return getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None) or repr(fn)


def definition_location(fn: Any) -> Location | None:
    """The ``def`` (or ``lambda``) line of a Python function, for errors about its signature."""
    code = getattr(inspect.unwrap(fn) if callable(fn) else fn, "__code__", None)
    if code is None:
        return None
    line = linecache.getline(code.co_filename, code.co_firstlineno).rstrip("\n")
    return Location(code.co_filename, code.co_firstlineno, code.co_name, line)


def caller_location() -> Location | None:
    """The innermost frame outside tangentish: the user's line that made the failing call (None
    when the call came from the command line or a pytest marker: no line of the user's made it)."""
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        if (os.path.basename(frame.f_code.co_filename), frame.f_code.co_name) in _ENTRY_POINTS:
            return None
        frame = frame.f_back
    if frame is None:
        return None
    code = frame.f_code
    line = linecache.getline(code.co_filename, frame.f_lineno).rstrip("\n")
    return Location(code.co_filename, frame.f_lineno, code.co_name, line)


# -- parameters --------------------------------------------------------------------------------------


def parameters(fn: Any) -> tuple[Param, ...] | None:
    """``fn``'s parameters (from its code object when it is a plain function: cheap enough for
    every call), or None when it has no signature Python can tell."""
    if isinstance(fn, types.FunctionType) and not hasattr(fn, "__wrapped__"):
        return _from_code(fn)
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):
        return None
    kinds = {inspect.Parameter.KEYWORD_ONLY: KEYWORD, inspect.Parameter.VAR_POSITIONAL: VARARGS,
             inspect.Parameter.VAR_KEYWORD: VARKW}
    return tuple(Param(p.name, kinds.get(p.kind, POSITIONAL),
                       p.kind is inspect.Parameter.POSITIONAL_ONLY, p.default, p.annotation)
                 for p in signature.parameters.values())


def own_parameters(fn: Any) -> tuple[Param, ...] | None:
    """The parameters of ``fn``'s own code when it is a plain function: those of the body a
    transform rewrites, which is what ``wrt`` must name.  :func:`parameters` follows a
    ``functools.wraps`` wrapper's ``__wrapped__`` to the signature it advertises, which need not
    be its code's (``def w(*a)`` or ``def w(v)`` around ``f(x)``)."""
    return _from_code(fn) if isinstance(fn, types.FunctionType) else parameters(fn)


def _from_code(fn: types.FunctionType) -> tuple[Param, ...]:
    code = fn.__code__
    names = code.co_varnames
    npos, nkw = code.co_argcount, code.co_kwonlyargcount
    defaults = fn.__defaults__ or ()
    kwdefaults = fn.__kwdefaults__ or {}
    notes = getattr(fn, "__annotations__", None) or {}
    first_default = npos - len(defaults)
    found = [Param(name, POSITIONAL, i < code.co_posonlyargcount,
                   defaults[i - first_default] if i >= first_default else EMPTY,
                   notes.get(name, EMPTY)) for i, name in enumerate(names[:npos])]
    extra = npos + nkw
    if code.co_flags & inspect.CO_VARARGS:
        found.append(Param(names[extra], VARARGS))
        extra += 1
    found.extend(Param(name, KEYWORD, False, kwdefaults.get(name, EMPTY), notes.get(name, EMPTY))
                 for name in names[npos:npos + nkw])
    if code.co_flags & inspect.CO_VARKEYWORDS:
        found.append(Param(names[extra], VARKW))
    return tuple(found)


# -- wrt ---------------------------------------------------------------------------------------------


def resolve_wrt(fn: Any, wrt: Any, *, nargs: int | None = None,
                params: tuple[Param, ...] | None = None) -> Wrt:
    """Resolve ``wrt`` (an index, negative from the end, a parameter name, or a tuple or list of
    them) against ``fn``'s parameters (``params``, when the caller has them already).  ``nargs``
    is given where the arguments are a positional tuple (``check_grads``): then every entry must
    fall within it."""
    check_wrt_kinds(fn, wrt)
    name = display_name(fn)
    single = not isinstance(wrt, (tuple, list))
    items = [wrt] if single else list(wrt)
    params = parameters(fn) if params is None else params
    names: list[str] = []
    positions: list[int | None] = []
    for item in items:
        param, position = _resolve_one(fn, name, item, params, nargs)
        if param in names:
            raise _wrt_error(fn, f"wrt={wrt!r} names the parameter {param!r} twice",
                             "list each parameter once", ArgumentValueError)
        names.append(param)
        positions.append(position)
    return Wrt(tuple(names), tuple(positions), single)


def is_wrt(value: Any) -> bool:
    """Whether ``value`` has the form of a ``wrt`` (an int or a name, or a non-empty tuple or list
    of them), as opposed to an argument value (JAX-style ``vjp(f, *primals)`` tells them apart
    by this)."""
    def entry(item: Any) -> bool:
        return isinstance(item, (int, np.integer, str)) and not isinstance(item, (bool, np.bool_))

    if isinstance(value, (tuple, list)):
        return bool(value) and all(entry(item) for item in value)
    return entry(value)


def pick_wrt(wrt: Any, argnums: Any) -> Any:
    """``argnums=`` (JAX's spelling) is an alias of ``wrt=``; giving both is an error."""
    if argnums is None:
        return wrt
    if not (isinstance(wrt, (int, np.integer)) and not isinstance(wrt, (bool, np.bool_))
            and wrt == 0):
        raise ArgumentError(f"both wrt={wrt!r} and argnums={argnums!r} were given",
                            caller_location(), hint="argnums is another name for wrt: pass one")
    return argnums


def check_wrt_kinds(fn: Any, wrt: Any) -> None:
    """The part of :func:`resolve_wrt` that needs no signature: ``wrt`` is an index, a name, or a
    non-empty tuple or list of them (cheap: run on every transform call)."""
    if isinstance(wrt, (tuple, list)):
        if not wrt:
            raise _wrt_error(fn, "wrt is empty", "name at least one parameter to differentiate")
        for item in wrt:
            _entry_kind(fn, item)
    else:
        _entry_kind(fn, wrt)


def _wrt_error(fn: Any, message: str, hint: str, cls: type = ArgumentError) -> ArgumentError:
    if isinstance(fn, types.FunctionType) and hasattr(fn, "__wrapped__"):
        # (resolved against the wrapper's own parameters: point at it, and say so)
        code = fn.__code__
        line = linecache.getline(code.co_filename, code.co_firstlineno).rstrip("\n")
        where = Location(code.co_filename, code.co_firstlineno, code.co_name, line)
        return cls(message, where, hint=f"{hint} ({display_name(fn)} is a functools.wraps "
                   f"wrapper: what is differentiated is its own code, {code.co_name}, and `wrt` "
                   "names its parameters)")
    return cls(message, definition_location(fn), hint=hint)


def _entry_kind(fn: Any, item: Any) -> None:
    """Only ints (not bools) and strings are parameter indexes or names."""
    if item.__class__ is int or item.__class__ is str:
        return
    if isinstance(item, (bool, np.bool_)):
        raise _wrt_error(fn, f"wrt={item!r} is a bool, not a parameter index",
                         "give the parameter's index (an int, e.g. wrt=1) or its name")
    if isinstance(item, (float, np.floating)):
        raise _wrt_error(fn, f"wrt={item!r} is a float, not a parameter index",
                         f"indexes are ints: wrt={int(item)}" if float(item).is_integer()
                         else "give the parameter's index (an int) or its name")
    if item is None:
        raise _wrt_error(fn, "wrt=None names no parameter",
                         "give the index or the name of the parameter to differentiate")
    if not isinstance(item, (int, np.integer, str)):
        raise _wrt_error(fn, f"wrt entries are parameter indexes (int) or names (str), got "
                         f"{type(item).__name__} {item!r}", "e.g. wrt=0, wrt='w' or "
                         "wrt=('w', 'b')")


def _resolve_one(fn: Any, name: str, item: Any, params: tuple[Param, ...] | None,
                 nargs: int | None) -> tuple[str, int | None]:
    if params is None:
        if isinstance(item, str) or nargs is None:
            raise _wrt_error(fn, f"{name} has no signature tangentish can read, so wrt={item!r} "
                             "cannot be resolved", "give wrt as an index into the arguments")
        return f"args[{item}]", _index(fn, name, int(item), [], nargs)
    positional = [p for p in params if p.kind == POSITIONAL]
    if isinstance(item, str):
        param = next((p for p in params if p.name == item), None)
        if param is None:
            raise _unknown_name(fn, name, item, params)
        position = positional.index(param) if param.kind == POSITIONAL else None
        _usable(fn, name, param, position, nargs)
        return param.name, position
    varargs = nargs is not None and any(p.kind == VARARGS for p in params)
    position = _index(fn, name, int(item), positional, nargs if varargs else None, params)
    if position >= len(positional):
        return f"args[{position}]", position
    _usable(fn, name, positional[position], position, nargs)
    return positional[position].name, position


def _index(fn: Any, name: str, item: int, positional: list[Param], nargs: int | None,
           params: tuple[Param, ...] = ()) -> int:
    """A possibly negative index among the positional parameters (or among the ``nargs``
    arguments, for a function that takes ``*args`` or has no readable signature)."""
    count = max(len(positional), nargs or 0)
    if -count <= item < count:
        return item % count
    listed = [p.name for p in positional]
    what = (f"{name} has {len(listed)} positional parameter{'s' * (len(listed) != 1)} {listed}"
            if positional or nargs is None else
            f"{nargs} argument{'s were' if nargs != 1 else ' was'} given")
    hint = "use an index from 0 (negative counts from the end), or the parameter's name"
    keyword_only = [p.name for p in params if p.kind == KEYWORD]
    if keyword_only:
        hint += f"; keyword-only parameters ({', '.join(keyword_only)}) are chosen by name"
    star = next((p.name for p in params if p.kind == VARARGS), None)
    if star is not None and nargs is None:
        hint += (f"; the values *{star} collects are held constant: give the one to "
                 f"differentiate a parameter of its own, before *{star}")
    raise _wrt_error(fn, f"wrt={item} is out of range: {what}", hint, ArgumentValueError)


def _unknown_name(fn: Any, name: str, item: str, params: tuple[Param, ...]) -> ArgumentError:
    import difflib  # (errors only: kept out of the first grad()'s imports)

    listed = [p.name for p in params]
    close = [n for n in listed if n.lower() == item.lower()] or difflib.get_close_matches(
        item, listed, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return _wrt_error(fn, f"{name} has no parameter {item!r}",
                      f"{hint}its parameters are {listed}", ArgumentValueError)


def _usable(fn: Any, name: str, param: Param, position: int | None, nargs: int | None) -> None:
    """A parameter can be differentiated if it takes one real value and, where the arguments are
    a tuple of ``nargs`` values, one of them is its."""
    if param.kind in (VARARGS, VARKW):
        raise _wrt_error(fn, f"wrt names {param.name!r}, the {param.kind} parameter of {name}",
                         "differentiate with respect to named parameters; list them explicitly")
    kind = _non_float(param)
    if kind:
        raise _wrt_error(fn, f"wrt names {param.name!r}, which {kind}: only real-valued "
                         "parameters can be differentiated", "drop it from wrt (or, if it is a "
                         "real number, annotate it as float)")
    if nargs is None:
        return
    if position is None:
        raise _wrt_error(fn, f"wrt names {param.name!r}, a keyword-only parameter of {name}, "
                         "but the arguments are given as a positional tuple",
                         "differentiate a wrapper that passes it by keyword, e.g. "
                         f"lambda ..., {param.name}: {name}(..., {param.name}={param.name})")
    if position >= nargs:
        raise _wrt_error(fn, f"wrt names {param.name!r} (parameter {position}) but only {nargs} "
                         f"argument{'s were' if nargs != 1 else ' was'} given", "pass a value for it in "
                         "args, or drop it from wrt", ArgumentValueError)


def _non_float(param: Param) -> str | None:
    """Why a parameter cannot hold a real number, from its annotation or default, or None."""
    note = param.annotation
    if note in _NOT_FLOAT:
        return f"is annotated as {_NOT_FLOAT[note]}"
    if isinstance(note, str) and note.strip() in _NOT_FLOAT_NAMES:
        return f"is annotated as {note.strip()}"
    if isinstance(param.default, (bool, np.bool_, str, bytes, complex)):
        return f"has the default {param.default!r}"
    return None
