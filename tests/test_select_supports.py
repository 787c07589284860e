"""``np.select`` of lists written in the call is the ``np.where`` chain it computes
(``tangentish/passes/select_form.py``): a choice it does not take has an adjoint and a tangent 0
by structure, so ``np.sqrt``/``np.log`` offered at their singular points and not taken give the
derivative, not ``0 * inf`` (``np.select([v < 0, v > 1], [v ** 2, np.sqrt(v)], 0.5)`` was NaN
at ``v = 0`` and ``v = -1`` in ``grad``).  Each function in every mode and at second order
against central differences, at points where an untaken choice is singular (and no condition
changes within the differences' step); conditions that are
not written as booleans keep ``np.select``'s rule (NumPy refuses non-boolean ones), whose
adjoint, one per choice (``_rt.unselect``, ``np.choose``'s ``_rt.unchoose``), has the support of
where each was taken (``tangentish/passes/supports_chosen.py``: a mask held in a parameter or a
global, a list of conditions or of choices bound to a name were NaN at ``v = 0``)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_both_orders

import tangentish


def displayed(x):
    return np.sum(np.select([x < -0.5, x > 1], [x ** 2, np.sqrt(x)], 0.5))


def named_masks(x):
    neg = x < -0.5
    big = (x > 1) & ~neg
    return np.sum(np.select([neg, big], [x ** 2, np.log(x)], default=x))


def tuples_and_predicates(x):
    return np.sum(np.select((np.isfinite(x) & (x <= -0.5), np.logical_not(x <= 0.25)),
                            (np.sin(x), np.sqrt(x) * x)))


def broadcast(x):  # conditions of shapes (4, 3) and (4, 1), choices of (4, 1) and (4,)
    rows = x[:, None] > np.array([0.2, 0.3, 0.6])[None, :]
    return np.sum(np.select([rows, x[:, None] < -0.2], [np.sqrt(x)[:, None], -x[:, None]], 2.0))


def in_a_loop(x):
    total = 0.0
    for k in range(2):
        total = total + np.sum(np.select([x > 0.25 * k + 0.1], [np.log(x) * k], default=x * x))
    return total


MASK = np.array([False, True, False, False])  # (a mask the function does not compute)


def global_mask(x):
    return np.sum(np.select([MASK, x > 1], [x ** 2, np.sqrt(x)], 0.5))


def named_conditions(x):
    conds = [x < -0.5, x > 1]
    return np.sum(np.select(conds, [x ** 2, np.sqrt(x)], 0.5))


def named_choices(x):
    choices = [np.log(x) * x, x ** 3]
    return np.sum(np.select([x > 0.25, MASK], choices, default=np.cos(x)))


def singular_default(x):
    conds = [x < 0.25]
    return np.sum(np.select(conds, [x * 2.0], default=np.sqrt(x)))


def chosen(x):
    return np.sum(np.choose((x > 0.25).astype(int), [np.sin(x), np.sqrt(x) * 2.0]))


def chosen_named(x):
    options = [np.cbrt(x + 2.0) * x, np.log(x)]
    return np.sum(np.choose((x > 0.25).astype(int), options) ** 2)


CASES = [displayed, named_masks, tuples_and_predicates, broadcast, in_a_loop, global_mask,
         named_conditions, named_choices, singular_default, chosen, chosen_named]


@pytest.mark.parametrize("f", CASES, ids=[f.__name__ for f in CASES])
def test_an_untaken_singular_choice_stays_out_of_the_derivative(f):
    x = np.array([0.0, -1.0, 2.0, 0.5])
    with np.errstate(divide="ignore", invalid="ignore"):
        assert_both_orders(f, x)


def given_mask(x, m):
    return np.sum(np.select([m, x > 1.5], [x ** 3, np.exp(x)], 1.0))


def test_conditions_not_written_as_booleans_keep_the_rule_of_np_select():
    x, m = np.array([0.3, -1.0, 2.0, 0.5]), np.array([True, False, False, True])
    assert "np.select(" in _code(tangentish.source(given_mask))
    expected = np.where(m, 3 * x ** 2, np.where(x > 1.5, np.exp(x), 0.0))
    np.testing.assert_allclose(tangentish.grad(given_mask)(x, m), expected, rtol=1e-12)
    assert "np.select(" not in _code(tangentish.source(displayed))


def _code(source: str) -> str:
    return "\n".join(line for line in source.splitlines() if not line.strip().startswith("#"))
