"""Bind an operation's operands to the parameters of the template that differentiates it.

The template's parameters are the function's own parameter names (checked when the rule is
registered); an operand passed by position binds to the parameter at its position, one passed by
keyword to its name.  Only what the call passed is bound (a template's ``if given(axis):`` asks).

    >>> import numpy as np
    >>> import tangentish.rules  # registers the derivative rules
    >>> from tangentish import ir
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import expression_text
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(x, w):
    ...     return np.sum(x * w, axis=0)
    >>> info = parse_function(f); desugar(info)
    >>> statement = normalize(info).body[1]  # out = np.sum(x_times_w, axis=0)
    >>> op = ir.note(statement).op
    >>> template = adjoint_template(op, info)
    >>> {name: expression_text(value) for name, value in bind(op, template, info).items()}
    {'a': 'x_times_w', 'axis': '0'}
    >>> sorted(differentiated_params(template))
    ['a']
"""

from __future__ import annotations

import functools
import inspect
import math
import sys
import types
from typing import Any

import gast
import numpy as np

from ..errors import MissingRuleError, TangentishError, UnsupportedConstructError
from ..ir import Op
from ..positions import positions
from ..registry import ADJOINT, REGISTRY, TANGENT, Registry, Template
from ..syntax.parse import SourceInfo
from ..syntax.printer import expression_text
from ..syntax.tree_walk import walk


def is_user_function(key: Any) -> bool:
    """A Python function to differentiate through its source.  tangentish's own runtime helpers
    never are, nor are the functions of installed packages (NumPy's Python-level functions, the
    standard library, SciPy): they have rules, or their missing rule is reported."""
    if not isinstance(key, types.FunctionType) or \
            (getattr(key, "__module__", "") or "").startswith("tangentish."):
        return False
    from ..libraries import installed_package  # (a Python function met: NumPy's ufuncs are not)

    return installed_package(key) is None


_CACHE_WRAPPER = type(functools.lru_cache(maxsize=None)(lambda: None))


def uncached(value: Any) -> Any:
    """The user's function a ``functools.lru_cache`` (or ``functools.cache``) wrapper caches,
    which is differentiated in its place (the function is taken to be pure, as caching it
    claims); the call itself stays the wrapper's, so it answers from the cache and raises
    Python's ``TypeError`` for an unhashable argument (an array) as it does.  ``value`` itself
    for anything else, and for a wrapper a rule is registered for."""
    if type(value) is not _CACHE_WRAPPER or REGISTRY.known(value) or \
            REGISTRY.has(TANGENT, value):
        return value
    wrapped = getattr(value, "__wrapped__", None)
    return wrapped if is_user_function(wrapped) else value


def passed_through(value: Any, recorder: Any = None) -> Any:
    """The user's function a pass-through wrapper of the user's calls (``def w(*args, **kwargs):
    return g(*args, **kwargs)``, either half alone too), which a call of the wrapper is
    differentiated as, its arguments bound to ``g``'s parameters (as the API differentiates the
    wrapper itself: syntax/target.py; ``recorder`` records the wrapper's look-up of ``g``, so
    another ``g`` bound there derives again); ``value`` itself for anything else."""
    code = getattr(value, "__code__", None)
    if not is_user_function(value) or code.co_argcount or code.co_kwonlyargcount or \
            not code.co_flags & (inspect.CO_VARARGS | inspect.CO_VARKEYWORDS):
        return value
    from ..syntax.target import differentiated_function  # (a wrapper's call only)

    try:
        target = differentiated_function(value, recorder)
    except TangentishError:
        return value
    return target if is_user_function(target) else value


KEYED = ("sorted(seq, key=f) and min/max(seq, key=f) are differentiated where they run first in "
          "their statement, always, and f is a lambda of one parameter, operator.itemgetter(i) or "
          "a function read from outside: compute it in a statement of its own "
          "(`best = max(xs, key=f)`)")


def bind(op: Op, template: Template, info: SourceInfo) -> dict[str, gast.expr]:
    """Map the template's parameter names to the operands the call passed.  A positional operand
    binds to the function's own parameter at its position (see :mod:`tangentish.positions`)."""
    params = template.params
    values = _positional(op, template, info)
    for key, value in op.keywords.items():
        if key == "out":  # written into, never differentiated: see activity.check_rules
            continue
        if key not in params or key in values:
            raise UnsupportedConstructError(
                f"the argument `{key}=` of {op.label} is not handled by its derivative rule "
                f"{template.name!r} ({template.origin})",
                info.location(op.node),
                hint=KEYED if key == "key" else f"drop the argument or compute it another way; "
                f"the rule takes {', '.join(params)}",
            )
        values[key] = value
    missing = [p for p in params if p not in values and p not in template.defaults]
    if missing:  # (the function may take fewer: builtin max(iterable) against max(a, b)'s rule)
        raise UnsupportedConstructError(
            f"{op.label} was called without `{missing[0]}`, which its derivative rule "
            f"{template.name!r} ({template.origin}) needs", info.location(op.node),
            hint=f"call it as the rule takes it: {', '.join(params)}")
    return values


def _positional(op: Op, template: Template, info: SourceInfo) -> dict[str, gast.expr]:
    where = template.positions or positions(op.key, template.params)
    values = {}
    for (name, param), value in zip(where.named, op.args, strict=False):
        if name == "out":  # written into, never differentiated, as by keyword: see writes_out
            continue
        if param is None:
            raise UnsupportedConstructError(
                f"the positional argument {len(values) + 1} of {op.label} is its parameter "
                f"`{name}`, which {_rule(template)} does not handle", info.location(op.node),
                hint=f"drop the argument or compute it another way; the rule takes "
                f"{', '.join(template.params)}")
        values[param] = value
    extra = op.args[len(where.named):]
    slots = where.collected or ()
    if len(extra) > len(slots):
        if where.collected is None:
            count = f"at most {len(where.named)}"
            hint = "pass the extra arguments by keyword"
        else:
            count = f"{len(where.named) + len(slots)} at most ({len(slots)} through `*{where.star}`)"
            hint = "split the call into several calls the rule handles"
        raise UnsupportedConstructError(
            f"{op.label} was called with {len(op.args)} positional arguments; {_rule(template)} takes "
            f"{count}", info.location(op.node), hint=hint)
    values.update(zip(slots, extra, strict=False))
    return values


def _rule(template: Template) -> str:
    return f"its rule {template.name!r} ({template.origin})"


WRITING = ("out", "overwrite_input", "overwrite_a", "overwrite_b")
"""Parameters through which a call may write into an array it is given (``overwrite_input``: NumPy
may reorder the input of ``np.median``/``np.quantile`` in place; ``overwrite_a``/``overwrite_b``:
SciPy's linear algebra may use its inputs as workspace)."""


def writes_out(op: Op, template: Template) -> tuple[str, ...]:
    """The parameters of :data:`WRITING` the call passes, by keyword or at their position
    (``np.cumsum(x, 0, None, buf)``): it may write into an existing array, which
    activity.check_rules refuses (unless the value is a literal ``False``, see :func:`writes`)."""
    where = template.positions or positions(op.key, template.params)
    passed = set(op.keywords) | {name for (name, _), _ in zip(where.named, op.args, strict=False)}
    return tuple(name for name in WRITING if name in passed)


def writes(op: Op, template: Template | None, names: tuple[str, ...]) -> str | None:
    """The first of ``names`` (parameters :func:`writes_out` found) whose value may make the call
    write into an array: any but a literal ``None`` (``out``) or ``False`` (a flag)."""
    where = template.positions or positions(op.key, template.params) if template else None
    for name in names:
        node = op.keywords.get(name)
        if node is None and where is not None:
            node = next((arg for (named, _), arg in zip(where.named, op.args, strict=False)
                         if named == name), None)
        if not (isinstance(node, gast.Constant) and node.value is (None if name == "out" else False)):
            return name
    return None


def differentiated_params(template: Template) -> set[str]:
    """The parameters a template assigns a derivative to (``d[p] = ...`` or ``d[y] = ...d[p]``)."""
    cached = _DIFFERENTIATED.get(id(template))
    if cached is not None and cached[0] is template:
        return cached[1]
    found = _differentiated(template)
    _DIFFERENTIATED[id(template)] = (template, found)
    return found


_DIFFERENTIATED: dict[int, tuple[Template, set[str]]] = {}


def _differentiated(template: Template) -> set[str]:
    found = set()
    for stmt in template.body:
        for node in walk(stmt):
            if (isinstance(node, gast.Subscript) and getattr(node.value, "id", None) == "d"
                    and isinstance(node.slice, gast.Name)):
                found.add(node.slice.id)
    found.discard(template.result)
    return found


def template_for(op: Op, kind: str, info: SourceInfo, registry: Registry = REGISTRY) -> Template:
    """The ``kind`` rule for ``op``, or a :class:`MissingRuleError` naming the call site."""
    template = registry.lookup(kind, op.key)
    if template is not None:
        return template
    words = "derivative" if kind == ADJOINT else "forward-mode (tangent)"
    raise MissingRuleError(f"no {words} rule for {op.label}", info.location(op.node),
                           hint=missing_rule_hint(op.key))


_RULE_HINT = ("register one with `@tangentish.extend.rule(<function>)` (or extend.adjoint and "
              "extend.tangent; see examples/custom_rule.py); declare it non-differentiable only if "
              "its output is piecewise constant in every float input")

_ARRAY_METHOD_HINTS = {  # (array methods no rule stands for, and what is differentiated instead)
    "view": "`.view()` shares the array's memory (or reads its bytes as another dtype): use the "
            "array itself, or `x.copy()`",
    "compress": "write `np.compress(condition, x, axis)`, which is differentiated",
}

_LISTED = frozenset({"insert", "remove", "clear", "reverse"})  # (a list's, not an array's)


def missing_rule_hint(key: Any) -> str:
    """What to do about a call without a rule: register one; for a class of the user's (built in
    the function, with an ``__init__`` or methods of its own), how its objects are differentiated."""
    if key == ("method", "_replace") or key is getattr(sys.modules.get("dataclasses"), "replace",
                                                       None):  # (not imported for it)
        return ("a named tuple or dataclass rebuilt with a field replaced is differentiated "
                "where the record is built in the function or is an argument under `wrt`; one "
                "held constant, given a value that varies, is not: pass it under `wrt` too (its "
                "gradient is then computed), or build the new record with its class")
    if isinstance(key, tuple) and len(key) == 2 and key[0] == "method" and \
            key[1] in _ARRAY_METHOD_HINTS:
        return (f"on an array, {_ARRAY_METHOD_HINTS[key[1]]} (a method of an object of yours: "
                "build the object outside and differentiate its method, "
                "`tangentish.grad(obj.method)`)")
    if isinstance(key, tuple) and len(key) == 2 and key[0] == "method" and key[1] in _LISTED:
        return (f"`.{key[1]}()` is a list's method: it is differentiated on a list the function "
                "makes (a display, `list(...)`, a comprehension), not on one it is handed (a "
                f"parameter, whose change the caller would see): copy it first, `xs = list(xs)`, "
                f"then `xs.{key[1]}(...)`")
    if isinstance(key, tuple) and len(key) == 2 and key[0] == "method":
        module = f"np.{key[1]}" if hasattr(np, key[1]) else f"math.{key[1]}" if hasattr(
            math, key[1]) else None  # (``xp.exp(x)``, ``xp`` a module: array-API style)
        prefix = "" if module is None else (
            f"if its object is a module (array-API style, `xp = np`), call `{module}(...)` by "
            "the module's own global name; ")
        return (f"`.{key[1]}()` is no array method with a rule; {prefix}if it is a method of an "
                "object built in the function, such objects are differentiated only as "
                "dataclasses whose `__init__` only stores their fields, or named tuples, read "
                "through their fields: build the object outside and differentiate its method "
                "(`tangentish.grad(obj.method)`, which reads `self` as constant), or call a "
                f"function of yours on its arrays; or {_RULE_HINT}")
    if key == ("attribute", "flat"):
        return ("`x.flat` is differentiated where it is indexed (`x.flat[i]`, a read); as a "
                "value (an iterator), iterate or pass `np.ravel(x)` instead")
    from ..rule_gaps import left_out  # (on this error only)

    gap = left_out(key)
    if gap is not None:  # (a NumPy or math function without a rule on purpose: why)
        return f"`{gap[0]}` is left without a rule on purpose: {gap[1]}"
    module = sys.modules.get(getattr(key, "__module__", None) or "")
    filename = getattr(module, "__file__", None)
    from ..libraries import in_library

    if not isinstance(key, type) or not filename or in_library(filename):
        return _RULE_HINT
    init = getattr(getattr(key, "__init__", None), "__code__", None)
    star = init.co_varnames[init.co_argcount] if init is not None and \
        init.co_flags & inspect.CO_VARARGS else None
    starred = "" if star is None else (
        f" (its `__init__` takes `*{star}`, read only by items at constant indices, "
        f"`self.w = {star}[0]`, each handed a name or a constant; not `{star}` whole, "
        f"`len({star})` or a loop over it)")
    return (f"`{key.__name__}` is a class: one built in the function is differentiated only when "
            "it is a dataclass whose `__init__` only stores its fields (its `__post_init__`, if "
            "any, arithmetic of them: `self.b = 2 * self.a`), a class whose `__init__` "
            "only stores its arguments, constants and arithmetic of them (`self.a = a`, "
            f"`self.b = 2 * a`; no calls, no globals){starred}, or a named tuple, read through its "
            f"fields; otherwise build the object outside and differentiate its method "
            f"(`tangentish.grad(obj.method)`, which reads `self` as constant), pass its arrays as "
            f"arguments, or {_RULE_HINT}")


def adjoint_template(op: Op, info: SourceInfo, registry: Registry = REGISTRY) -> Template:
    return template_for(op, ADJOINT, info, registry)


def tangent_template(op: Op, info: SourceInfo, registry: Registry = REGISTRY) -> Template:
    return template_for(op, TANGENT, info, registry)


def receiver_error(op: Op, param: str, info: SourceInfo) -> UnsupportedConstructError:
    """The refusal of ``r.m(v)`` read as an array method (``xp.sum(v)`` as ``np.sum(xp, v)``)
    where ``r`` does not vary and a value that varies reaches a parameter the method's rule
    does not differentiate (an axis, a shape, an index): on an array the call would fail there,
    so ``r`` is something else, most often a module (``xp = np``, array-API style), whose
    function's derivative would be taken as zero."""
    spelled = expression_text(op.node.func) if isinstance(op.node, gast.Call) else op.label
    receiver = spelled.rpartition(".")[0] or "the receiver"
    return UnsupportedConstructError(
        f"`{spelled}(...)` is read as {op.label} of an array `{receiver}`, but a value that "
        f"varies with the differentiated arguments reaches its parameter {param!r}, which "
        f"no array method differentiates: `{receiver}` is probably a module or another "
        "object (array-API style, `xp = np`), whose call tangentish cannot follow",
        info.location(op.node), hint="call the function by the module's own global name "
        f"(`np.{spelled.rpartition('.')[2]}(...)`), or import it where the function can see it")
