"""Modules a function is handed rather than names (array-API style): a parameter whose default
is a module (``def f(x, xp=np)``, ``def f(x, *, xp=np)``), and an attribute of a bound method's
object that holds one (``self.xp = np``); with :mod:`.callable_defaults` (``act=np.tanh``),
whose pass this one runs first.

Guarantee to the next stage: each read of such a parameter (never assigned in the function, not
read by a nested function or lambda) is the module as the function's scope spells it (``np``,
``np.linalg``), and the body starts with a check that the call passed the default: which module
the parameter holds is known only when the derivative runs, so the derivative is built for the
default, and another module raises ``ArgumentError`` (a ``TypeError``) naming the parameter. In a
bound method whose object holds a module in an attribute (``self.xp``, read from the object's
layout, part of the transform's key), each read of ``self.xp`` (``self`` never rebound, no
attribute of it assigned in the function) is the module, after the same check of ``self.xp``; so
is each read of a function the object holds that way (``self.act``, called through
:mod:`.method_calls`), whose check makes an object given another function after its derivative was
built an error, not that function's value under the old one's derivative.  A local then bound to
it (``xp = self.xp``) is an alias of the module (:mod:`.module_aliases`).  A module or function
the scope cannot spell is left alone (a call through it is refused as before).

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x, xp=np):
    ...     return xp.sum(xp.sin(x) ** 2)
    >>> info = parse_function(f)
    >>> resolve_defaults(info)
    >>> print(function_text(info.node), end="")
    def f(x, xp=np):
        if xp is not np:
            raise _rt.default_changed('this derivative of f was built for its default xp=np')
        return np.sum(np.sin(x) ** 2)
"""

from __future__ import annotations

import types
from typing import Any

import gast

from ..layouts import Layout
from ..syntax import build, scope
from ..syntax.naming import dotted
from ..syntax.parse import SourceInfo
from ..syntax.resolve import expression_for
from ..syntax.tree_walk import walk
from .callable_defaults import default_guard, resolve_callable_defaults, value_spelling
from .helper_modules import module_spelling, resolve_helper_modules
from .module_aliases import replace_module_aliases

_STORES = (gast.Store, gast.Del)


def resolve_defaults(info: SourceInfo) -> None:
    """Rewrite ``info.node`` in place (see the module docstring)."""
    resolve_helper_modules(info)
    guards = _parameter_modules(info) + _held_by_self(info)
    resolve_callable_defaults(info)
    if guards:
        info.node.body[:0] = guards
        replace_module_aliases(info)  # (`xp = self.xp`, now `xp = np`)


def _defaults(fn: types.FunctionType) -> dict[str, tuple[int | str, Any]]:
    """Each parameter's default, with where the function holds it (an index in
    ``__defaults__``, or its name in ``__kwdefaults__``)."""
    code, values = fn.__code__, fn.__defaults__ or ()
    names = code.co_varnames[code.co_argcount - len(values):code.co_argcount]
    found: dict[str, tuple[int | str, Any]] = dict(zip(names, enumerate(values), strict=True))
    found.update((name, (name, value)) for name, value in (fn.__kwdefaults__ or {}).items())
    return found


def _parameter_modules(info: SourceInfo) -> list[gast.stmt]:
    guards, defaults = [], _defaults(info.fn)
    own = build.outside_nested(info.node.body)
    stored = {n.id for n in own if isinstance(n, gast.Name) and not isinstance(n.ctx, gast.Load)}
    inner = {n.id for n in walk(info.node) if isinstance(n, gast.Name)} - \
        {n.id for n in own if isinstance(n, gast.Name)}
    for name, (where, value) in sorted(defaults.items()):
        text = module_spelling(info, value) if isinstance(value, types.ModuleType) else None
        if text is None or name in stored | inner:
            continue
        _replace(info.node, lambda n, name=name: isinstance(n, gast.Name) and n.id == name and
                 isinstance(n.ctx, gast.Load), text)
        guards.append(default_guard(info, name, text, f"its default {name}={text}"))
        if info.recorder is not None:  # (the code holds the default: another default, another
            place = "__defaults__" if isinstance(where, int) else "__kwdefaults__"  # derivative)
            info.recorder.add(scope.dependency(scope.FUNCTION, place, value, (where,)))
    return guards


def inline_modules(info: SourceInfo, call: gast.Call, local: set[str]) -> None:
    """A helper about to be inlined for ``call`` (:mod:`.inline_helpers`; its module is the
    caller's, whose own names are ``local``): each parameter that holds a module at this call,
    its default left out or a path to a module passed (``xp=np``, ``np.linalg``), read as that
    module (spelled by a name of the module, not one of the caller's), no check needed."""
    node = info.node
    positional = [a.id for a in node.args.posonlyargs + node.args.args]
    held = {name: value for name, (_, value) in _defaults(info.fn).items()}
    texts = {name: module_spelling(info, value) for name, value in held.items()
             if isinstance(value, types.ModuleType)}
    passed = {**dict(zip(positional, call.args, strict=False)),  # (fewer: defaults left out)
              **{k.arg: k.value for k in call.keywords}}
    for name, value in passed.items():  # (a look-up is recorded: only a module's, and never
        parts = dotted(value) if not isinstance(value, gast.Starred) else None  # a local's)
        peek = scope.resolve_path(info.fn, parts, None) if parts and parts[0] not in local \
            else (False, None)
        module = peek[0] and isinstance(peek[1], types.ModuleType)
        texts[name] = ".".join(parts) if module and info.lookup_path(parts)[1] is peek[1] \
            else None
    own = build.outside_nested(node.body)
    stored = {n.id for n in own if isinstance(n, gast.Name) and not isinstance(n.ctx, gast.Load)}
    inner = {n.id for n in walk(node) if isinstance(n, gast.Name)} - \
        {n.id for n in own if isinstance(n, gast.Name)}
    for name, text in sorted(texts.items()):
        if text is not None and name not in stored | inner and text.split(".")[0] not in local:
            _replace(node, lambda n, name=name: isinstance(n, gast.Name) and n.id == name and
                     isinstance(n.ctx, gast.Load), text)


def string_default_probes(info: SourceInfo) -> None:
    """A parameter with a string default that names a module's attribute (``def f(x,
    name="tanh")``, then ``getattr(np, name)``; never assigned, not read by a nested function):
    each read is the default (so :mod:`.module_probes` folds ``getattr(np, "tanh")`` to
    ``np.tanh``) after a check that the call passed it (``ArgumentError`` otherwise; a helper inlined
    with another string passed raises it where it runs)."""
    own = build.outside_nested(info.node.body)
    stored = {n.id for n in own if isinstance(n, gast.Name) and not isinstance(n.ctx, gast.Load)}
    inner = {n.id for n in walk(info.node) if isinstance(n, gast.Name)} - \
        {n.id for n in own if isinstance(n, gast.Name)}
    probed = {n.args[1].id for n in own if isinstance(n, gast.Call) and len(n.args) == 2 and
              isinstance(n.func, gast.Name) and n.func.id == "getattr" and
              isinstance(n.args[1], gast.Name) and dotted(n.args[0]) is not None and
              isinstance(info.lookup_path(dotted(n.args[0]))[1], types.ModuleType)}
    guards = []
    for name, (where, value) in sorted(_defaults(info.fn).items()):
        if type(value) is not str or name not in probed - stored - inner or \
                info.lookup("getattr") != (True, getattr):
            continue
        _replace(info.node, lambda n, name=name: isinstance(n, gast.Name) and n.id == name and
                 isinstance(n.ctx, gast.Load), repr(value))
        guards.append(default_guard(info, name, repr(value), f"its default {name}={value!r}", gast.NotEq))
        if info.recorder is not None:
            place = "__defaults__" if isinstance(where, int) else "__kwdefaults__"
            info.recorder.add(scope.dependency(scope.FUNCTION, place, value, (where,)))
    info.node.body[:0] = guards


def _held_by_self(info: SourceInfo) -> list[gast.stmt]:
    """``self.xp`` (a module) and ``self.act`` (a function) of a bound method's object, as its
    layout says; ``[]`` where ``self`` is rebound or an attribute of it assigned."""
    top, node = info.receiver, info.node
    own = [a.id for a in node.args.posonlyargs + node.args.args]
    if not isinstance(top, Layout) or not own:
        return []
    for n in walk(node):
        if isinstance(n, gast.Name) and n.id == own[0] and isinstance(n.ctx, _STORES) or \
                isinstance(n, gast.Attribute) and isinstance(n.ctx, _STORES) and \
                isinstance(n.value, gast.Name) and n.value.id == own[0]:
            return []
    guards = []
    for attr, held in top.attrs:
        value = held.function
        if value is None or not _read(node, own[0], attr):
            continue
        text = module_spelling(info, value) if isinstance(value, types.ModuleType) else \
            value_spelling(info, value)
        if text is None:
            continue
        if isinstance(value, types.ModuleType):
            _replace(node, lambda n, attr=attr: _is_attr(n, own[0], attr), text)
        path = f"{own[0]}.{attr}"
        guards.append(default_guard(info, path, text, f"{path} = {text}"))
    return guards


def _is_attr(node: gast.AST, receiver: str, attr: str) -> bool:
    return isinstance(node, gast.Attribute) and node.attr == attr and \
        isinstance(node.value, gast.Name) and node.value.id == receiver and \
        isinstance(node.ctx, gast.Load)


def _read(node: gast.AST, receiver: str, attr: str) -> bool:
    return any(_is_attr(n, receiver, attr) for n in walk(node))


def _replace(node: gast.AST, chosen: Any, text: str) -> None:
    """Each node under ``node`` that ``chosen`` picks (in a field or a list) made ``text``."""
    for parent in walk(node):
        for field, value in gast.iter_fields(parent):
            if isinstance(value, list):
                value[:] = [gast.copy_location(expression_for(text), v) if chosen(v) else v
                            for v in value]
            elif chosen(value):
                setattr(parent, field, gast.copy_location(expression_for(text), value))
