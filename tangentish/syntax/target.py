"""Which function is differentiated when a transform is asked for a function object.

- a ``functools.wraps`` wrapper is differentiated as it behaves: its own body (the wrapped function
  becomes a helper with a derivative of its own); a pure pass-through wrapper
  (``def w(*args, **kwargs): return fn(*args, **kwargs)``) is the function it calls;
- tangentish's own derivative functions stand for the generated function they call;
- partials, bound methods and callable objects are adapted by the API (:mod:`tangentish.callables`)
  before they get here; classes, builtins and ufuncs are refused with a hint (:func:`refuse`).

Apart from :mod:`.parse` because every ``grad()`` asks this, a cached one or one read back from
the persistent cache included, and it needs no syntax tree of gast's.
"""

from __future__ import annotations

import ast
import functools
import types
import weakref
from typing import Any

from ..errors import SourceUnavailableError, UnsupportedConstructError
from . import scope
from .source import read_source

_TRANSPARENT = "__tangentish_derivative_of__"
_MAX_WRAPPERS = 32


class _Transparent:
    """Marks a tangentish derivative function as computing what ``target`` computes.  It only
    counts on the object it was set on: ``functools.wraps`` copies it onto other wrappers."""

    __slots__ = ("owner", "target", "__weakref__")

    def __init__(self, owner: Any, target: types.FunctionType):
        self.owner = weakref.ref(owner)
        self.target = target

    def __reduce__(self) -> tuple:  # pickles (e.g. by cloudpickle with the function) as inert
        return (_inert, ())


def _inert() -> None:
    return None


def mark_transparent(wrapper: types.FunctionType, target: types.FunctionType) -> None:
    """Declare that ``wrapper`` (a derivative tangentish made) computes what ``target`` does."""
    wrapper.__dict__[_TRANSPARENT] = _Transparent(wrapper, target)


def refuse(fn: Any, via: str = "") -> SourceUnavailableError:
    """Why ``fn`` has no source tangentish can differentiate, with what to do instead.  The API
    adapts partials, bound methods and callable objects itself (:mod:`tangentish.callables`);
    here they arrive only behind a pass-through wrapper, or ``via`` one of them."""
    plain = isinstance(fn, (types.FunctionType, types.MethodType, type))
    label = fn.__qualname__ if plain else f"a {type(fn).__name__} object"
    where = f" ({via})" if via else ""
    if isinstance(fn, (types.MethodType, functools.partial)) or _callable_object(fn):
        kind = ("a bound method" if isinstance(fn, types.MethodType) else
                "a functools.partial" if isinstance(fn, functools.partial) else
                "a callable object")
        return SourceUnavailableError(
            f"{label if plain else repr(fn)}{where} is {kind}, reached through a wrapper that "
            "takes only *args and **kwargs",
            hint="differentiate it directly (tangentish.grad(obj.method), tangentish.grad("
            "functools.partial(f, ...))): tangentish adapts those itself")
    if isinstance(fn, classmethod):
        return SourceUnavailableError(
            f"{fn!r}{where} is a classmethod object, not a function",
            hint="differentiate it through its class: tangentish.grad(Class.method)")
    if isinstance(fn, type):
        return SourceUnavailableError(
            f"{label}{where} is a class; tangentish differentiates functions",
            hint="differentiate a plain function that computes the value")
    return SourceUnavailableError(
        f"tangentish can only differentiate Python functions, got {fn!r} of type "
        f"{type(fn).__name__}{where}",
        hint="pass a function defined with `def` in a file; for a builtin or a C extension "
        "function, register a rule with tangentish.extend.adjoint")


def _callable_object(fn: Any) -> bool:
    return callable(fn) and not isinstance(fn, (types.BuiltinFunctionType, types.FunctionType,
                                                type)) and \
        type(fn).__module__ not in ("numpy", "builtins")


def _takes_only_star_arguments(code: types.CodeType) -> bool:
    """``def w(*args, **kwargs)``, ``def w(*args)`` or ``def w(**kwargs)``."""
    flags = code.co_flags
    return code.co_argcount == 0 and code.co_kwonlyargcount == 0 and \
        bool(flags & 0x0C)  # CO_VARARGS or CO_VARKEYWORDS


def _pass_through_callee(node: ast.AST) -> str | None:
    """``def w(*args, **kwargs): return fn(*args, **kwargs)`` (or the lambda; or with ``*args``
    alone, or ``**kwargs`` alone, each passed on as received) → ``"fn"``."""
    args = node.args
    body = node.body if isinstance(node, ast.Lambda) else _without_docstring(node.body)
    if isinstance(node, ast.Lambda):
        value = body
    elif len(body) == 1 and isinstance(body[0], ast.Return):
        value = body[0].value
    else:
        return None
    if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Name)):
        return None
    star, double = args.vararg, args.kwarg
    if [_starred(item) for item in value.args] != ([star.arg] if star else []) or \
            [_double(item) for item in value.keywords] != ([double.arg] if double else []):
        return None
    name = value.func.id
    return None if name in {a.arg for a in (star, double) if a is not None} else name


def _starred(node: ast.expr) -> str | None:
    """``*name`` → ``"name"``."""
    if isinstance(node, ast.Starred) and isinstance(node.value, ast.Name):
        return node.value.id
    return None


def _double(node: ast.keyword) -> str | None:
    """``**name`` → ``"name"``."""
    return node.value.id if node.arg is None and isinstance(node.value, ast.Name) else None


def _without_docstring(body: list[ast.stmt]) -> list[ast.stmt]:
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and \
            isinstance(body[0].value.value, str):
        return body[1:]
    return body


def _refuse_wrapper(fn: types.FunctionType, wrapped: Any) -> UnsupportedConstructError:
    inner = getattr(wrapped, "__qualname__", repr(wrapped))
    code = fn.__code__
    own = getattr(code, "co_qualname", code.co_name)  # functools.wraps copied __qualname__
    return UnsupportedConstructError(
        f"{inner} is wrapped by {own} ({code.co_filename}, line {code.co_firstlineno}; "
        "functools.wraps), which does more than pass its arguments on; tangentish "
        "differentiates what the wrapper does, but this wrapper takes only *args/**kwargs, "
        "which it cannot differentiate",
        hint=f"give the wrapper explicit parameters (def wrapper(x): return 2 * fn(x)) so it can "
        f"be differentiated as it behaves, or differentiate {inner} without the decorator")


def differentiated_function(fn: Any, recorder: scope.Recorder | None = None
                            ) -> types.FunctionType:
    """The Python function whose source is differentiated when ``fn`` is asked for (see the
    module docstring); raises :class:`SourceUnavailableError` for what cannot be."""
    via = ""
    for _ in range(_MAX_WRAPPERS):
        if not isinstance(fn, types.FunctionType):
            raise refuse(fn, via)
        marker = fn.__dict__.get(_TRANSPARENT)
        if isinstance(marker, _Transparent) and marker.owner() is fn:
            if recorder is not None:
                recorder.add(scope.Dependency(scope.FUNCTION, _TRANSPARENT, (), scope.SAME,
                                              weakref.ref(marker), recorder.owner_for(fn)))
            fn = marker.target
            continue
        if not _takes_only_star_arguments(fn.__code__):
            return fn
        name = _pass_through_callee(read_source(fn).node)
        if name is None:
            if hasattr(fn, "__wrapped__"):
                raise _refuse_wrapper(fn, fn.__wrapped__)
            return fn  # differentiated as written; the fence rejects its *args
        found, value = scope.resolve(fn, name, recorder)
        if not found:
            return fn  # the call would raise NameError: let the pipeline report the name
        via = f"called by the wrapper {fn.__qualname__}"
        fn = value
    raise SourceUnavailableError(
        f"more than {_MAX_WRAPPERS} pass-through wrappers around {fn!r}",
        hint="differentiate the innermost function")
