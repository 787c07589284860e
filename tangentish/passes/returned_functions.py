"""A call of a helper that only returns functions, read as what it returns: ``acts()`` of ``def
acts(): return [np.tanh, np.sin]`` is the display ``[np.tanh, np.sin]``, ``make(2.0)`` of ``def
make(s): return partial(act, scale=s)`` is ``partial(act, scale=2.0)``; and a ``partial`` called
where it is made, ``partial(act, scale=s)(y)``, is the call ``act(y, scale=s)``.

So the loops, aliases and partials the function writes itself (:mod:`.object_loops`,
:mod:`.partial_locals`) follow them: ``for a in acts(): x = a(x)`` is unrolled, ``g = make(s)``
then ``g(y)`` calls ``act``, ``f, g = pair()`` binds two aliases.

Guarantee to the next stage: a call ``h(a, k=b)`` of a Python function ``h`` read from outside
the function (a module-level function of any module, small: no closure, not a generator, no rule
registered for it) whose body is one ``return E`` (after a docstring), each argument a name or a
constant (or left out for a constant default), where ``E`` is built only of list and tuple
displays, ``functools.partial(F, ...)`` calls, constants, the helper's parameters, names or
attribute paths its module resolves to callables (functions, ufuncs, classes), and a dict
display of such at a key (``{"tanh": np.tanh, "relu": relu}[name]``, a parameter, a constant or
``CONFIG.get("act", "tanh")``: :mod:`.display_tables` dispatches it; at a constant, the value at
that key) and calls of another such helper (``return get_activation(name)``: what it returns,
read through up to four deep), is ``E`` with
each parameter read as the argument and each path spelled as the function's scope reaches the
very same object: by the same path, by the object's own or NumPy name, or through the helper's
module (``_mod34.act``, a name of the function's own, as :mod:`.foreign_methods` reads another
file's names); otherwise the call is left as it is (and refused as before).  Evaluating ``E``
runs nothing but ``partial``, which Python would have run in the call, so the value is the same;
the helper's code, and each name it resolved, are recorded among the derivative's dependencies
(redefining ``acts`` or rebinding ``act`` derives again).  A tuple display of such paths unpacked
into names (``f, g = (np.tanh, np.sin)``), none of which the display reads, is one assignment per
name.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def acts():
    ...     return [np.tanh, np.sin]
    >>> def f(x):
    ...     for a in acts():
    ...         x = a(x)
    ...     first, second = acts()
    ...     return first(second(x))
    >>> info = parse_function(f)
    >>> replace_returned_functions(info)
    True
    >>> print(function_text(info.node), end="")
    def f(x):
        for a in [np.tanh, np.sin]:
            x = a(x)
        first = np.tanh
        second = np.sin
        return first(second(x))
"""

from __future__ import annotations

import copy
import functools
import inspect
import sys
import types
from typing import Any

import gast
import numpy as np

from ..registry import REGISTRY, TANGENT
from ..syntax import build, scope
from ..syntax.parse import SourceInfo, parse_function
from ..syntax.resolve import dotted, expression_for
from ..syntax.tree_walk import walk
from .callable_defaults import value_spelling

_FLAGS = inspect.CO_GENERATOR | inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR
_CONSTANTS = (int, float, complex, str, bool, type(None))
_LONGEST = 400  # (bytes of code: a helper this pass could read is a few dozen)
_DEEPEST = 4  # (helpers returning another's call read through: a recursion stops there)


def replace_returned_functions(info: SourceInfo) -> bool:
    """Rewrite ``info.node`` in place (see the module docstring); whether anything changed."""
    local = build.parameter_names(info.node.args) | {
        n.id for n in walk(info.node) if isinstance(n, gast.Name) and
        not isinstance(n.ctx, gast.Load)}
    replacer = _Replacer(info, local)
    replacer.visit(info.node)
    before = len(info.node.body)
    info.node.body = _unpacked(info, local, info.node.body)
    return replacer.changed or len(info.node.body) != before


class _Replacer(gast.NodeTransformer):
    def __init__(self, info: SourceInfo, local: set[str]):
        self.info, self.local = info, local
        self.changed = False

    def visit_Call(self, node: gast.Call) -> gast.expr:
        self.generic_visit(node)
        made = self.returned(node) or self.called_partial(node)
        self.changed = self.changed or made is not None
        return made or node

    def returned(self, call: gast.Call) -> gast.expr | None:
        parts = dotted(call.func)
        if parts is None or parts[0] in self.local:
            return None
        found, function = self.info.lookup_path(parts)
        made = _read_as_returned(self.info, self.local, found, function, call, 0)
        if made is None:
            return None
        for node in walk(made):
            if "lineno" in getattr(node, "_attributes", ()):
                gast.copy_location(node, call)
        return made

    def called_partial(self, call: gast.Call) -> gast.expr | None:
        """``partial(F, a, k=b)(c)`` as ``F(a, c, k=b)`` (the call's keyword replaces the bound
        one of its name), where ``F`` and the bound arguments are names, paths or constants."""
        made = call.func
        if not (isinstance(made, gast.Call) and _is_partial(self.info, made.func, self.local)
                and made.args) or any(isinstance(a, gast.Starred) for a in
                                      [*made.args, *call.args]) or \
                any(k.arg is None for k in [*made.keywords, *call.keywords]) or \
                not all(_plain(a) for a in [*made.args, *(k.value for k in made.keywords)]):
            return None
        given = {k.arg for k in call.keywords}
        keywords = [k for k in made.keywords if k.arg not in given] + call.keywords
        return gast.copy_location(gast.Call(func=made.args[0], args=made.args[1:] + call.args,
                                            keywords=keywords), call)  # (its parts placed)


def _read_as_returned(info: SourceInfo, local: set[str], found: bool, function: Any,
                      call: gast.Call, depth: int) -> gast.expr | None:
    """What the helper ``function`` returns at ``call`` (its arguments spelled in the function's
    scope), or None where it is no helper returning only functions (see the module)."""
    if not found or not _small_function(function) or function is info.fn:
        return None
    try:
        fdef = parse_function(function).node
    except Exception:  # (no source: the call stays, refused or derived in its own words)
        return None
    body = fdef.body[1:] if _docstring(fdef.body[0]) else fdef.body
    if len(body) != 1 or not isinstance(body[0], gast.Return) or body[0].value is None:
        return None
    bound = _arguments(function, call)
    if bound is None:
        return None
    spelling = _Spelling(info, function, bound, local, depth)
    made = spelling.expression(body[0].value)
    if made is None or not spelling.functions:  # (`return x`, `return 2.0`: a plain call)
        return None
    _record(info, function)
    return made


def _small_function(function: Any) -> bool:
    code = getattr(function, "__code__", None)
    return isinstance(function, types.FunctionType) and code is not None and \
        not code.co_freevars and not code.co_flags & _FLAGS and \
        len(code.co_code) <= _LONGEST and not REGISTRY.known(function) and \
        not REGISTRY.has(TANGENT, function)


def _callable(found: tuple[bool, Any]) -> bool:
    return found[0] and callable(found[1]) and not isinstance(found[1], np.ndarray)


def _docstring(stmt: gast.stmt) -> bool:
    return isinstance(stmt, gast.Expr) and isinstance(stmt.value, gast.Constant) and \
        isinstance(stmt.value.value, str)


def _plain(node: gast.expr) -> bool:
    """A name, an attribute path or a constant (a signed number too: ``make(-0.5)``): reading
    it runs nothing."""
    if isinstance(node, gast.UnaryOp) and isinstance(node.op, (gast.USub, gast.UAdd)):
        node = node.operand
        return isinstance(node, gast.Constant) and type(node.value) in (int, float, complex)
    return isinstance(node, gast.Constant) and type(node.value) in _CONSTANTS or \
        dotted(node) is not None


def _arguments(function: Any, call: gast.Call) -> dict[str, gast.expr] | None:
    """Parameter → the call's argument (a name or constant), or a constant default's value."""
    if any(isinstance(a, gast.Starred) for a in call.args) or \
            any(k.arg is None for k in call.keywords):
        return None
    try:
        bound = inspect.signature(function).bind(*call.args, **{k.arg: k.value
                                                               for k in call.keywords})
    except (TypeError, ValueError):
        return None
    arguments = dict(bound.arguments)
    for name, parameter in inspect.signature(function).parameters.items():
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            return None
        if name not in arguments:
            if type(parameter.default) not in _CONSTANTS:
                return None
            arguments[name] = build.constant(parameter.default)
    return arguments if all(_plain(a) for a in arguments.values()) else None


def _is_partial(info: SourceInfo, func: gast.expr, local: set[str]) -> bool:
    parts = dotted(func)
    return parts is not None and parts[0] not in local and \
        _same(info.lookup_path(parts), functools.partial)


def _same(found: tuple[bool, Any], value: Any) -> bool:
    """Whether a lookup found ``value`` itself."""
    return found[0] and found[1] is value


class _Spelling:
    """The helper's returned expression as the function's scope spells it (None: it cannot)."""

    def __init__(self, info: SourceInfo, function: Any, bound: dict[str, gast.expr],
                 local: set[str], depth: int):
        self.info, self.function, self.bound, self.local = info, function, bound, local
        self.depth = depth  # (helpers read through so far: ``return get_activation(name)``)
        self.functions = False  # (whether it reads a function of the module)

    def expression(self, node: gast.expr) -> gast.expr | None:
        if isinstance(node, gast.Constant):
            return copy.deepcopy(node) if type(node.value) in _CONSTANTS else None
        if isinstance(node, (gast.List, gast.Tuple)):
            items = [self.expression(e) for e in node.elts]
            if any(i is None for i in items) or any(isinstance(e, gast.Starred)
                                                    for e in node.elts):
                return None
            return type(node)(elts=items, ctx=gast.Load())
        if isinstance(node, gast.Name) and node.id in self.bound:
            return copy.deepcopy(self.bound[node.id])
        if isinstance(node, gast.Call):
            return self.partial(node) or self.returned(node)
        if isinstance(node, gast.Subscript):
            return self.chosen(node)
        parts = dotted(node)
        return None if parts is None else self.path(parts, callable_only=True)

    def partial(self, node: gast.Call) -> gast.expr | None:
        parts = dotted(node.func)
        if parts is None or parts[0] in self.bound or not node.args or \
                not _same(scope.resolve_path(self.function, parts, self.info.recorder),
                          functools.partial) or any(k.arg is None for k in node.keywords):
            return None
        func = self.path(parts, callable_only=False)
        args = [self.expression(a) for a in node.args]
        keywords = [gast.keyword(arg=k.arg, value=self.expression(k.value))
                    for k in node.keywords]
        if func is None or any(a is None for a in args) or \
                any(k.value is None for k in keywords):
            return None
        return gast.Call(func=func, args=args, keywords=keywords)

    def returned(self, node: gast.Call) -> gast.expr | None:
        """Another such helper's call (``return get_activation(name)``), its arguments
        parameters or constants: what that helper returns, read through (a few deep)."""
        parts = dotted(node.func)
        if parts is None or parts[0] in self.bound or self.depth >= _DEEPEST:
            return None
        args = [self.expression(a) for a in node.args]
        keywords = [gast.keyword(arg=k.arg, value=self.expression(k.value))
                    for k in node.keywords]
        if any(a is None for a in args) or any(k.value is None for k in keywords):
            return None
        call = gast.Call(func=node.func, args=args, keywords=keywords)
        found, function = scope.resolve_path(self.function, parts, self.info.recorder)
        made = _read_as_returned(self.info, self.local, found, function, call, self.depth + 1)
        self.functions = self.functions or made is not None
        return made

    def chosen(self, node: gast.Subscript) -> gast.expr | None:
        """``{"tanh": np.tanh, ...}[key]``: a dict display of constant keys at a parameter, a
        constant (the value there) or ``get`` of a module's dict at constants (``CONFIG.get("act",
        "tanh")``)."""
        table, key = node.value, node.slice
        if not isinstance(table, gast.Dict) or any(
                not isinstance(k, gast.Constant) or type(k.value) not in _CONSTANTS
                for k in table.keys):
            return None
        values = [self.expression(v) for v in table.values]
        if isinstance(key, gast.Call):
            parts = dotted(key.func)
            func = None if parts is None or parts[-1] != "get" or key.keywords or \
                not all(isinstance(a, gast.Constant) for a in key.args) else \
                self.path(parts, callable_only=False)
            key = None if func is None else gast.Call(func=func, args=copy.deepcopy(key.args),
                                                      keywords=[])
        elif isinstance(key, (gast.Name, gast.Constant)):
            key = self.expression(key) if isinstance(key, gast.Constant) or \
                key.id in self.bound else None
        else:
            key = None
        if key is None or any(v is None for v in values):
            return None
        if isinstance(key, gast.Constant):  # (`get_activation("tanh")`: the value at that key)
            at = {k.value: i for i, k in enumerate(table.keys)}.get(key.value)
            return None if at is None else values[at]
        keys = [copy.deepcopy(k) for k in table.keys]
        return gast.Subscript(value=gast.Dict(keys=keys, values=values), slice=key,
                              ctx=gast.Load())

    def path(self, parts: list, callable_only: bool) -> gast.expr | None:
        """A name or path of the helper's module as the function's scope reaches its object."""
        if parts[0] in self.bound:
            return None
        found, value = scope.resolve_path(self.function, parts, self.info.recorder)
        if not found or callable_only and not _callable((found, value)):
            return None
        self.functions = True
        text = ".".join(parts)
        root = scope.resolve(self.function, parts[0], self.info.recorder)[1]
        if parts[0] in self.local:
            text = None
        elif not _same(self.info.lookup(parts[0]), root):  # (the same root: the same path)
            text = value_spelling(self.info, value)
        if text is not None and text.split(".")[0] not in self.local:
            return expression_for(text)
        return self.through_module(parts)

    def through_module(self, parts: list) -> gast.expr | None:
        module = sys.modules.get(getattr(self.function, "__module__", None) or "")
        if module is None or vars(module) is not self.function.__globals__ or \
                parts[0] not in self.function.__globals__:
            return None
        from .foreign_methods import module_local

        node: gast.expr = build.name(module_local(self.info, module))
        for attr in parts:
            node = build.attribute(node, attr)
        return node


def _record(info: SourceInfo, function: Any) -> None:
    """The helper's code and defaults decide the expression: changing either derives again."""
    recorder = info.recorder
    if recorder is not None:
        for dep in scope.binding_dependencies(function, recorder.owner_for(function)):
            recorder.add(dep.replaced(binding=False))


def _unpacked(info: SourceInfo, local: set[str], body: list[gast.stmt]) -> list[gast.stmt]:
    """``f, g = (np.tanh, np.sin)`` as ``f = np.tanh`` and ``g = np.sin`` (see the module), in
    every block of ``body``."""
    out: list[gast.stmt] = []
    for stmt in body:
        for field in ("body", "orelse", "finalbody"):
            if not isinstance(stmt, (gast.FunctionDef, gast.ClassDef)) and \
                    isinstance(getattr(stmt, field, None), list):
                setattr(stmt, field, _unpacked(info, local, getattr(stmt, field)))
        out.extend(_split(info, local, stmt) or [stmt])
    return out


def _split(info: SourceInfo, local: set[str], stmt: gast.stmt) -> list[gast.stmt] | None:
    if not (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and
            isinstance(stmt.targets[0], (gast.Tuple, gast.List)) and
            isinstance(stmt.value, (gast.Tuple, gast.List))):
        return None
    targets, items = stmt.targets[0].elts, stmt.value.elts
    names = [t.id for t in targets if isinstance(t, gast.Name)]
    paths = [dotted(e) for e in items]
    if len(names) != len(targets) or len(set(names)) != len(names) or \
            len(items) != len(targets) or any(p is None or p[0] in local for p in paths) or \
            not all(_callable(info.lookup_path(p)) for p in paths):
        return None
    return [gast.copy_location(build.assign(build.name(n, store=True), copy.deepcopy(e)), stmt)
            for n, e in zip(names, items, strict=True)]
