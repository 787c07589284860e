"""NumPy's and SciPy's own callables differentiated directly (tangentish/trampolines.py):
``grad(np.tanh)``, ``check_grads(np.hypot, ...)`` (autograd's own tests do this throughout; it
was refused: "tangentish can only differentiate Python functions").  Each callable is checked
against finite differences in both modes."""

import numpy as np
import pytest
import scipy.special as special

import tangentish
from tangentish.trampolines import trampoline

X = np.array([0.3, -0.7, 1.2])
Y = np.array([1.1, 0.4, -0.5])
POS = np.abs(X) + 0.5
M = np.eye(3) + 0.1 * np.outer(X, Y)

CASES = [
    (np.tanh, (X,), 0), (np.exp, (X,), 0), (np.log1p, (POS,), 0), (np.sqrt, (POS,), 0),
    (np.hypot, (X, Y), (0, 1)), (np.arctan2, (X, Y), (0, 1)), (np.multiply, (X, Y), (0, 1)),
    (np.power, (POS, Y), (0, 1)), (np.logaddexp, (X, Y), (0, 1)), (np.maximum, (X, Y), (0, 1)),
    (np.sum, (X,), 0), (np.prod, (X,), 0), (np.cumsum, (X,), 0), (np.sort, (X,), 0),
    (np.outer, (X, Y), (0, 1)), (np.dot, (X, Y), (0, 1)), (np.linalg.det, (M,), 0),
    (np.linalg.inv, (M,), 0), (np.trace, (M,), 0), (np.gradient, (X,), 0), (np.diff, (X,), 0),
    (special.gammaln, (POS,), 0), (special.expit, (X,), 0), (special.logsumexp, (X,), 0),
    (special.erf, (X,), 0),
]


@pytest.mark.parametrize("f, args, wrt", CASES, ids=lambda c: getattr(c, "__name__", None))
def test_numpy_callables_are_differentiated(f, args, wrt):
    tangentish.check_grads(f, args, wrt=wrt, warn=False)


@pytest.mark.parametrize("f, args", [(np.sum, (X,)), (np.linalg.det, (M,)),
                                     (special.logsumexp, (X,))], ids=["sum", "det", "lse"])
def test_second_order(f, args):
    tangentish.check_grads(f, args, order=2, warn=False)


def test_the_derivative_reads_as_the_call():
    text = tangentish.source(np.hypot, wrt=(0, 1))
    assert "def grad_hypot_wrt_x1_x2(x1, x2" in text and "np.hypot(x1, x2)" in text
    assert "special.gammaln(x)" in tangentish.source(special.gammaln)


def test_one_function_per_callable():
    assert trampoline(np.tanh) is trampoline(np.tanh)
    assert tangentish.grad(np.tanh).func is tangentish.grad(np.tanh).func


def test_value_and_jvp():
    value, g = tangentish.value_and_grad(np.sum)(X)
    assert value == np.sum(X) and np.array_equal(g, np.ones(3))
    out, tangent = tangentish.jvp(np.sin)(X, x_dot=Y)
    np.testing.assert_allclose(tangent, np.cos(X) * Y)


def test_a_callable_without_rules_is_refused_as_before():
    identity = np.frompyfunc(lambda v: v, 1, 1)
    with pytest.raises(tangentish.SourceUnavailableError, match="only differentiate Python"):
        tangentish.grad(identity)(X)
    assert trampoline(identity) is None
