"""The ``float32`` mode: the program called with float32 arguments (arrays as float32 arrays, floats
as ``np.float32`` scalars), every transform's results checked against the README's dtype rules and
its values against finite differences at the float64 point the float32 inputs stand for.

Rules: a gradient (of ``value_and_grad``, ``vjp``'s pullback, ``hvp``) has its argument's dtype and
kind (an array for an array, a NumPy scalar for a NumPy scalar), a ``hessian`` its argument's dtype;
a value is of the type and dtype ``f`` returns at those arguments; a ``jvp`` tangent has the
output's floating dtype (a Python float's is float64) and is a scalar where the output is.

The values are judged loosely (1e-2 of the gradient's scale beyond the reference's error): float32
intermediates round at 1e-7, which conditioning amplifies, and the point is the dtypes and gross
errors (a value cast where it must not be).  A point where the float32 value is off the float64
one by more than 1e-3, or its control-flow path differs, cannot be judged (``Invalid``).
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np

from . import oracle
from .checks import Case, Invalid, Wrong, kind_of
from .plan import Plan

SCALE_TOLERANCE = 1e-2
VALUE_TOLERANCE = 1e-3


def as_float32(inputs: list[Any]) -> list[Any]:
    """Float arguments as float32 (ints, the loop bounds, as they are)."""
    return [v.astype(np.float32) if isinstance(v, np.ndarray) else
            np.float32(v) if isinstance(v, float) else v for v in inputs]


def standing_for(inputs32: list[Any]) -> list[Any]:
    """The float64 point the float32 inputs stand for (floats as Python floats)."""
    return [v.astype(np.float64) if isinstance(v, np.ndarray) else
            float(v) if isinstance(v, np.floating) else v for v in inputs32]


def _floating(value: Any) -> np.dtype:
    dtype = getattr(value, "dtype", None)
    return dtype if dtype is not None and dtype.kind == "f" else np.dtype(np.float64)


def _expect_kind(result: Any, like: Any, label: str) -> None:
    """Of ``like``'s dtype; an ndarray of its shape for an array, a NumPy scalar for a scalar."""
    if isinstance(result, (tuple, list, dict)) or result is None:
        raise Wrong(f"{label}: a {type(result).__name__}, expected shape {np.shape(like)}")
    if np.shape(result) != np.shape(like):
        raise Wrong(f"{label}: shape {np.shape(result)}, expected {np.shape(like)}")
    if np.asarray(result).dtype != _floating(like):
        raise Wrong(f"{label}: dtype {np.asarray(result).dtype}, expected {_floating(like)} "
                    f"(its argument's)")
    array = isinstance(like, np.ndarray) and like.ndim > 0
    if array != isinstance(result, np.ndarray) or not (array or isinstance(result, np.generic)):
        raise Wrong(f"{label}: a {type(result).__name__} for an argument of type "
                    f"{type(like).__name__} (expected {'an array' if array else 'a NumPy scalar'})")


def _expect_value(value: Any, returned: Any, label: str) -> None:
    if kind_of(value) != kind_of(returned):
        raise Wrong(f"{label}: a {type(value).__name__} of dtype {getattr(value, 'dtype', None)} "
                    f"where f returns a {type(returned).__name__} of dtype "
                    f"{getattr(returned, 'dtype', None)} at float32 arguments")
    want = float(returned)
    if not abs(float(value) - want) <= 1e-4 * max(1.0, abs(want)):
        raise Wrong(f"{label}: got {float(value)!r}, f returns {want!r} at float32 arguments")


def _expect_near(reference: oracle.Estimate, result: Any, label: str) -> None:
    got = np.asarray(result, dtype=np.float64)
    scale = max(1.0, float(np.max(np.abs(reference.value), initial=0.0)))
    bad = np.abs(got - reference.value) > SCALE_TOLERANCE * scale + 2.0 * reference.error
    if np.any(bad):
        raise Wrong(f"{label}: {np.ravel(got)[:4]} at float32 arguments, finite differences at the "
                    f"float64 point give {np.ravel(reference.value)[:4]} (float32 tolerance)")


def _point(case: Case) -> tuple[list[Any], list[Any], Any]:
    """``(float32 inputs, the float64 point, f's value at the float32 inputs)``, or Invalid."""
    inputs32 = as_float32(case.inputs)
    point = standing_for(inputs32)
    try:
        with np.errstate(all="ignore"):
            returned = case.fn(*copy.deepcopy(inputs32))
        value64, path64 = case.probe(point)
        value32, path32 = case.probe(inputs32)
    except Exception as error:  # noqa: BLE001  (oracle.Rejected, or the program fails in float32)
        raise Invalid(f"no float32 point ({type(error).__name__})") from None
    if path32 != path64 or abs(value32 - value64) > VALUE_TOLERANCE * max(1.0, abs(value64)):
        raise Invalid("float32 rounding changes the value or the path at the point")
    return inputs32, point, returned


def check_float32(case: Case, plan: Plan, args: list[Any], api: Any) -> None:
    inputs32, point, returned = _point(case)
    names = [name for name, _ in plan.wrt]
    positions = [case.program.position(name) for name in names]
    try:
        references = [oracle.partials(case.probe, point, p) for p in positions]
    except oracle.Rejected as rejected:
        raise Invalid(f"no reference at the float64 point ({rejected.reason})") from None
    value, grads = api.value_and_grad(case.fn, wrt=plan.render(case.program))(
        *copy.deepcopy(inputs32))
    _expect_value(value, returned, "float32 value_and_grad value")
    grads = grads if plan.many else (grads,)
    if not isinstance(grads, tuple) or len(grads) != len(names):
        raise Wrong(f"float32 value_and_grad: returned {type(grads).__name__}, expected "
                    f"{len(names)} gradients")
    for name, p, g, reference in zip(names, positions, grads, references, strict=True):
        _expect_kind(g, inputs32[p], f"float32 gradient for {name}")
        _expect_near(reference, g, f"float32 gradient for {name}")
    _second_look(case, api, names[0], positions[0], inputs32, returned)


def _second_look(case: Case, api: Any, name: str, position: int, inputs32: list[Any],
                 returned: Any) -> None:
    """``jvp``, ``vjp``, ``hvp`` and ``hessian`` at the float32 inputs: kinds and dtypes."""
    like = inputs32[position]
    direction = np.ones_like(like) if isinstance(like, np.ndarray) else np.float32(1.0)
    value, tangent = api.jvp(case.fn, wrt=name)(*copy.deepcopy(inputs32), **{f"{name}_dot": direction})
    _expect_value(value, returned, "float32 jvp value")
    if np.asarray(tangent).dtype != _floating(returned) or \
            isinstance(tangent, np.ndarray) != isinstance(returned, np.ndarray):
        raise Wrong(f"float32 jvp tangent: a {type(tangent).__name__} of dtype "
                    f"{np.asarray(tangent).dtype} for an output {type(returned).__name__} of dtype "
                    f"{_floating(returned)}")
    value, pullback = api.vjp(case.fn, wrt=name)(*copy.deepcopy(inputs32))
    _expect_value(value, returned, "float32 vjp value")
    _expect_kind(pullback(1.0), like, f"float32 pullback for {name}")
    _expect_kind(api.hvp(case.fn, wrt=name)(*copy.deepcopy(inputs32), direction), like,
                 f"float32 hvp for {name}")
    matrix = api.hessian(case.fn, wrt=name)(*copy.deepcopy(inputs32))
    if np.asarray(matrix).dtype != _floating(like):
        raise Wrong(f"float32 hessian for {name}: dtype {np.asarray(matrix).dtype}, expected "
                    f"{_floating(like)} (its argument's)")
