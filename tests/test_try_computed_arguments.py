"""A ``try`` block's call whose arguments are computed (``np.linalg.cholesky(A @ A.T + 1e-3 *
np.eye(3))``, the usual jitter) under ``except np.linalg.LinAlgError``: the arguments are computed
first, into names of their own, and the call asked about (``tangentish/passes/try_statements.py``).
It was refused ("may raise where it cannot be asked first").  Each program in every mode against
central differences, on the branch Python takes (checked); under a clause taking any exception
the computed argument stays refused, naming the line."""

from __future__ import annotations

import numpy as np
import pytest
from idioms15_check import Case, by_name, check, check_refusal, seeded

_n, _u, _ = seeded(4711)


def jittered_cholesky(B, x):
    try:
        L = np.linalg.cholesky(B @ B.T + 1e-3 * np.eye(3))
    except np.linalg.LinAlgError:
        L = np.diag(np.abs(np.diag(B)) + 1.0)
    return np.sum(np.tanh(L @ x))


def falls_back(B, x):
    try:
        L = np.linalg.cholesky(B @ B.T - 4.0 * np.eye(3))  # (indefinite: raises)
    except np.linalg.LinAlgError:
        L = np.diag(np.abs(np.diag(B)) + 1.0)
    return np.sum(np.tanh(L @ x))


def solve_with_keywords(A, x):
    try:
        y = np.linalg.solve(A + 3.0 * np.eye(3), b=np.sin(x) * 2.0)
        s = np.sum(y ** 2)
    except np.linalg.LinAlgError:
        s = np.sum(x ** 2)
    return s


def any_exception(A, x):
    try:
        y = np.linalg.solve(A + 3.0 * np.eye(3), x)
    except Exception:
        y = x
    return np.sum(y)


CASES = [
    Case("jittered_cholesky", jittered_cholesky, (_n(3, 3), _n(3)), (0, 1)),
    Case("falls_back", falls_back, (_n(3, 3, scale=0.3), _n(3)), (0, 1)),
    Case("solve_with_keywords", solve_with_keywords, (_n(3, 3), _n(3)), (0, 1)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_computed_arguments_of_the_asked_call_in_every_mode(name):
    check(BY_NAME[name])


def test_the_points_take_the_branch_each_program_names():
    B, _ = BY_NAME["falls_back"].args
    with pytest.raises(np.linalg.LinAlgError):
        np.linalg.cholesky(B @ B.T - 4.0 * np.eye(3))
    B, _ = BY_NAME["jittered_cholesky"].args
    np.linalg.cholesky(B @ B.T + 1e-3 * np.eye(3))


def test_a_computed_argument_under_a_clause_taking_any_exception_stays_refused():
    import tangentish

    for transform in (tangentish.grad, tangentish.jvp):
        check_refusal(any_exception, (_n(3, 3), _n(3)),
                      ("`try` statement", "may raise where it cannot be asked first"), transform)
