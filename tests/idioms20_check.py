"""The cheap check of the ``idioms20`` zoos (the CI budget): each program in one mode, turn by
turn (``value_and_grad``, ``vjp``, ``jvp``, ``hvp``: a non-scalar program takes ``vjp`` for
``value_and_grad`` and a program ``hvp`` does not apply to takes ``jvp``), against seeded central
finite differences within their error estimate, the value too, and the caller's arguments
unchanged (``idioms15_check``'s comparisons).  ``python idioms20_check.py`` checks every program
in every mode (``idioms15_check.check``)."""

from __future__ import annotations

import warnings

import numpy as np
from idioms15_check import (
    Case,
    _check_jvp,
    _children,
    _compare,
    _positions,
    call_unchanged,
    check,
    check_each_position,
    check_hvp,
    copies,
    references,
)

import tangentish

MODES = ("value_and_grad", "vjp", "jvp")


def mode_of(case: Case, turn: int) -> str:
    """The mode ``case`` is checked in at its ``turn`` (its place in the table)."""
    mode = MODES[turn % len(MODES)]
    scalar = np.ndim(case.fn(*copies(case.args))) == 0
    if mode == "value_and_grad" and not scalar:
        return "vjp"
    one = not isinstance(case.wrt, tuple) and not _children(case.args[case.wrt])
    if mode == "hvp" and not (scalar and one and case.second):
        return "jvp"
    return mode


def check_mode(case: Case, mode: str) -> None:
    """``case`` in ``mode`` against the differences (its value too)."""
    if mode == "hvp":
        check_hvp(case)
        return
    refs = [references(case.fn, case.args, p) for p in _positions(case.wrt)]
    out = case.fn(*copies(case.args))
    rng = np.random.default_rng(20)
    if mode == "jvp":
        _check_jvp(case, refs, out, rng)
        return
    wrapped = lambda got: got if isinstance(case.wrt, tuple) else (got,)  # noqa: E731
    if mode == "value_and_grad":
        value, got = call_unchanged(tangentish.value_and_grad(case.fn, wrt=case.wrt), case.args)
        np.testing.assert_allclose(value, out, rtol=1e-12, atol=1e-300)
        _compare(mode, case, refs, wrapped(got))
        return
    value, pullback = call_unchanged(tangentish.vjp(case.fn, wrt=case.wrt), case.args)
    np.testing.assert_allclose(value, out, rtol=1e-12, atol=1e-300)
    v = rng.standard_normal(np.shape(out))
    _compare(mode, case, refs, wrapped(pullback(v if np.ndim(out) else float(v))), v)


def check_quietly(case: Case, mode: str) -> None:
    """:func:`check_mode` with ``RuntimeWarning`` an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        check_mode(case, mode)


def check_every_mode(cases: list) -> None:
    """Each case in every mode (``hvp`` in each position too, of a scalar), with
    ``RuntimeWarning`` an error: what ``python test_idiomsNN.py`` runs."""
    for each in cases:
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)
            scalar = np.ndim(each.fn(*copies(each.args))) == 0  # (hvp: of a scalar)
            (check_each_position if scalar else check)(each)
    print(f"{len(cases)} programs checked in every mode")


if __name__ == "__main__":
    from test_idioms20 import CASES

    for each in CASES:
        check(each)
    print(f"{len(CASES)} programs checked in every mode")
