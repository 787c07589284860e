"""The rule-author API: teach tangentish the derivative of a function.

Shortcuts state the math once and make both rules, the adjoint (reverse mode) and the tangent
(forward mode)::

    from tangentish.extend import d, elementwise, linear, non_differentiable

    elementwise(np.tanh, lambda y, x: 1.0 - y * y)                 # dy/dx, from x and y
    elementwise(np.multiply, lambda z, a, b: b, lambda z, a, b: a)   # one partial per operand
    linear(np.cumsum, lambda r, a, axis=None: _rt.uncumsum(d[r], a, axis=axis))
    non_differentiable(np.sign, np.floor)

``elementwise`` takes one partial derivative per operand; the adjoint multiplies the result's
adjoint by it (and un-broadcasts it to the operand's shape when there are several operands), the
tangent sums the operands' tangents times their partials.  A partial ``_rt.no_derivative(a, "f in
its a")`` refuses that operand in both modes.  ``linear`` takes the adjoint of a map that is linear
in its first parameter (or, given ``{a: ..., b: ...}``, in each of several separately, like
``np.dot``); its tangent is the map itself applied to the tangent.  A tuple of
functions declares twins at once (``(np.sin, math.sin)``); for a function of the ``math`` module the
partials are spelled with ``math`` instead of ``np`` (``math.cos(x)``) and nothing is un-broadcast.

Derivatives that need control (``if given(p):``, ties) are written as full templates, with
:func:`rule` (both halves at once) or the :func:`adjoint` and :func:`tangent` decorators: Python
functions that are parsed, never run, whose first parameter is the result and the others the
function's parameters under their own names; ``d[x]`` is the derivative of ``x``.  Inside templates
and shortcuts ``np`` is NumPy, ``math`` the math module and ``_rt`` :mod:`tangentish.runtime`.

Why lambdas and not strings: a lambda names the result and the parameters itself (``lambda r, y,
x: ...`` for ``math.atan2(y, x)``), linters check its names and editors highlight it, and it is
parsed from its file exactly like a template (it is never called).  Every shortcut is checked when
it is registered: parameter names against the function's signature, in its order.  (tangentish's
own rules are registered unparsed and parsed and checked at their first lookup: importing them
parses nothing.)
"""

from __future__ import annotations

import functools
import inspect
import operator
from collections import ChainMap
from collections.abc import Callable, Hashable
from typing import Any

import gast
import numpy as np

from .errors import RuleDefinitionError
from .registry import ADJOINT, REGISTRY, TANGENT, Template
from .registry import non_differentiable as non_differentiable  # (public here)
from .registry import singular as singular  # (public here)
from .rule_forms import (
    Shortcut,
    apply,
    check_parameters,
    contribution,
    d_of,
    in_math,
    is_one,
    is_refusal,
    is_scalar,
    label_of,
    parse_shortcut,
    reads_derivatives,
    refused_tangent,
    set_d,
    signature_of,
    spelling,
    times,
    total,
)
from .rule_source import guarded, parse_template
from .syntax import build

POSITIONAL_ONLY = inspect.Parameter.POSITIONAL_ONLY

# One function, or twins declared together: (np.sin, math.sin).
Functions = Hashable | tuple[Hashable, ...]


class _DerivativeMarker:
    """``d[x]`` inside a template; using it anywhere else is a mistake."""

    def __getitem__(self, item: Any) -> Any:
        raise TypeError("d[...] only has a meaning inside a derivative template, which is never run")

    def __repr__(self) -> str:
        return "d"


d = _DerivativeMarker()


def given(parameter: Any) -> bool:
    """``if given(axis): ... else: ...`` in a template picks a branch by whether the call passed
    ``axis``.  It is decided when the template is instantiated; calling it at run time is an error."""
    raise TypeError("given(...) only has a meaning inside a derivative template, which is never run")


def _each(fns: Functions) -> tuple[Hashable, ...]:
    return fns if isinstance(fns, tuple) else (fns,)


def _deferred(owner: Any) -> bool:
    """Whether the rules ``owner`` (a template, a lambda, a rule class) states wait for their first
    lookup to be parsed: tangentish's own do (the test suite parses and checks every one); a
    user's rule is parsed and checked as it is registered (a mistake reported at its line)."""
    return str(getattr(owner, "__module__", None) or "").startswith("tangentish.rules.")


# Which templates a maker builds: one ``(kind, key)`` slot, or every one (``None``).
Only = tuple[str, Hashable] | None


def _wanted(only: Only, kind: str, fn: Hashable) -> bool:
    return only is None or (only[0] == kind and only[1] == fn)


def _submit(owner: Any, slots: list[tuple[str, Hashable]],
            make: Callable[[Only], list[Template]]) -> None:
    """Register the templates ``make(None)`` builds, one per ``(kind, key)`` of ``slots``, each
    checked against its function's signature: now, or (see :func:`_deferred`) one at a time at
    its first lookup, ``make(slot)`` building that template alone (a ``grad()`` needs no tangent,
    nor the other twins).  Checks spanning a registration (a :func:`rule`'s halves take the same
    parameters) run when it is built whole: a user's rule at once; tangentish's in the tests."""
    if not _deferred(owner):
        templates = [check_parameters(t.key, t) for t in make(None)]
        for template in templates:
            REGISTRY.add_template(template)
        return
    for slot in slots:
        REGISTRY.add_pending(*slot, functools.partial(_pick, make, slot))


def _pick(make: Callable[[Only], list[Template]], slot: tuple[str, Hashable]) -> Template:
    """The template of ``slot``, built alone and checked (at its first lookup)."""
    for template in make(slot):
        if (template.kind, template.key) == slot:
            return check_parameters(template.key, template)
    raise RuleDefinitionError(f"no {slot[0]} template was made for {label_of(slot[1])}",
                              hint="a rule maker must build the slot it is asked for")


def _pairs(fns: Functions, kinds: tuple[str, ...] = (ADJOINT, TANGENT)) -> list[tuple]:
    return [(kind, fn) for fn in _each(fns) for kind in kinds]


def _register(kind: str, fns: Functions) -> Callable[[Callable], Callable]:
    def decorator(template_fn: Callable) -> Callable:
        _submit(template_fn, _pairs(fns, (kind,)),
                lambda only: [parse_template(template_fn, fn, kind) for fn in _each(fns)
                              if _wanted(only, kind, fn)])
        return template_fn

    return decorator


def adjoint(fn: Functions) -> Callable[[Callable], Callable]:
    """Register the decorated template as the reverse-mode rule of ``fn``."""
    return _register(ADJOINT, fn)


def tangent(fn: Functions) -> Callable[[Callable], Callable]:
    """Register the decorated template as the forward-mode rule of ``fn``."""
    return _register(TANGENT, fn)


def returns_sequence(*fns: Hashable) -> None:
    """Declare that calls of ``fns`` may return a list or tuple (``np.split``): a zero derivative of
    the result is then made item by item, never by ``np.zeros_like``; see listed_values.py."""
    REGISTRY.add_sequence_result(*fns)


def rule(fn: Functions) -> Callable[[type], type]:
    """Register both derivatives of ``fn`` at once, from a class with an ``adjoint`` and a
    ``tangent`` template (a missing half is an error here, not later), after its ``guard``
    template's statements if it has one (a subclass takes the halves after its own guard)::

        @rule(softplus)
        class Softplus:
            def adjoint(y, x):
                d[x] = d[y] / (1.0 + np.exp(-x))

            def tangent(y, x):
                d[y] = d[x] / (1.0 + np.exp(-x))    """

    def decorator(cls: type) -> type:
        halves = {kind: getattr(cls, kind, None) for kind in (ADJOINT, TANGENT)}
        missing = [kind for kind, value in halves.items() if value is None]
        if missing:
            raise RuleDefinitionError(
                f"the rule {cls.__name__} for {_label(fn)} has no {' and no '.join(missing)} template",
                hint="define both `def adjoint(y, ...)` and `def tangent(y, ...)` in the class")
        _submit(cls, _pairs(fn), lambda only: _rule_templates(fn, cls, halves, only))
        return cls

    return decorator


def _label(fn: Functions) -> str:
    return ", ".join(label_of(f) for f in _each(fn))


def _rule_templates(fn: Functions, cls: type, halves: dict[str, Any], only: Only
                    ) -> list[Template]:
    templates = [guarded(parse_template(value, None, kind), cls) for kind, value in halves.items()
                 if only is None or only[0] == kind]
    shapes = [[t.result, *t.params] for t in templates]
    if only is None and shapes[0] != shapes[1]:
        raise RuleDefinitionError(
            f"the rule {cls.__name__} for {_label(fn)}: adjoint and tangent take different "
            f"parameters ({shapes[0]} vs {shapes[1]})",
            hint="give both templates the same parameters: the result, then the arguments")
    return [t.replace(key=f) for f in _each(fn) for t in templates
            if _wanted(only, t.kind, f)]


def elementwise(fn: Functions, *partials: Callable) -> None:
    """Register ``fn``, elementwise in its operands, from one partial derivative per operand::

        elementwise(np.tanh, lambda y, x: 1.0 - y * y)
        elementwise(np.divide, lambda y, x1, x2: 1.0 / x2, lambda y, x1, x2: -y / x2)

    Each partial is a lambda of the result and the operands (the same parameters for each), giving
    the derivative of the result with respect to its operand.  Adjoint: ``d[x] = d[y] * partial``,
    un-broadcast to ``x``'s shape when there are several operands; tangent: ``d[y]`` is the sum of
    ``d[x] * partial`` over the operands.  A tuple ``fn`` declares twins with the same math (a list
    operand is made an array before the call, as a ufunc makes it: passes/array_operands.py)."""
    _submit(partials[0] if partials else None, _pairs(fn),
            lambda only: _elementwise_templates(fn, partials, only))
    REGISTRY.elementwise.update(_each(fn))


def _elementwise_templates(fn: Functions, partials: tuple[Callable, ...], only: Only
                           ) -> list[Template]:
    made = []
    label = _label(fn)
    lambdas = [parse_shortcut(p, f"partial {i + 1} of {label}") for i, p in enumerate(partials)]
    first = lambdas[0] if lambdas else None
    if first is None or len(lambdas) != len(first.params) or any(
            [lam.result, *lam.params] != [first.result, *first.params] for lam in lambdas):
        raise RuleDefinitionError(
            f"elementwise({label}) needs one partial per operand, each a lambda of the result and "
            f"all the operands; got {len(lambdas)} for {first.params if first else []}",
            hint="elementwise(fn, lambda z, a, b: <dz/da>, lambda z, a, b: <dz/db>)")
    for lam in lambdas:
        if reads_derivatives(lam.body):
            raise RuleDefinitionError(
                f"a partial of {label} ({lam.origin}) uses d[...]; a partial is a function of "
                "the values only", hint="write the partial derivative, e.g. `lambda y, x: 2.0 * x`")
    for target in _each(fn):
        if not (_wanted(only, ADJOINT, target) or _wanted(only, TANGENT, target)):
            continue
        if isinstance(target, np.ufunc) and target.nin != len(first.params):
            raise RuleDefinitionError(
                f"elementwise({label_of(target)}) ({first.origin}): the ufunc takes {target.nin} "
                f"operands, the partials {len(first.params)}",
                hint="give one partial per operand, each taking the result and every operand")
        exprs = [in_math(lam.body, target in REGISTRY.singular) if is_scalar(target)  # (as
                 else lam.body for lam in lambdas]  # declared: is_singular would provide fn)
        if _wanted(only, ADJOINT, target):
            made.append(first.template(target, ADJOINT, _elementwise_adjoints(
                first, exprs, spread=len(exprs) > 1 and not is_scalar(target))))
        if _wanted(only, TANGENT, target):
            made.append(first.template(target, TANGENT, [_elementwise_tangent(first, exprs)]))
    return made


def _elementwise_adjoints(first: Shortcut, exprs: list[gast.expr], spread: bool
                          ) -> list[gast.stmt]:
    names = frozenset([first.result, *first.params])
    adjoints = []
    for param, expr in zip(first.params, exprs, strict=True):
        adjoints.append(set_d(param, contribution(d_of(first.result), param, expr, names, spread)))
    return adjoints


def _elementwise_tangent(first: Shortcut, exprs: list[gast.expr]) -> gast.stmt:
    names = frozenset([first.result, *first.params])
    # The product rule as it is written: d[a] * b + a * d[b].
    tangents = [refused_tangent(p, e) if is_refusal(e) else build.binop(e, "*", d_of(p))
                if i and isinstance(e, (gast.Name, gast.Constant)) and not is_one(e)
                and getattr(e, "value", 1) != 0 else times(d_of(p), e, names)
                for i, (p, e) in enumerate(zip(first.params, exprs, strict=True))]
    return set_d(first.result, total(tangents))


_OPERATOR_SYNTAX = {operator.getitem: "getitem", operator.matmul: "matmul", np.matmul: "matmul"}
# (the tangent of a product reads `d[a] @ b + a @ d[b]` for np.matmul too)
_MACHINERY = frozenset({"d", "given", "np", "math", "_rt"})


def _callee(fn: Any, taken: list[str], role: str) -> tuple[gast.expr, dict[str, Any]]:
    """How generated code names ``fn``: ``np.transpose``..., or a name passed to it."""
    spelled = spelling(fn)
    if spelled is not None:
        return spelled, {}
    own = getattr(fn, "__name__", "")
    alias = own if own.isidentifier() and own not in taken and own not in _MACHINERY else role
    return build.name(alias), {alias: fn}


def _applier(fn: Any, params: list[str], defaults: dict[str, Any], linear_in: list[str],
             keep_all: bool = False) -> tuple[Callable[[str], gast.expr], dict[str, Any]]:
    """``p → fn(..., d[p], ...)``: ``fn`` with its parameter ``p`` replaced by its derivative.
    Parameters up to the last one that must be positional are passed by position, the others by
    keyword (so one the call left out is dropped); ``out`` is never passed on."""
    func, names = _callee(fn, params, "_apply")
    signature = signature_of(fn)
    kinds = [p.kind for p in signature.parameters.values()] if signature else []
    positional = [i for i, p in enumerate(params) if keep_all or p in linear_in
                  or p not in defaults or (i < len(kinds) and kinds[i] is POSITIONAL_ONLY)]
    count = max(positional) + 1

    def call(p: str) -> gast.expr:
        value = {q: d_of(q) if q == p else build.name(q) for q in params}
        keywords = {q: value[q] for q in params[count:] if q != "out"}
        return apply(func, [value[q] for q in params[:count]], keywords,
                     _OPERATOR_SYNTAX.get(fn) if isinstance(fn, Hashable) else None)

    return call, names


def linear(fn: Functions, adjoint: Callable | None = None, *,
           transpose: Callable | None = None) -> None:
    """Register ``fn``, a linear map of its first parameter, from its adjoint::

        linear(np.transpose, lambda out, a, axes=None:
               np.transpose(d[out], axes=_rt.inverse_permutation(axes)))
        linear(np.dot, lambda out, a, b: {a: _rt.dot_left(d[out], a, b),
                                          b: _rt.dot_right(d[out], a, b)})

    ``adjoint`` is a lambda of the result and the parameters the rule accepts, giving ``d[a]`` from
    ``d[out]``; a dict ``{a: ..., b: ...}`` gives the adjoints of a map that is linear in each of
    several parameters separately (a product).  The tangent is ``fn`` itself applied to the
    tangent (summed over those parameters).  Without ``adjoint``, ``transpose(g, *others)`` is the
    adjoint (``fn`` itself when omitted: a self-adjoint map), with every parameter of ``fn``."""
    if adjoint is None:
        for target in _each(fn):
            _submit(transpose, _pairs(target),
                    functools.partial(_linear_with_transpose, target, transpose))
        return
    _submit(adjoint, _pairs(fn), lambda only: _linear_templates(fn, adjoint, transpose, only))


def _linear_templates(fn: Functions, adjoint: Callable, transpose: Callable | None, only: Only
                      ) -> list[Template]:
    label = _label(fn)
    lam = parse_shortcut(adjoint, f"the adjoint of {label}")
    pairs = (list(zip(lam.body.keys, lam.body.values, strict=True))
             if isinstance(lam.body, gast.Dict) else [(build.name(lam.params[0]), lam.body)])
    targets = [getattr(key, "id", None) for key, _ in pairs]
    unique = len(set(targets)) == len(targets)
    if transpose is not None or not set(targets) <= set(lam.params) or not unique:
        raise RuleDefinitionError(
            f"linear({label}) ({lam.origin}): give one adjoint per parameter of {lam.params}, "
            f"not {targets}" + (" (and no transpose= with it)" if transpose is not None else ""),
            hint="linear(fn, lambda out, a: <d[a] from d[out]>) or a dict {a: ..., b: ...}")
    for target, (_, value) in zip(targets, pairs, strict=True):
        if reads_derivatives(value) != {lam.result}:
            raise RuleDefinitionError(
                f"the adjoint of {target} in linear({label}) ({lam.origin}) must read "
                f"d[{lam.result}] and no other derivative",
                hint="write the adjoint of the parameter from the result's adjoint d[result]")
    body = [set_d(t, value) for t, (_, value) in zip(targets, pairs, strict=True)]
    made = []
    for each in _each(fn):
        if not (_wanted(only, ADJOINT, each) or _wanted(only, TANGENT, each)):
            continue
        call, names = _applier(each, lam.params, lam.defaults, targets)
        namespace = ChainMap(names, lam.namespace) if names else None
        if _wanted(only, ADJOINT, each):
            made.append(lam.template(each, ADJOINT, body, namespace))
        if _wanted(only, TANGENT, each):
            made.append(lam.template(each, TANGENT,
                                     [set_d(lam.result, total([call(t) for t in targets]))],
                                     namespace))
    return made


def _linear_with_transpose(fn: Hashable, transpose: Callable | None, only: Only = None
                           ) -> list[Template]:
    signature = signature_of(fn)
    if signature is None:
        raise RuleDefinitionError(
            f"linear({fn!r}) needs a function whose parameters can be read",
            hint="give the adjoint as a lambda: linear(fn, lambda y, x, ...: <d[x] from d[y]>)")
    names = list(signature.parameters)
    defaults = {p.name: gast.Constant(value=p.default, kind=None)
                for p in signature.parameters.values()
                if p.default is not p.empty and isinstance(p.default, (int, float, str, type(None)))}
    lam = Shortcut("_result", names, defaults, build.name("_result"), f"linear({label_of(fn)})", {})
    back, back_names = _callee(fn if transpose is None else transpose, names, "_transpose")
    forward, forward_names = _applier(fn, names, defaults, [names[0]], keep_all=True)
    namespace = {**back_names, **forward_names}
    rest = [build.name(n) for n in names[1:]]
    adjoint_body = [set_d(names[0], apply(back, [d_of("_result"), *rest], {}))]
    return [lam.template(fn, kind, body, namespace) for kind, body in (
        (ADJOINT, adjoint_body), (TANGENT, [set_d("_result", forward(names[0]))]))
        if _wanted(only, kind, fn)]
