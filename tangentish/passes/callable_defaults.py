"""A parameter whose default is a function, called in the body (``def mlp(x, act=np.tanh)``,
``def mlp(x, *, act=np.tanh)``, the loop idiom ``def f(a, _r=reduction)``): its calls are the
default's.

Guarantee to the next stage: each call ``act(...)`` of such a parameter (never assigned in the
function, not read by a nested function) calls the default as the function's own scope spells it
(``np.tanh``, or a module-level function by its name), and the body starts with a check that the
call did not pass another function: the derivative is built for the default, and an argument
that is not it raises ``ArgumentError`` (a ``TypeError``: ``_rt.default_changed``) naming the
parameter (a different function is differentiated through a closure or ``functools.partial`` of
a function that calls it).  A default that the
function's scope cannot spell is left alone (a call of it is refused as a call to a local value).
A bound method default (``meth=sst.norm.logpdf``) is spelled as its object's path and checked with
``!=`` (each read of a method makes a new method object).

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x, act=np.tanh):
    ...     return np.sum(act(x) ** 2)
    >>> info = parse_function(f)
    >>> resolve_callable_defaults(info)
    >>> print(function_text(info.node), end="")
    def f(x, act=np.tanh):
        if act is not np.tanh:
            raise _rt.default_changed('this derivative of f was built for its default act=np.tanh')
        return np.sum(np.tanh(x) ** 2)
"""

from __future__ import annotations

import types
from typing import Any

import gast

from ..syntax import build, scope
from ..syntax.naming import dotted
from ..syntax.parse import SourceInfo
from ..syntax.resolve import canonical_name, expression_for

_NESTED = (gast.FunctionDef, gast.AsyncFunctionDef, gast.Lambda, gast.ClassDef)


def resolve_callable_defaults(info: SourceInfo) -> None:
    """Rewrite ``info.node`` in place (see the module docstring)."""
    defaults = _callable_defaults(info.fn)
    if not defaults:
        return
    own = build.outside_nested(info.node.body)
    stored = {n.id for n in own if isinstance(n, gast.Name) and not isinstance(n.ctx, gast.Load)}
    nested = {n.id for stmt in info.node.body for n in build.nodes(stmt)
              if isinstance(n, gast.Name)} - {n.id for n in own if isinstance(n, gast.Name)}
    calls = [n for n in own if isinstance(n, gast.Call) and isinstance(n.func, gast.Name) and
             n.func.id in defaults and n.func.id not in stored | nested]
    guards = []
    for name in sorted({c.func.id for c in calls}):
        index, value = defaults[name]
        bound = isinstance(value, types.MethodType)  # a new object at each attribute read
        text = bound_method_spelling(info, value) if bound else value_spelling(info, value)
        if text is None:
            continue
        for call in [c for c in calls if isinstance(c.func, gast.Name) and c.func.id == name]:
            call.func = gast.copy_location(expression_for(text), call.func)
        guards.append(default_guard(info, name, text, op=gast.NotEq if bound else gast.IsNot))
        if info.recorder is not None:  # the code holds the default: a function of the same code
            # with another default (a def run in a loop) is built anew (the cache's check)
            where = "__defaults__" if isinstance(index, int) else "__kwdefaults__"
            info.recorder.add(scope.dependency(scope.FUNCTION, where, value, (index,)))
    info.node.body[:0] = guards


def _callable_defaults(fn: types.FunctionType) -> dict[str, tuple[int | str, Any]]:
    """Parameters' function defaults, each with where the function holds it: its index in
    ``__defaults__`` (positional) or its name in ``__kwdefaults__`` (keyword-only)."""
    code = fn.__code__
    defaults = fn.__defaults__ or ()
    names = code.co_varnames[code.co_argcount - len(defaults):code.co_argcount]
    found: dict[str, tuple[int | str, Any]] = {
        name: (index, value) for index, (name, value) in enumerate(zip(names, defaults, strict=True))}
    found.update((name, (name, value)) for name, value in (fn.__kwdefaults__ or {}).items())
    return {name: (where, value) for name, (where, value) in found.items()
            if callable(value) and not isinstance(value, type)}


def value_spelling(info: SourceInfo, value: Any) -> str | None:
    """How the function's own scope names ``value`` (its canonical NumPy/math name, or its own
    name at module level), or None."""
    for text in (canonical_name(value), getattr(value, "__name__", None)):
        if isinstance(text, str) and all(p.isidentifier() for p in text.split(".")):
            found, held = info.lookup_path(text.split("."))
            if found and held is value:
                return text
    return None


def bound_method_spelling(info: SourceInfo, value: types.MethodType) -> str | None:
    """How the function's scope names a bound method (``sst.norm.logpdf``: the method read from
    an object that a global name, or an attribute of a module it names, holds), or None.  A read
    of it makes a new method object, equal (``==``) to the default but not the same."""
    owner, name = value.__self__, getattr(value.__func__, "__name__", None)
    if isinstance(owner, types.ModuleType) or not isinstance(name, str) or \
            not name.isidentifier():
        return None
    spellings = []
    for key, held in info.fn.__globals__.items():
        if held is owner:
            spellings.append(key)
        elif isinstance(held, types.ModuleType) and not key.startswith("_"):
            spellings += [f"{key}.{attr}" for attr, item in vars(held).items()
                          if item is owner and attr.isidentifier() and not attr.startswith("_")]
    for text in sorted(spellings, key=lambda t: (len(t), t)):
        found, held = info.lookup_path([*text.split("."), name])
        if found and held == value:
            return f"{text}.{name}"
    return None


def default_guard(info: SourceInfo, name: str, text: str, built: str | None = None,
           op: type = gast.IsNot) -> gast.stmt:
    """``if name is not text: raise _rt.default_changed(...)`` (``name`` a parameter, or a path such as
    ``self.xp``; ``built``: what the message says the derivative was built for; ``op``: the
    comparison, ``!=`` for a string)."""
    built = built or f"its default {name}={text}"
    message = f"this derivative of {info.name} was built for {built}"
    test = gast.Compare(left=expression_for(name), ops=[op()],
                        comparators=[expression_for(text)])
    error = gast.Raise(exc=build.call("_rt.default_changed", build.constant(message)), cause=None)
    stmt = gast.If(test=test, body=[error], orelse=[])
    for node in build.nodes(stmt):
        gast.copy_location(node, info.node)
    return stmt



def with_passed_defaults(fn: Any, arguments: dict[str, Any], caller: SourceInfo) -> Any:
    """``fn`` (a helper getting a derivative of its own) as the caller calls it: where a call
    passes a parameter with a function default another function its scope names (``act=np.sin``,
    ``act=relu`` for ``def layer(x, W, act=np.tanh)``), a function of the same code with that
    function as the default, whose derivative is built for it (this module, on its defaults;
    the derivative's check that the call passed its default then holds).  ``fn`` itself where
    no such argument is passed."""
    if not isinstance(fn, types.FunctionType):
        return fn
    defaults = _callable_defaults(fn)
    passed = {}
    for name, (where, value) in defaults.items():
        node = arguments.get(name)
        parts = dotted(node) if isinstance(node, gast.AST) else None
        found, held = caller.lookup_path(parts) if parts else (False, None)
        if found and callable(held) and held is not value:
            passed[where] = held
    if not passed:
        return fn
    clone = types.FunctionType(fn.__code__, fn.__globals__, fn.__name__, tuple(
        passed.get(i, v) for i, v in enumerate(fn.__defaults__ or ())), fn.__closure__)
    clone.__kwdefaults__ = {k: passed.get(k, v) for k, v in (fn.__kwdefaults__ or {}).items()} \
        or None
    clone.__qualname__, clone.__module__ = fn.__qualname__, fn.__module__
    return clone
