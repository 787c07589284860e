"""Dense derivatives (tangentish/dense.py): JAX's block layout over several wrt and outputs, dtypes
kept, one allocation with a size warning, progress on a terminal only.  References: closed forms
and central finite differences of the gradient."""

import io
import warnings

import numpy as np
import pytest

import tangentish
import tangentish.dense as dense
from tangentish import ArgumentValueError, DenseSizeWarning


def coupled(x, y):
    return np.sum(np.sin(x) * y ** 2) + np.sum(x) * np.sum(y ** 3)


def pair(x, y):
    return np.sin(x) * y, np.outer(x, y).sum(axis=0)


def closed_hessian(x, y):
    """((H_xx, H_xy), (H_yx, H_yy)) of coupled, by hand."""
    n, m = x.size, y.size
    hxx = np.diag(-np.sin(x) * y ** 2)
    hxy = np.diag(2.0 * np.cos(x) * y) + np.outer(np.ones(n), 3.0 * y ** 2)
    hyy = np.diag(2.0 * np.sin(x)) + np.diag(6.0 * np.sum(x) * y)
    assert hxy.shape == (n, m)
    return (hxx, hxy), (hxy.T, hyy)


@pytest.fixture
def xy(rng):
    return rng.normal(size=3), rng.normal(size=3)


def test_hessian_over_two_parameters_is_nested_blocks(xy):
    x, y = xy
    got = tangentish.hessian(coupled, wrt=(0, 1))(x, y)
    expected = closed_hessian(x, y)
    for i in range(2):
        for j in range(2):
            np.testing.assert_allclose(got[i][j], expected[i][j], rtol=1e-10, atol=1e-12)
    (single,) = tangentish.hessian(coupled, wrt=("y",))(x, y)[0]
    np.testing.assert_allclose(single, expected[1][1], rtol=1e-10, atol=1e-12)


def jacobian_by_differences(fn, args, wrt, step=1e-6):
    """Central differences of a vector-valued ``fn``, column by column (float64)."""
    base = np.asarray(args[wrt], dtype=float)
    columns = []
    for k in range(base.size):
        shift = np.zeros(base.size)
        shift[k] = step
        plus = [*args[:wrt], base + shift.reshape(base.shape), *args[wrt + 1:]]
        minus = [*args[:wrt], base - shift.reshape(base.shape), *args[wrt + 1:]]
        columns.append((np.asarray(fn(*plus)) - np.asarray(fn(*minus))) / (2 * step))
    return np.stack(columns, axis=-1)


def test_hessian_blocks_match_finite_differences_of_the_gradient(xy):
    x, y = xy
    blocks = tangentish.hessian(coupled, argnums=(1, 0))(x, y)  # JAX's name, either order
    for i, wi in enumerate((1, 0)):
        gradient = tangentish.grad(coupled, wrt=wi)
        for j, wj in enumerate((1, 0)):
            np.testing.assert_allclose(blocks[i][j], jacobian_by_differences(gradient, (x, y), wj),
                                       rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("mode", ["rev", "fwd"])
def test_jacobian_of_several_outputs_and_inputs(xy, mode):
    x, y = xy
    got = tangentish.jacobian(pair, wrt=(0, 1), mode=mode)(x, y)
    assert [[b.shape for b in row] for row in got] == [[(3, 3), (3, 3)], [(3, 3), (3, 3)]]
    np.testing.assert_allclose(got[0][0], np.diag(np.cos(x) * y), rtol=1e-12)
    np.testing.assert_allclose(got[0][1], np.diag(np.sin(x)), rtol=1e-12)
    np.testing.assert_allclose(got[1][0], np.outer(y, np.ones(3)), rtol=1e-12)
    np.testing.assert_allclose(got[1][1], np.eye(3) * np.sum(x), rtol=1e-12)
    one_input = tangentish.jacobian(pair, wrt="y", mode=mode)(x, y)
    assert isinstance(one_input, tuple) and len(one_input) == 2
    np.testing.assert_allclose(one_input[0], got[0][1], rtol=1e-12)


@pytest.mark.parametrize("mode", ["rev", "fwd"])
def test_float32_stays_float32(xy, mode):
    x, y = (a.astype(np.float32) for a in xy)
    assert tangentish.jacobian(pair, wrt=0, mode=mode)(x, y)[0].dtype == np.float32
    assert tangentish.jacobian(coupled, mode=mode)(x, y).dtype == np.float32
    hessian = tangentish.hessian(coupled, wrt=(0, 1))(x, y)
    assert {b.dtype for row in hessian for b in row} == {np.dtype(np.float32)}
    np.testing.assert_allclose(hessian[0][1], closed_hessian(*xy)[0][1], rtol=1e-4, atol=1e-4)
    assert tangentish.hessian(coupled)(x.astype(np.float64), y).dtype == np.float64


def test_scalars_and_empty_inputs():
    assert tangentish.hessian(lambda x: x ** 3)(2.0) == pytest.approx(12.0)
    empty = tangentish.jacobian(lambda x, y: np.sum(x) * y, wrt=(0, 1), mode="fwd")
    jx, jy = empty(np.zeros(0), 2.0)
    assert jx.shape == (0,) and jy == 0.0


def test_hvp_over_two_parameters_equals_the_hessian_times_the_vectors(xy, rng):
    x, y = xy
    vx, vy = rng.normal(size=3), rng.normal(size=3)
    (hxx, hxy), (hyx, hyy) = closed_hessian(x, y)
    got = tangentish.hvp(coupled, wrt=(0, 1))(x, y, (vx, vy))
    np.testing.assert_allclose(got[0], hxx @ vx + hxy @ vy, rtol=1e-10)
    np.testing.assert_allclose(got[1], hyx @ vx + hyy @ vy, rtol=1e-10)
    with pytest.raises(ArgumentValueError, match="tuple of 2 vectors"):
        tangentish.hvp(coupled, wrt=(0, 1))(x, y, vx)
    with pytest.raises(ArgumentValueError, match="for y has shape"):
        tangentish.hvp(coupled, wrt=(0, 1))(x, y, (vx, vy[:2]))


def test_hvp_takes_the_vector_by_its_name_too(xy, rng):
    """``hvp(f)(x, y, v=...)``: the vector named (it was taken as the last positional argument,
    ``y``, and ``v=`` handed to the generated code: a confusing ArgumentError); a function with
    a parameter ``v`` of its own keeps it."""
    x, y = xy
    v = rng.normal(size=3)
    (hxx, _), _ = closed_hessian(x, y)
    np.testing.assert_allclose(tangentish.hvp(coupled)(x, y, v=v), hxx @ v, rtol=1e-10)

    def scaled(x, v):
        return coupled(x, v)

    np.testing.assert_allclose(tangentish.hvp(scaled)(x, y, v), hxx @ v, rtol=1e-10)


def test_a_large_result_warns_with_its_size_at_the_users_line(xy, monkeypatch):
    x, y = xy
    monkeypatch.setattr(dense, "WARN_BYTES", 100)  # 3 x 3 float64 blocks: 72 bytes each
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tangentish.hessian(coupled)(x, y)  # one block: 72 bytes, no warning
        tangentish.hessian(coupled, wrt=(0, 1))(x, y)
    assert len(caught) == 1 and caught[0].category is DenseSizeWarning
    assert "288 bytes" in str(caught[0].message) and "hvp" in str(caught[0].message)
    assert caught[0].filename == __file__


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_shows_on_a_terminal_only_and_can_be_turned_off(xy, monkeypatch):
    x, y = xy
    monkeypatch.setattr(dense, "PROGRESS_AFTER", 0.5)
    ticks = iter(range(1000))
    monkeypatch.setattr(dense.time, "perf_counter", lambda: float(next(ticks)))  # 1 s per look
    shown = {}
    for name, stream, progress in (("terminal", Terminal(), True), ("pipe", io.StringIO(), True),
                                   ("off", Terminal(), False)):
        monkeypatch.setattr("sys.stderr", stream)
        tangentish.hessian(coupled, progress=progress)(x, y)
        tangentish.jacobian(pair, wrt=1, progress=progress)(x, y)
        shown[name] = stream.getvalue()
    assert shown["pipe"] == shown["off"] == ""
    lines = shown["terminal"].split("\n")
    assert lines[0].startswith("\rhessian of coupled: 1/3 columns (33%), about 2 s left")
    assert lines[0].rstrip().endswith("hessian of coupled: 3 columns in 4.0 s")
    assert "jacobian of pair: 6 rows in" in lines[1] and lines[2] == ""


def _clipped(x):
    return np.clip(x, -1.0, 1.0) * 3.0


def _smooth(x):
    return np.sin(x) * 3.0


@pytest.mark.parametrize("f", [_clipped, _smooth], ids=["zero_by_structure", "smooth"])
@pytest.mark.parametrize("x", [np.float32(0.5), np.float64(0.3), 0.3, np.array(0.3),
                               np.array(0.3, dtype=np.float32)],
                         ids=["f32", "f64", "float", "0d", "0d_f32"])
def test_hvp_of_a_scalar_is_a_numpy_scalar_like_the_gradient(f, x):
    """A product that is 0 by structure came back a Python float (or, for float32, a 0-d
    array) where every other derivative of a 0-d argument gives a NumPy scalar of its dtype."""
    one = np.ones_like(x) if isinstance(x, np.ndarray) else type(x)(1.0)
    product, gradient = tangentish.hvp(f)(x, one), tangentish.grad(f)(x)
    assert type(product) is type(gradient) and product.dtype == gradient.dtype
    expected = 0.0 if f is _clipped else -3.0 * np.sin(float(x))
    np.testing.assert_allclose(product, expected, rtol=1e-6)
