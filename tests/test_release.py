"""Fewer large arrays alive at once in a gradient (issue 9), and the soundness of each step:

- ``passes/release.py``: ``del name`` after the last read of a large value the generated code owns;
- ``passes/order.py``: a product's factors computed in the order that needs fewer arrays;
- ``passes/recompute.py``: a parameter's negation computed again where it is read;
- ``passes/desugar.py``: a ``del name`` (which a gradient now contains) is accepted, and dropped,
  when the name is not read after it, so gradients can be differentiated again.

Every gradient is compared with central finite differences (or a closed form checked against
them); the arguments must come back unchanged and the results keep the inputs' dtype and shape.
The peak memory itself is measured by ``benchmarks/bench_memory.py``.
"""

from __future__ import annotations

import ast

import numpy as np
import pytest
from helpers import numeric_grad
from test_control_flow import CASES as FLOW_CASES
from test_soundness import ROWS as SOUNDNESS_ROWS
from test_writes import WORKS as WRITES_WORKS
from zoo import ZOO

import tangentish
from tangentish.errors import UnsupportedConstructError

RNG = np.random.default_rng(2026)
BIG = RNG.uniform(-1.0, 1.0, 40_000)  # 320 kB: NumPy reuses temporaries this large
SMALL = RNG.uniform(-1.0, 1.0, 5)
ROWS = RNG.uniform(-1.0, 1.0, (200, 50))
COLUMN_SCALE = RNG.uniform(0.5, 1.5, 50)


def squared_chain(x):
    y = np.tanh(x) * 2.0 + x
    return np.sum(y * y)


def squared_chain_grad(x):
    t = np.tanh(x)
    return 2 * (t * 2.0 + x) * (2.0 * (1.0 - t * t) + 1.0)


def gaussian_log1p(x):
    return np.sum(np.exp(-x * x) + np.log1p(x * x))


def gaussian_log1p_grad(x):
    return -2 * x * np.exp(-x * x) + 2 * x / (1.0 + x * x)


def sin_times_x(x):
    return np.sum(np.sin(x) * x)


def scaled_rows(x, c):
    y = np.tanh(x) * c + x  # c broadcasts over the rows
    return np.sum(y * y)


def of_a_view(x):
    v = x[::2]
    y = np.tanh(v) * 2.0 + v
    return np.sum(y * y) + np.sum(np.exp(-x * x))


def negation_in_a_loop(x):
    n = -x
    s = 0.0
    for i in range(3):
        s = s + np.sum(n * x * i)
    return s


def negation_called(x):
    n = -x
    return np.sum(np.exp(n) * x) + np.sum(n)


def negation_then_rebound(x):
    n = -x
    x = x * 2.0
    return np.sum(n * x * x)


def negation_then_written(x):
    n = -x
    x[0] = 3.0
    return np.sum(n * x * x)


def kept_in_a_loop(x):
    s = 0.0
    for i in range(3):
        t = np.tanh(x * i)
        s = s + np.sum(t * t)
    return s


def read_in_a_branch(x, c):
    y = np.sin(x) * x
    z = 0.0
    if c > 0:
        z = np.sum(y * x)
    return z + np.sum(y)


def copied(x):
    y = np.sin(x) * 2.0
    z = y
    return np.sum(z * x) + np.sum(np.cos(y))


FUNCTIONS = [(squared_chain, (BIG,), 0), (gaussian_log1p, (BIG,), 0), (sin_times_x, (BIG,), 0),
             (squared_chain, (SMALL,), 0), (gaussian_log1p, (SMALL,), 0),
             (scaled_rows, (ROWS, COLUMN_SCALE), (0, 1)), (of_a_view, (BIG,), 0),
             (negation_in_a_loop, (SMALL,), 0), (negation_called, (BIG,), 0),
             (negation_then_rebound, (BIG,), 0), (negation_then_written, (SMALL,), 0),
             (kept_in_a_loop, (BIG,), 0), (read_in_a_branch, (BIG, 1.0), 0),
             (read_in_a_branch, (BIG, -1.0), 0), (copied, (BIG,), 0)]
IDS = [f"{fn.__name__}-{i}" for i, (fn, _, _) in enumerate(FUNCTIONS)]


def _cast(args, dtype):
    return tuple(a.astype(dtype) if isinstance(a, np.ndarray) else a for a in args)


def _directional(fn, args, i, v, step=1e-5):
    """``d/dt fn(args with args[i] + t v)`` at 0 by central differences, in float64 (two calls
    of ``fn``, so it stays quick on large inputs)."""
    up, down = list(args), list(args)
    up[i], down[i] = args[i] + step * v, args[i] - step * v
    return (fn(*up) - fn(*down)) / (2 * step)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("fn, args, wrt", FUNCTIONS, ids=IDS)
def test_gradients_keep_values_dtypes_and_arguments(fn, args, wrt, dtype):
    narrow = _cast(args, dtype)
    before = tuple(np.copy(a) for a in narrow)
    got = tangentish.grad(fn, wrt=wrt)(*narrow)
    for a, b in zip(narrow, before, strict=True):
        np.testing.assert_array_equal(a, b)  # never written
    grads = got if isinstance(wrt, tuple) else (got,)
    wide = _cast(args, np.float64)
    for g, i in zip(grads, np.atleast_1d(wrt), strict=True):
        assert np.shape(g) == np.shape(narrow[i]) and np.result_type(g) == narrow[i].dtype
        for seed in range(3):
            v = np.random.default_rng(seed).standard_normal(np.shape(wide[i]))
            expected = _directional(fn, wide, i, v)
            tolerance = 1e-6 if dtype == np.float64 else 1e-3
            assert np.sum(g.astype(np.float64) * v) == pytest.approx(
                expected, rel=tolerance, abs=tolerance)


@pytest.mark.parametrize("fn, grad_by_hand", [(squared_chain, squared_chain_grad),
                                              (gaussian_log1p, gaussian_log1p_grad)])
def test_the_benchmark_functions_match_their_closed_forms(fn, grad_by_hand):
    np.testing.assert_allclose(grad_by_hand(SMALL), numeric_grad(fn, (SMALL,), 0), rtol=1e-6,
                               atol=1e-9)
    np.testing.assert_allclose(tangentish.grad(fn)(BIG), grad_by_hand(BIG), rtol=1e-12,
                               atol=1e-14)
    value, got = tangentish.value_and_grad(fn)(BIG)
    assert value == pytest.approx(fn(BIG), rel=1e-14)
    np.testing.assert_allclose(got, grad_by_hand(BIG), rtol=1e-12, atol=1e-14)


def test_what_the_passes_write():
    chain = tangentish.grad(squared_chain).source
    assert "    del y\n" in chain and "(1.0 - tanh_x * tanh_x) * (y_bar * 2.0)" in chain
    gaussian = tangentish.grad(gaussian_log1p).source
    assert "np.exp(-x * x)" in gaussian and "neg_x = " not in gaussian
    assert "    del x_times_x\n" in gaussian and "    del _t1\n" in gaussian
    assert "    n = -x\n" in tangentish.grad(negation_in_a_loop).source  # not once per iteration
    assert "n = -x" in tangentish.grad(negation_called).source  # read by a call
    loop = tangentish.grad(kept_in_a_loop).source
    assert "del t" not in loop  # bound in a loop: each iteration binds it again


def _deleted_then_read(source: str) -> list[str]:
    """``del name`` statements followed, in the same function, by a read of the name."""
    wrong = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, ast.FunctionDef):
            continue
        deleted: set[str] = set()
        for stmt in function.body:
            reads = {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name)
                     and isinstance(n.ctx, ast.Load)}
            wrong += [f"{function.name}: {name}" for name in sorted(reads & deleted)]
            if isinstance(stmt, ast.Delete):
                deleted |= {t.id for t in stmt.targets}
            deleted -= {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name)
                        and isinstance(n.ctx, ast.Store)}
    return wrong


ZOOS = [(fn, wrt) for fn, _, wrt in SOUNDNESS_ROWS + FLOW_CASES + FUNCTIONS] + \
    [(fn, 0) for fn in WRITES_WORKS] + list(ZOO)


@pytest.mark.parametrize("fn, wrt", ZOOS, ids=[f"{fn.__name__}-{i}"
                                               for i, (fn, _) in enumerate(ZOOS)])
def test_nothing_is_read_after_it_is_deleted(fn, wrt):
    for transform in (tangentish.grad, tangentish.value_and_grad):
        try:
            source = transform(fn, wrt=wrt).source
        except tangentish.TangentishError:
            continue  # (refused: test_soundness checks how)
        assert _deleted_then_read(source) == []


@pytest.mark.parametrize("fn, grad_by_hand", [(squared_chain, squared_chain_grad),
                                              (gaussian_log1p, gaussian_log1p_grad)])
def test_gradients_with_del_are_differentiated_again(fn, grad_by_hand):
    assert "del " in tangentish.grad(fn).source
    v = RNG.standard_normal(SMALL.size)
    step = 1e-6
    expected = (grad_by_hand(SMALL + step * v) - grad_by_hand(SMALL - step * v)) / (2 * step)
    got = tangentish.grad(tangentish.grad(fn))(SMALL, out_bar_bar=v)
    np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(tangentish.hvp(fn)(SMALL, v), expected, rtol=1e-6, atol=1e-8)


def deletes_a_temporary(x):
    y = np.sin(x)
    z = y * x
    del y
    return np.sum(z)


def deletes_in_a_loop(x):
    s = 0.0
    for i in range(3):
        y = x * i
        s = s + np.sum(y * y)
        del y
    return s


def deletes_then_reads(x, c):
    y = x * 2.0
    if c > 0:
        del y
    return np.sum(y)


def deletes_an_element(x):
    y = x * 2.0
    del y[0]
    return np.sum(y)


def test_a_users_del_of_a_name_is_accepted_where_nothing_reads_it_again():
    np.testing.assert_allclose(tangentish.grad(deletes_a_temporary)(SMALL),
                               numeric_grad(deletes_a_temporary, (SMALL,), 0), rtol=1e-6)
    np.testing.assert_allclose(tangentish.grad(deletes_in_a_loop)(SMALL),
                               numeric_grad(deletes_in_a_loop, (SMALL,), 0), rtol=1e-6)
    with pytest.raises(UnsupportedConstructError, match="'y' is read after it"):
        tangentish.grad(deletes_then_reads)
    with pytest.raises(UnsupportedConstructError, match="`del` of an element"):
        tangentish.grad(deletes_an_element)


def differences(u, f):
    dx = u[1:, :] - u[:-1, :]
    dy = u[:, 1:] - u[:, :-1]
    return 0.5 * np.sum((u - f) ** 2) + np.sum(dx ** 2) + np.sum(dy ** 2)


def test_a_specialized_gradient_frees_arrays_of_proven_rank():
    """Specialized to float64 arguments, values of proven rank 1 or more (``dx``, of the shape
    of ``u[1:]``: no ``wrt`` parameter's) and their adjoints are freed after their last reads;
    views (``u[1:, :]``) are not: they hold no memory of their own.  The generic derivative
    knows no rank and frees none of them."""
    u, f = RNG.standard_normal((60, 70)), RNG.standard_normal((60, 70))
    derivative = tangentish.grad(differences)
    special = derivative.source_for(u, f)
    assert "del dx" in special and "del dy_bar" in special and "u_slice" not in \
        "".join(line for line in special.splitlines() if line.strip().startswith("del "))
    assert _deleted_then_read(special) == []
    assert "del" not in derivative.source
    for _ in range(3):
        got = derivative(u, f)
        for seed in range(2):
            v = np.random.default_rng(seed).standard_normal(u.shape)
            assert np.sum(got * v) == pytest.approx(_directional(differences, (u, f), 0, v),
                                                    rel=1e-6, abs=1e-6)
