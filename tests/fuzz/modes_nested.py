"""The ``nested`` mode: a transform of a generated derivative, as people compose them.

The plan's seed picks one composition of ``g = grad(f, wrt=inner)`` (``inner`` and ``outer`` are
the plan's two parameters, maybe the same):

    jvp(g, wrt=outer)(*args, outer_dot=t)       (g's value, d g / d outer along t)
    value_and_grad(g, wrt=outer)(*args)         (g's value, d g / d outer), for a scalar inner
    vjp(g, wrt=outer)(*args)                    (g's value, pullback); pullback(u): u . d g / d outer
    jacobian(g, wrt=outer, mode=m)(*args)       d g / d outer, inner.shape + outer.shape, by rows
                                                (m = "rev") or by columns ("fwd"); checked as u . J

The value must be tangentish's first-order gradient (checked against finite differences), and
the derivative must match finite differences of that verified gradient (as grad of grad does in
``modes.check_gradgrad``): a second-order check of every mode composed with reverse mode.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import oracle
from .checks import Case, Wrong, expect_close, expect_like, pair
from .plan import Plan, render_item

KINDS = ("jvp_grad", "value_and_grad_grad", "vjp_grad", "jacobian_grad")


class _Weighted:
    """A probe of ``sum(u * g(args))`` from a probe of ``g`` (its ``scale`` read through)."""

    def __init__(self, probe: oracle.Probe, weights: Any):
        self.probe, self.weights = probe, weights

    @property
    def scale(self) -> float:
        return getattr(self.probe, "scale", 0.0)

    def __call__(self, args: list[Any]) -> tuple[np.ndarray, tuple]:
        value, path = self.probe(args)
        return np.asarray(np.sum(self.weights * value)), path

    def wider(self) -> _Weighted | None:
        """The same in extended precision, where the probe has that (``modes._wider_gradient``)."""
        wider = getattr(self.probe, "wider", None)
        probe = None if wider is None else wider()
        return None if probe is None else _Weighted(probe, self.weights)


def _draw(like: Any, rng: np.random.Generator) -> Any:
    if isinstance(like, np.ndarray):
        return rng.standard_normal(like.shape)
    return float(rng.standard_normal())


def check_nested(case: Case, plan: Plan, args: list[Any], api: Any, verified, expect) -> None:
    """``verified(case, name, wrt, api)`` is the probe of the checked gradient and ``expect(measure,
    measure_args, result, label)`` the second-order comparison (both from ``modes``)."""
    inner, outer = plan.wrt[0], plan.second
    inner_wrt, outer_wrt = render_item(case.program, *inner), render_item(case.program, *outer)
    inner_at, outer_at = case.program.position(inner[0]), case.program.position(outer[0])
    rng = plan.rng()
    kind = KINDS[int(rng.integers(len(KINDS)))]
    if kind == "value_and_grad_grad" and isinstance(case.inputs[inner_at], np.ndarray):
        kind = "vjp_grad"
    label = f"{kind} for {inner[0]}, {outer[0]}"
    gradient = api.grad(case.fn, wrt=inner_wrt)
    if kind == "jvp_grad":
        tangent = _draw(case.inputs[outer_at], rng)
        value, result = pair(api.jvp(gradient, wrt=outer_wrt)(
            *args, **{f"{outer[0]}_dot": tangent}), label)
        like = case.inputs[inner_at]
    elif kind == "value_and_grad_grad":
        value, result = pair(api.value_and_grad(gradient, wrt=outer_wrt)(*args), label)
        like = case.inputs[outer_at]
    elif kind == "vjp_grad":
        value, pullback = pair(api.vjp(gradient, wrt=outer_wrt)(*args), label)
        weights = _draw(case.inputs[inner_at], rng)
        result = pullback(weights)
        like = case.inputs[outer_at]
    else:
        value, weights = None, _draw(case.inputs[inner_at], rng)
        label += ", " + (how := ("rev", "fwd")[int(rng.integers(2))])
        result = _contracted(api.jacobian(gradient, wrt=outer_wrt, mode=how, progress=False)(*args),
                             weights, case.inputs[inner_at], case.inputs[outer_at], label)
        like = case.inputs[outer_at]
    if value is not None:
        expect_like(value, case.inputs[inner_at], f"{label}: value")
        expect_close(case.gradient[inner[0]], value, f"{label}: value")
    expect_like(result, like, label)
    probe = verified(case, inner[0], inner_wrt, api)
    if kind == "jvp_grad":
        expect(oracle.directional, (probe, case.inputs, outer_at, tangent), result, label)
    elif kind == "value_and_grad_grad":
        expect(oracle.partials, (probe, case.inputs, outer_at), result, label)
    else:  # (vjp_grad and jacobian_grad: u . d g / d outer)
        expect(oracle.partials, (_Weighted(probe, weights), case.inputs, outer_at), result, label)


def _contracted(jacobian: Any, weights: Any, inner: Any, outer: Any, label: str) -> Any:
    """``u . J`` of a Jacobian ``J`` of ``g`` (``inner``'s shape, as ``g``'s value) with respect to
    ``outer`` (``inner.shape + outer.shape``, checked), like ``outer``: a number for a float."""
    shape = np.shape(inner) + np.shape(outer)
    if np.shape(jacobian) != shape:
        raise Wrong(f"{label}: Jacobian of shape {np.shape(jacobian)}, expected {shape}")
    result = np.tensordot(np.asarray(weights), np.asarray(jacobian), axes=np.ndim(inner))
    return result if isinstance(outer, np.ndarray) else type(outer)(result)
