"""A reduction's adjoint spreads a cotangent back over the axes it reduced, for every form of
``axis`` (positive, negative, a tuple of either, ``None``) and ``keepdims``, also when the
cotangent is not of the reduction's result's shape but broadcasts to it: a scalar (uniform), or
one of fewer dimensions.  Generated code passes such a value where it spreads a structural
support: the mask ``True`` ("everywhere") of a tuple item read, given to ``_rt.unreduce(mask,
like, axis=1)``.  Its axes used to be re-inserted where the scalar's own rank put them:
``AxisError: axis 1 is out of bounds for array of dimension 1`` inside the generated gradient
(fuzz seed 3000 program 125: a helper returning ``(1.0, np.sum(sliding_window_view(b, 2),
axis=1))`` behind a singular ``1.0 / x``).

The runtime rows check the spreads (``unreduce``, ``unnorm``) against central differences of
``x -> vdot(g, reduce(x))``, with ``g`` the cotangent broadcast; the end-to-end rows check
``grad`` of the fuzz program's shape, for each reduction and axis form, against central
differences."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_grad_close, module_from_text, numeric_grad

import tangentish
from tangentish.runtime import broadcast, special

AXES = [0, 1, 2, -1, -2, -3, (0, 2), (-1, 0), (1, -1), (0, 1, 2), None]
SHAPE = (3, 4, 2)


def _result_shape(axis, keepdims):
    return np.sum(np.zeros(SHAPE), axis=axis, keepdims=keepdims).shape


def _cotangents(shape, rng):
    """The cotangent of a reduction's result of ``shape``, in each form that broadcasts to it."""
    forms = {"full": rng.normal(size=shape), "scalar": np.float64(rng.normal()),
             "true": True}
    if len(shape) >= 1:
        forms["trailing"] = rng.normal(size=shape[-1:])
        forms["ones-lead"] = rng.normal(size=(1,) + shape[1:])
    return forms


def _check_spread(spread, reduce, axis, keepdims):
    rng = np.random.default_rng(3100)
    x = rng.normal(size=SHAPE)
    for form, g in _cotangents(_result_shape(axis, keepdims), rng).items():
        full = np.broadcast_to(np.asarray(g, dtype=float), np.shape(reduce(x)))
        expected = numeric_grad(lambda v, full=full: np.vdot(full, reduce(v)), [x])
        actual = spread(g, x)
        assert_grad_close(np.broadcast_to(actual, SHAPE), expected, rtol=1e-6, atol=1e-6,
                          label=f"{form} cotangent, axis={axis}, keepdims={keepdims}")


@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("axis", AXES, ids=str)
def test_unreduce_takes_a_broadcastable_cotangent(axis, keepdims):
    _check_spread(lambda g, x: broadcast.unreduce(g, x, axis=axis, keepdims=keepdims),
                  lambda v: np.sum(v, axis=axis, keepdims=keepdims), axis, keepdims)


@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("axis", [0, -1, 2, (0, 2), (-1, -3), (2, 1)], ids=str)
def test_unnorm_takes_a_broadcastable_cotangent(axis, keepdims):
    def norm(v):
        return np.linalg.norm(v, axis=axis, keepdims=keepdims)

    _check_spread(lambda g, x: special.unnorm(g, x, norm(x), None, axis, keepdims), norm,
                  axis, keepdims)


REDUCTIONS = {
    "sum": "np.sum(w, axis={axis}, keepdims={keepdims})",
    "mean": "np.mean(w, axis={axis}, keepdims={keepdims})",
    "max": "np.max(w, axis={axis}, keepdims={keepdims})",
    "min": "np.min(w, axis={axis}, keepdims={keepdims})",
    "prod": "np.prod(w, axis={axis}, keepdims={keepdims})",
    "var": "np.var(w, axis={axis}, keepdims={keepdims})",
    "logaddexp": "np.logaddexp.reduce(w, axis={axis}, keepdims={keepdims})",
    "norm": "np.linalg.norm(w, axis={axis}, keepdims={keepdims})",
}
WINDOW_AXES = [0, 1, -1, -2, (0, 1), (-1, 0), None]

PROGRAM = """
import numpy as np


def pair(a, b):
    w = np.lib.stride_tricks.sliding_window_view(b, 2)
    return (1.0, {reduction})


def f(x, p):
    c = 1.0 / x
    unused, r = pair(1.0, b=p - c)
    return np.sum(np.sin(r))
"""


@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("axis", WINDOW_AXES, ids=str)
@pytest.mark.parametrize("name", sorted(REDUCTIONS))
def test_reduction_of_a_helpers_tuple_item(tmp_path, name, axis, keepdims):
    reduction = REDUCTIONS[name].format(axis=axis, keepdims=keepdims)
    text = PROGRAM.format(reduction=reduction)
    module = module_from_text(tmp_path, f"reduce_{name}_{abs(hash((axis, keepdims)))}", text)
    p = np.array([0.3, 1.1138719881341568, 1.0560424341371761, -0.4])
    args = [1.2955673538616184, p]
    for wrt in (0, 1):
        assert_grad_close(tangentish.grad(module.f, wrt)(*args), numeric_grad(module.f, args, wrt),
                          rtol=1e-5, atol=1e-7, label=f"{reduction}, wrt {wrt}")
