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

from collections.abc import Callable, Hashable
from typing import Any

from .registry import ADJOINT, REGISTRY, TANGENT, parse_template


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
        REGISTRY.add_template(parse_template(template_fn, key, kind))
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
