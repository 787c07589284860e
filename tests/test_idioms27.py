"""The ``idioms27`` zoos, each program in one mode, turn by turn (``idioms20_check``: the CI
budget; ``idioms15_check.check`` runs any row in every mode): robotics (Euler angles by
``functools.reduce``, a Denavit-Hartenberg chain of ``NamedTuple`` links, joint angles by
``itertools.accumulate``, unicycle odometry), finance (greeks returned in a dict by a helper, an
implied volatility by Newton, risk parity, an Asian option), ecology (Lotka-Volterra by RK4,
competition, a Leslie matrix), astronomy (orbital elements both ways), pharmacokinetics (doses
from a tuple of pairs, ``expm``, Emax/Hill, AUC), splines (Cox-de Boor by recursion with a
module array as a default, de Casteljau, a natural spline), images (Harris, an unsharp mask),
graphs (``np.add.at`` Laplacians, ``expm``, label propagation) (``idioms27_zoo``); recommenders
and ranking losses, Sinkhorn, Chamfer, GIoU, Dice, ArcFace, center loss, ridge over
``np.array_split`` folds (``idioms27_more_zoo``); dataclass and ``NamedTuple`` parameters,
``**opts``, ``reduce``/``accumulate``, a config defaulting to ``None`` then ``config or {...}``,
``np.errstate``, ``assert`` and dead ``raise``, early returns (``idioms27_style_zoo``); a
bootstrap, a spectral gap, ``itertools.combinations``, kernel PCA, Gauss-Newton by ``lstsq``, a
resampled particle filter, and writes people make (overlapping slices, ``out[...] =``, a dict of
copies written in place, ``np.copyto(where=)``) (``idioms27_extra_zoo``); against central
differences within their error estimate, with ``RuntimeWarning`` an error.

The CI budget runs the rows of :data:`RUN` (cheap rows of features the earlier tables do not take)
and the tests below of the forms refused before this table (a helper returning a dict display, or a
record its caller's text does not name, a helper's default that is a module's array, a parameter
defaulting to ``None`` replaced by a dict display); ``python test_idioms27.py`` checks every row in
every mode (``idioms15_check.check_each_position``: ``hvp`` in each position too, of a scalar)."""

from __future__ import annotations

from collections import namedtuple

import numpy as np
import pytest
from idioms15_check import by_name
from idioms20_check import check_every_mode, check_quietly, mode_of
from idioms27_cases import CASES

import tangentish

BY_NAME = by_name(CASES)
TURNS = {case.name: turn for turn, case in enumerate(CASES)}
RUN = ("hedged_book",)  # (the CI budget: bs_greeks returns a dict display; refused before: a
# helper returning a dict)


@pytest.mark.parametrize("name", RUN)
def test_each_program_in_its_turn_of_mode_against_finite_differences(name):
    check_quietly(BY_NAME[name], mode_of(BY_NAME[name], TURNS[name]))


SCALES = np.array([0.5, 2.0, -1.0])


def _scaled(x, i, scales=SCALES):
    return x * scales[i] + scales[i + 1]


def global_default(x):
    return np.sum(_scaled(x, 0) * _scaled(x, 1))


def test_a_default_that_is_a_module_array_is_read_by_its_name_while_it_is_that_array():
    """``scales=SCALES`` left out of a helper's call: inlined, the body reading the global
    (passes/helper_defaults.py; a recursive helper so written was refused: idioms27_zoo's
    ``bspline_basis``).  Rebinding the global leaves the default the old array: derived again,
    the helper keeps its own derivative, reading its default, never the new global."""
    global SCALES
    x = np.array([0.3, -1.2])
    s0, s1, s2 = SCALES
    expected = s0 * (x * s1 + s2) + s1 * (x * s0 + s1)
    derivative = tangentish.grad(global_default)
    np.testing.assert_allclose(derivative(x), expected, rtol=1e-14)
    assert "SCALES" in derivative.source  # (inlined)
    old, SCALES = SCALES, np.array([9.0, 9.0, 9.0])
    try:
        np.testing.assert_allclose(derivative(x), expected, rtol=1e-14)
        assert "_scaled(x, 0)" in tangentish.grad(global_default).source  # (its own derivative)
    finally:
        SCALES = old


State = namedtuple("State", "pos vel")


def _initial(x):
    return State(np.sin(x), x * x)


def record_from_helper(x):
    s = _initial(x)
    return np.sum(s.pos * s.vel)


def test_a_helper_returning_a_record_the_callers_text_does_not_name_is_inlined():
    """``s = _initial(x)``, ``_initial`` returning ``State(...)``: inlined although the caller's
    text calls no class (syntax/naming.may_call_record_maker); it kept its own derivative,
    refused with "no derivative rule for `State`"."""
    x = np.array([0.3, -1.2])
    expected = np.cos(x) * x * x + np.sin(x) * 2 * x
    np.testing.assert_allclose(tangentish.grad(record_from_helper)(x), expected, rtol=1e-14)


def or_display(x, config=None):
    config = config or {"scale": 0.5, "power": 3}
    return np.sum(config["scale"] * x ** config["power"])


def if_none_display(x, config=None):
    if config is None:
        config = {"scale": 0.5, "power": 3}
    return np.sum(config["scale"] * x ** config["power"])


def ifexp_display(x, *, config=None):
    cfg = {"scale": 0.5, "power": 3} if config is None else config
    return np.sum(cfg["scale"] * x ** cfg["power"])


def not_none_display(x, config=None):
    cfg = config if config is not None else {"scale": 0.5, "power": 3}
    return np.sum(cfg["scale"] * x ** cfg["power"])


@pytest.mark.parametrize("fn", [or_display, if_none_display, ifexp_display, not_none_display])
def test_a_parameter_defaulting_to_none_replaced_by_a_dict_display(fn):
    """``config = config or {...}`` and its spellings: the rest of the function written for each
    (passes/none_defaults.py); refused before (a name both a parameter and a dict built)."""
    x = np.array([0.3, -1.2])
    np.testing.assert_allclose(tangentish.grad(fn)(x), 1.5 * x ** 2, rtol=1e-14)
    given = {"config": {"scale": 2.0, "power": 2}}
    np.testing.assert_allclose(tangentish.grad(fn)(x, **given), 4.0 * x, rtol=1e-14)


if __name__ == "__main__":
    check_every_mode(CASES)
