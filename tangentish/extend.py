"""The rule-author API: teach tangentish the derivative of a function.

::

    from tangentish.extend import adjoint, d

    @adjoint(my_softplus)
    def softplus_adjoint(y, x):
        d[x] = d[y] / (1.0 + np.exp(-x))

The template is parsed, never run.  ``d[x]`` is the derivative of ``x``; the first parameter is the
result, the others are the function's parameters under their own names (defaults allowed);
``if given(p):`` chooses code by whether the call passed ``p``.  Inside templates ``np`` is NumPy
and ``_rt`` is :mod:`tangentish.runtime`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Hashable
from typing import Any

import gast

from .errors import RuleDefinitionError
from .registry import ADJOINT, REGISTRY, TANGENT, Template, parse_template


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


def _register(kind: str, key: Hashable) -> Callable[[Callable], Callable]:
    def decorator(template_fn: Callable) -> Callable:
        template = parse_template(template_fn, key, kind)
        _check_parameters(key, template)
        REGISTRY.add_template(template)
        return template_fn

    return decorator


def adjoint(fn: Hashable) -> Callable[[Callable], Callable]:
    """Register the decorated template as the reverse-mode rule of ``fn``."""
    return _register(ADJOINT, fn)


def tangent(fn: Hashable) -> Callable[[Callable], Callable]:
    """Register the decorated template as the forward-mode rule of ``fn``."""
    return _register(TANGENT, fn)


def non_differentiable(*fns: Hashable) -> None:
    """Declare that the outputs of ``fns`` carry no derivative (shapes, indices, rounding...)."""
    for fn in fns:
        REGISTRY.add_nondifferentiable(fn)


def _check_parameters(fn: Hashable, template: Template) -> None:
    """Template parameters must be the function's own parameter names (when it has a signature)."""
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):
        return
    parameters = list(signature.parameters.values())
    names = [p.name for p in parameters]
    positional_only = {i for i, p in enumerate(parameters) if p.kind is p.POSITIONAL_ONLY}
    unknown = [p for i, p in enumerate(template.params)
               if p not in names and i not in positional_only]
    if unknown:
        raise RuleDefinitionError(
            f"rule {template.name!r} ({template.origin}) names parameters {unknown} that "
            f"{getattr(fn, '__qualname__', fn)} does not have",
            hint=f"after the result, list the function's parameters by name: {names}")


def rule(fn: Hashable) -> Callable[[type], type]:
    """Register both derivatives of ``fn`` at once, from a class with an ``adjoint`` and a
    ``tangent`` template (the recommended way: a missing half is an error here, not later)::

        @rule(softplus)
        class Softplus:
            def adjoint(y, x):
                d[x] = d[y] / (1.0 + np.exp(-x))

            def tangent(y, x):
                d[y] = d[x] / (1.0 + np.exp(-x))
    """

    def decorator(cls: type) -> type:
        label = getattr(fn, "__qualname__", repr(fn))
        halves = {kind: cls.__dict__.get(kind) for kind in (ADJOINT, TANGENT)}
        missing = [kind for kind, value in halves.items() if value is None]
        if missing:
            raise RuleDefinitionError(
                f"the rule {cls.__name__} for {label} has no {' and no '.join(missing)} template",
                hint="define both `def adjoint(y, ...)` and `def tangent(y, ...)` in the class")
        templates = {kind: parse_template(value, fn, kind) for kind, value in halves.items()}
        adjoint_t, tangent_t = templates[ADJOINT], templates[TANGENT]
        if [adjoint_t.result, *adjoint_t.params] != [tangent_t.result, *tangent_t.params]:
            raise RuleDefinitionError(
                f"the rule {cls.__name__} for {label}: adjoint and tangent take different "
                f"parameters ({[adjoint_t.result, *adjoint_t.params]} vs "
                f"{[tangent_t.result, *tangent_t.params]})",
                hint="give both templates the same parameters: the result, then the arguments")
        for template in templates.values():
            _check_parameters(fn, template)
        for template in templates.values():
            REGISTRY.add_template(template)
        return cls

    return decorator


def linear(fn: Hashable, *, transpose: Callable | None = None) -> None:
    """Register ``fn``, linear in its first argument, from itself and its transpose:
    the tangent applies ``fn`` to the tangent, the adjoint applies ``transpose`` (``fn`` itself when
    omitted: a self-adjoint map) to the output's adjoint, with the other arguments unchanged."""
    try:
        names = list(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        raise RuleDefinitionError(
            f"linear({fn!r}) needs a function whose parameters can be read",
            hint="write the rule with tangentish.extend.rule instead") from None
    transpose = fn if transpose is None else transpose
    first, rest = names[0], names[1:]
    label = getattr(fn, "__name__", "linear")
    origin = f"linear({label})"
    args = "".join(f", {r}" for r in rest)
    spelled = {}
    for role, function in (("_transpose", transpose), ("_apply", fn)):
        own = getattr(function, "__name__", "")
        spelled[role] = own if own.isidentifier() and own not in names else role
    namespace = {spelled["_transpose"]: transpose, spelled["_apply"]: fn}
    for kind, text in ((ADJOINT, f"d[{first}] = {spelled['_transpose']}(d[_result]{args})"),
                       (TANGENT, f"d[_result] = {spelled['_apply']}(d[{first}]{args})")):
        REGISTRY.add_template(Template(
            key=fn, kind=kind, name=f"{label}_{kind}", result="_result", params=names,
            defaults={}, body=gast.parse(text).body, origin=origin, namespace=namespace))
