"""``any``/``all`` of a generator in a later operand of ``and``/``or`` (``if tol > 0 and
any(v > 0 for v in x):``, ``assert x.ndim == 1 and all(...)``), and in a value after a call
(``np.sum(x ** 2) * (1.0 if any(...) else 0.5)``): refused before ("cannot differentiate a
generator expression"); now the operation is Python's ``if`` statements
(``tangentish/syntax/short_circuit.py``) and the search the loop Python runs
(``tangentish/syntax/hoisted.py``).  Each program in every mode against central differences;
an operand Python never evaluates (it would raise) is not evaluated by the derivative either."""

from __future__ import annotations

import numpy as np
import pytest
from idioms15_check import Case, by_name, check, seeded

import tangentish

_n, _u, _ = seeded(5520)


def and_search(x, tol=0.1):
    if tol > 0 and any(v > 0 for v in x):
        return np.sum(x ** 3)
    return np.sum(x)


def or_search(x, flag=False):
    if flag or all(v < -5.0 for v in x):
        return np.sum(x)
    return np.sum(np.sin(x))


def three_operands(x):
    ok = np.all(np.isfinite(x)) and x.size > 1 and all(abs(v) < 50.0 for v in x)
    return np.sum(x ** 2) if ok else 0.0


def asserted(x):
    assert x.ndim == 1 and all(np.isfinite(v) for v in x), "bad input"
    return np.sum(np.exp(x))


def negated(x):
    if not (x.size > 2 and any(v > 10.0 for v in x)):
        return np.sum(x * x * x)
    return np.sum(x)


def after_a_call(x):
    return np.sum(x ** 2) * (1.0 if any(v > 0 for v in x) else 0.5)


def never_evaluated(x):
    if len(x) > 3 and any(x[3] > v for v in x):  # (x[3] would raise: Python never reads it)
        return np.sum(x)
    return np.sum(np.cos(x))


CASES = [
    Case("and_search", and_search, (_n(3),)),
    Case("and_search_false", and_search, (-_u(0.2, 1.0, 3),)),
    Case("or_search", or_search, (_n(3),)),
    Case("three_operands", three_operands, (_n(4),)),
    Case("asserted", asserted, (_n(3),)),
    Case("negated", negated, (_n(3),)),
    Case("after_a_call", after_a_call, (_n(3),)),
    Case("never_evaluated", never_evaluated, (_n(3),)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_searches_behind_and_or_in_every_mode(name):
    check(BY_NAME[name])


def test_the_operand_python_stops_at_is_the_value():
    """``a and b`` is ``a`` where ``a`` is false (not ``False``): the name holds the operand."""
    def value(x):
        k = x.size - 3 and any(v > 0 for v in x)
        return np.sum(x) * (k + 1)

    x = _n(3)
    got, grad = tangentish.value_and_grad(value)(x)
    assert got == value(x)
    np.testing.assert_allclose(grad, np.ones(3))
