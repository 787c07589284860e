"""The ``idioms24`` zoos, each program in one mode, turn by turn (``idioms20_check``: the CI
budget; ``idioms15_check.check`` runs any row in every mode): physics, statistics, machine
learning, optimisation test functions, signal processing and geometry written the way people
write NumPy (``idioms24_zoo``: ``math`` on numbers, the walrus, star unpacking, ``while True``
with a ``break``, ``functools.reduce``, a class's ``__call__``, ``np.piecewise``/``np.select``/
``np.interp``/``np.trapezoid``/``np.gradient``/``np.maximum.accumulate``/``np.cov``/
``np.median``, ``scipy.special.i0e``, ``logsumexp(b=)``), and the Python around it
(``idioms24_tricky_zoo``: dicts of callables, ``functools.partial``, ``*args``/``**kwargs``
helpers, ``nonlocal``, recursion, ``out=``, ``np.fill_diagonal``, in-place ``sort``, ``%``/
``//``/``np.floor``, builtin ``abs``/``max``/``round``, ``eigh``/``svd``/``expm``/``kron``, and
a dict of parameters stepped by a loop over its keys: ``{k: params[k] - lr * grads[k] for k in
params}``, ``for name, value in params.items(): new[name] = value - lr * grads[name]``), against
central differences within their error estimate, with ``RuntimeWarning`` an error.

The CI budget runs the rows of :data:`RUN` (the dict-key loops, refused before, and cheap rows of
features the earlier tables do not take); ``python test_idioms24.py`` checks every row in every
mode (``idioms15_check.check_each_position``: ``hvp`` in each position too, of a scalar)."""

from __future__ import annotations

import warnings

import pytest
from idioms15_check import by_name
from idioms20_check import check_every_mode, check_mode, mode_of
from idioms24_cases import CASES as CASES24
from idioms24_tricky_cases import CASES as TRICKY

CASES = [*CASES24, *TRICKY]

BY_NAME = by_name(CASES)
TURNS = {case.name: turn for turn, case in enumerate(CASES)}
RUN = ("sgd_step_comprehension", "sgd_step_items", "decay_over_keys",  # (refused before)
       "clip_active_bounds", "sort_in_place", "mod_floor_phase", "floordiv_bins", "split_chunks",
       "interp_resample", "out_argument", "partial_terms", "reduceat_segments", "heat_padded",
       "nan_guarded", "shoelace_area", "star_args", "rosenbrock_walrus", "styblinski_tang_star",
       "median_abs_deviation_loss", "det_inverse", "eigh_energy", "focal_binary", "kron_lift",
       "triangle_mesh_area", "safe_pairwise", "select_regimes", "trace_offset_diagonal",
       "convolve_same", "polyval_fit", "searchsorted_lookup")


@pytest.mark.parametrize("name", RUN)
def test_each_program_in_its_turn_of_mode_against_finite_differences(name):
    case = BY_NAME[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        check_mode(case, mode_of(case, TURNS[name]))


if __name__ == "__main__":
    check_every_mode(CASES)
