"""Second derivatives of functions that fill an array in place, element by element, as people
write recurrences and tables: the Hessian, the Hessian-vector product and the Jacobian of the
gradient against central differences of the gradient.

Before, a loop reading ``y[i - 1] if i > 0 else 0.0`` refused its Hessian: the gradient tapes
``_rt.like(_t2)`` (the layout of an element, a fresh record), but ``_t2`` is also bound to the
number ``0.0``, which the aliasing pass took for a value of unknown kind, so the record was
taken to share ``y``'s memory and the tape to hold a view of ``y`` (passes/aliases.py: a number
written in the code is a root that is never a list)."""

import numpy as np
import pytest
from helpers import numeric_jacobian

import tangentish
from tangentish.passes.aliases import Aliases
from tangentish.passes.desugar import desugar
from tangentish.passes.normalize import normalize
from tangentish.syntax.parse import parse_function


def prefix_with_branch(x):
    y = np.zeros(len(x))
    for i in range(len(x)):
        y[i] = x[i] ** 2 + (y[i - 1] if i > 0 else 0.0)
    return np.sum(y * x)


def prefix_with_if(x):
    y = np.zeros(len(x))
    for i in range(len(x)):
        if i > 0:  # noqa: SIM108  (statements in branches: what is tested)
            prev = y[i - 1]
        else:
            prev = -1
        y[i] = np.sin(x[i]) * prev + x[i]
    return np.sum(y ** 2)


def table(x):
    A = np.zeros((2, 2))
    for i in range(2):
        for j in range(2):
            A[i, j] = x[i] * x[j + 2]
    return np.sum(A ** 2)


def bins(x):
    y = np.zeros(3)
    for i in range(len(x)):
        y[i % 3] += x[i] ** 2
    return np.sum(np.sin(y))


def recurrence(x):
    out = np.empty_like(x)
    out[0] = x[0]
    for i in range(1, len(x)):
        out[i] = out[i - 1] * 0.5 + x[i] ** 2
    return np.sum(out)


X = np.array([0.4, -0.7, 1.1, 0.25])
CASES = [prefix_with_branch, prefix_with_if, table, bins, recurrence]


@pytest.mark.parametrize("f", CASES, ids=[f.__name__ for f in CASES])
def test_second_order_of_a_filled_array(f):
    gradient = tangentish.grad(f)
    expected = numeric_jacobian(gradient, (X,), 0).reshape(X.size, X.size)
    for _ in range(2):  # (the generic derivative, then the one specialized to the call)
        np.testing.assert_allclose(tangentish.hessian(f)(X), expected, rtol=1e-6, atol=1e-8)
        np.testing.assert_allclose(tangentish.jacobian(gradient)(X), expected, rtol=1e-6,
                                   atol=1e-8)
        v = np.linspace(0.3, -1.0, X.size)
        np.testing.assert_allclose(tangentish.hvp(f)(X, v), expected @ v, rtol=1e-6, atol=1e-8)


def _aliases(f):
    info = parse_function(f)
    desugar(info)
    norm = normalize(info)
    return Aliases(norm), norm


def test_a_number_written_in_the_code_shares_no_memory():
    def f(y, c):
        z = np.zeros(3)
        if c:  # noqa: SIM108  (statements in branches: what is tested)
            t = z[1]
        else:
            t = 0.0
        r = tangentish.runtime.like(t)
        return r + y

    aliases, _ = _aliases(f)
    assert not aliases.shares("r", "z")  # the record is fresh: t is an item or a number
    assert aliases.shares("t", "z")  # (t itself may be z's item)


def test_a_list_bound_where_a_number_is_is_recorded_anew():
    """``_rt.like`` of a list makes a new one holding copies of its arrays (refusals3; it once
    returned the list as is, which shared ``z``)."""
    def f(y, c):
        z = np.zeros(3)
        if c:  # noqa: SIM108  (statements in branches: what is tested)
            t = [z]
        else:
            t = 0.0
        r = tangentish.runtime.like(t)
        return r + y

    aliases, _ = _aliases(f)
    assert not aliases.shares("r", "z") and not aliases.shares("r", "t")
    z = np.zeros(3)
    kept = tangentish.runtime.like([z])
    assert not np.shares_memory(kept[0], z)


def test_a_number_written_into_an_array_is_no_new_root_of_it():
    def f(y):
        z = np.zeros(3)
        z[1] = 0.0  # (copies the number in: z is still only what np.zeros made)
        return z + y

    aliases, _ = _aliases(f)
    assert len(aliases.roots["z"]) == 1
