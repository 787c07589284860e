"""The ``idioms26`` zoos, each program in one mode, turn by turn (``idioms20_check``: the CI
budget; ``idioms15_check.check`` runs any row in every mode): numerics in Python loops (a Kalman
step run over measurements, an adaptive Heun-Euler pair, velocity Verlet with a closure for the
force, Newton on Kepler's equation by ``while``, a tridiagonal elimination into copies, Horner by
``coeffs[::-1]``, ``polyfit``/``polyval``/``polyder``, ``np.interp`` tables, ``cumprod``, heat
equations by ``np.roll`` and ``np.pad(mode="edge")``, ``np.clip`` in a projected-gradient loop,
``np.convolve`` and ``sliding_window_view`` smoothing, ``math.*`` beside arrays)
(``idioms26_zoo``); machine-learning pieces (a Gaussian mixture by a hand-written logsumexp,
causal and padded attention, group and instance norm, Gumbel-softmax with fixed noise, Huber /
expectile / squared-hinge / smooth-L1 / focal losses, softplus three ways, ``expm1``/``log1p``,
masked means, einsum contractions, a GP likelihood by ``solve``/``slogdet``/``inv``, a list of
dicts of parameters, a closure model, a dropout mask from a ``RandomState`` the function seeds
itself, loops and generators over ``map``/``filter``) (``idioms26_more_zoo``); against central
differences within their error estimate, with ``RuntimeWarning`` an error.

The CI budget runs the rows of :data:`RUN` (cheap rows of features the earlier tables do not
take); ``python test_idioms26.py`` checks every row in every mode
(``idioms15_check.check_each_position``: ``hvp`` in each position too, of a scalar)."""

from __future__ import annotations

import idioms26_more_zoo as m
import numpy as np
import pytest
from idioms15_check import by_name
from idioms20_check import check_every_mode, check_quietly, mode_of
from idioms26_cases import CASES

import tangentish

BY_NAME = by_name(CASES)
TURNS = {case.name: turn for turn, case in enumerate(CASES)}
RUN = ("sliding_std", "reversed_cumsum", "dropout_local_state")  # (the CI budget:
# sliding_window_view by keyword, x[::-1] around cumsum, rng.rand(*x.shape) of a local
# RandomState, refused before; a loop over a map, refused before too: test_generators.py)


@pytest.mark.parametrize("name", RUN)
def test_each_program_in_its_turn_of_mode_against_finite_differences(name):
    check_quietly(BY_NAME[name], mode_of(BY_NAME[name], TURNS[name]))


def test_a_local_random_state_draws_what_the_function_draws():
    """``rng = np.random.RandomState(1)`` then ``rng.rand(*x.shape)``: the sizes spread as for a
    module's ``RandomState`` (``rng.random_sample(tuple(x.shape) or None)``, the same draws);
    ``rng`` bound to anything else too (a parameter's value) is refused, naming the star."""
    x = np.array([[0.4, -1.2, 0.3], [2.0, 0.1, -0.7]])
    value, grad = tangentish.value_and_grad(m.dropout_local_state)(x)
    assert value == m.dropout_local_state(x)
    rng = np.random.RandomState(1)
    mask, noise = rng.rand(2, 3) > 0.3, rng.randn(2, 3)
    np.testing.assert_allclose(grad, 2 * x * mask / 0.7 ** 2 + 0.1 * noise, rtol=1e-13)
    with pytest.raises(tangentish.UnsupportedConstructError, match=r"star unpacking"):
        tangentish.grad(m.dropout_rebound_state)(x)


if __name__ == "__main__":
    check_every_mode(CASES)
