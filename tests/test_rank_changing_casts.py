"""Casts and reshapes that may add axes, of a number, a 0-d array and a vector, in every mode.

``np.ascontiguousarray(s)`` of a number is 1-d (NumPy gives a 0-d input one axis), so its adjoint
came back of shape ``(1,)`` where ``s`` was a number (a raw ``ValueError``, or an ``InternalError``
in checked mode); ``np.array(s, ndmin=2)`` was refused.  The rules pass the derivative through
``_rt.recast``, which gives it the shape of the value it belongs to.  Each spelling below is
applied to a parameter ``s`` (a Python float, a 0-d array, a vector) and to ``s * x[0]``, then
checked in ``grad`` (also in checked mode), ``jvp``, ``vjp`` and ``hvp`` against central
differences.
"""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_grad_close, numeric_grad, source_module
from test_checked import _set_checked

import tangentish

SPELLINGS = {
    "ascontiguousarray": "np.ascontiguousarray({})", "asfortranarray": "np.asfortranarray({})",
    "asarray": "np.asarray({})", "asarray_float": "np.asarray({}, dtype=np.float64)",
    "asanyarray": "np.asanyarray({})", "asarray_chkfinite": "np.asarray_chkfinite({})",
    "require": "np.require({})", "array": "np.array({})", "array_ndmin2": "np.array({}, ndmin=2)",
    "array_ndmin3": "np.array({}, ndmin=3)", "atleast_1d": "np.atleast_1d({})",
    "atleast_2d": "np.atleast_2d({})", "atleast_3d": "np.atleast_3d({})",
    "ravel": "np.ravel({})", "copy": "np.copy({})", "expand_dims": "np.expand_dims({}, 0)",
    "reshape": "np.reshape({}, (1, -1))",
}
POINTS = {"float": 0.7, "zero_d": np.array(0.7), "vector": np.array([0.3, -0.6])}
X = np.array([0.4, -0.3, 0.9])
CASES = [(name, point) for name in sorted(SPELLINGS) for point in sorted(POINTS)]


@pytest.fixture(scope="module")
def module(tmp_path_factory):
    """One function per spelling, in a module with a source file (as users write them)."""
    folder = tmp_path_factory.mktemp("rank_changing_casts")
    lines = ["import numpy as np", ""]
    for name, spelling in SPELLINGS.items():
        lines += [f"def {name}(x, s):", "    t = s * x[0]",
                  f"    v = {spelling.format('s')}", f"    w = {spelling.format('t')}",
                  "    return np.sum(np.sin(v) * w) + np.sum(w) * x[1]", ""]
    with source_module(folder, "rank_casts", "\n".join(lines)) as module:
        yield module


def _args(point):
    value = POINTS[point]
    return [X.copy(), value.copy() if isinstance(value, np.ndarray) else value]


@pytest.mark.parametrize("name, point", CASES, ids=[f"{n}-{p}" for n, p in CASES])
@pytest.mark.parametrize("checked", [False, True], ids=["plain", "checked"])
def test_grad(module, monkeypatch, name, point, checked):
    fn = getattr(module, name)
    if checked:
        _set_checked(monkeypatch, "1")
    try:
        gradient = tangentish.grad(fn, wrt=(0, 1))(*_args(point))
    finally:
        _set_checked(monkeypatch, None)
    expected = numeric_grad(fn, _args(point), (0, 1))
    for got, want in zip(gradient, expected, strict=True):
        assert np.shape(got) == np.shape(want)
        assert_grad_close(got, want, rtol=1e-6, atol=1e-8, label=name)


@pytest.mark.parametrize("name, point", CASES, ids=[f"{n}-{p}" for n, p in CASES])
def test_jvp_and_vjp(module, name, point):
    fn = getattr(module, name)
    expected = numeric_grad(fn, _args(point), (0, 1))
    directions = [np.array([0.5, 1.0, -0.5]), 0.8 if point == "float" else np.full(
        np.shape(POINTS[point]), 0.8)]
    value, tangent = tangentish.jvp(fn, wrt=(0, 1))(*_args(point), x_dot=directions[0],
                                                    s_dot=directions[1])
    np.testing.assert_allclose(value, fn(*_args(point)), rtol=1e-12)
    want = sum(float(np.sum(g * d)) for g, d in zip(expected, directions, strict=True))
    np.testing.assert_allclose(tangent, want, rtol=1e-6, atol=1e-8)
    _, pullback = tangentish.vjp(fn, wrt=(0, 1))(*_args(point))
    for got, want in zip(pullback(2.0), expected, strict=True):
        assert np.shape(got) == np.shape(want)
        np.testing.assert_allclose(got, 2.0 * np.asarray(want), rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name, point", CASES, ids=[f"{n}-{p}" for n, p in CASES])
def test_hvp(module, name, point):
    fn = getattr(module, name)
    gradient = tangentish.grad(fn, wrt=0)
    vector, step = np.array([0.3, -0.7, 0.5]), 1e-6
    product = tangentish.hvp(fn, wrt=0)(*_args(point), vector)
    up, down = _args(point), _args(point)
    up[0] = up[0] + step * vector
    down[0] = down[0] - step * vector
    expected = (gradient(*up) - gradient(*down)) / (2 * step)
    np.testing.assert_allclose(product, expected, rtol=1e-5, atol=1e-7)
