"""Structural zeros at second order through a loop: reverse over reverse of a loop whose body
reads part of a singular value (``np.sqrt(x)[1:]``, ``np.where(x > 0.5, np.sqrt(x), 0.0)``,
``np.fmax(np.sqrt(x), 0.25)``...) at a point where the part not read is singular.

The first-order gradient is right (0 there: passes/supports.py keeps the singular partial on
the support), and so is forward over reverse (``hvp``, ``hessian``).  Reverse over reverse
differentiates the gradient's own loop, whose tape carries the values the adjoint reads: the
adjoint of the tape (``_tape_bar``, a list filled by the adjoint of ``_tape.pop()`` and read
back by the adjoint of ``_tape.append``) had no support, so the singular partial of the
primal's ``np.sqrt(x)`` met that adjoint's structural 0 unguarded: ``0 / 0`` gave NaN (fuzz
seed 3401, program 29).  Now a list's adjoint carries one mask per item
(``tangentish/runtime/item_masks.py``) from the loop that pops the list to the loop that
appended to it (passes/support_flow.py, passes/supports.py ``freeze``), and the item read back
(``object_bar[2]``) has its part of it; tests/test_structural_list_loops.py has the same class
at first order, in the user's own lists.  Without a loop (the body written out twice) the
supports follow names.

Every function is ``S ** 2`` with ``S = sum(h(x[i]) for i in M)`` (``M`` the elements the body
reads, ``h`` the singular function), built by a loop of two products; the reference is the
closed form of ``d/dx sum(grad f)``: ``2 h'(x_j) T + 2 S h''(x_j)`` for ``j`` in ``M``
(``T = sum(h'(x[i]) for i in M)``), 0 elsewhere.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from helpers import module_from_text, numeric_jacobian

import tangentish

LOOP = """
import numpy as np


def f(x):
    s = 1.0
    for _ in range(2):
        s = s * np.sum({term})
    return s
"""


def _sqrt(x):
    return np.sqrt(x), 0.5 / np.sqrt(x), -0.25 * x ** -1.5


def _log(x):
    return np.log(x), 1.0 / x, -1.0 / x ** 2


X = np.array([0.0, 1.3, 2.0, 0.7])  # x[0] = 0: the partial is inf there, unread

# name: (the loop's term, h with h' and h'', the elements read, the constant other terms add)
ROWS = {
    "sqrt_slice": ("np.sqrt(x)[1:]", _sqrt, np.arange(4) >= 1, 0.0),
    "sqrt_where": ("np.where(x > 0.5, np.sqrt(x), 0.0)", _sqrt, X > 0.5, 0.0),
    "sqrt_fmax": ("np.fmax(np.sqrt(x), 0.25)", _sqrt, np.sqrt(X) > 0.25, 0.25),
    "log_slice": ("np.log(x)[1:]", _log, np.arange(4) >= 1, 0.0),
}


def _expected(x, h, read, constant):
    """``d/dx sum(grad f)`` for ``f = S ** 2`` (``S`` the read terms plus ``constant`` per
    element not read)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        value, first, second = h(x)
        s = np.sum(value[read]) + constant * np.count_nonzero(~read)
        t = np.sum(first[read])
        return np.where(read, 2.0 * first * t + 2.0 * s * second, 0.0)


def _sum_of_gradient(fn):
    gradient = tangentish.grad(fn)

    def total(x):
        return np.sum(gradient(x))

    return total


MODES = {
    "rev-over-rev": lambda fn, x: tangentish.grad(_sum_of_gradient(fn))(x),
    "vjp-of-grad": lambda fn, x: tangentish.vjp(tangentish.grad(fn))(x)[1](np.ones_like(x)),
    "fwd-over-rev": lambda fn, x: tangentish.hvp(fn)(x, np.ones_like(x)),
    "hessian": lambda fn, x: tangentish.hessian(fn)(x) @ np.ones_like(x),
}
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", ROWS)
def test_a_loop_reading_part_of_a_singular_value_at_second_order(name, mode, tmp_path):
    term, h, read, constant = ROWS[name]
    fn = module_from_text(tmp_path, f"loop_{name}", LOOP.format(term=term)).f
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore")
        got = MODES[mode](fn, X.copy())
    expected = _expected(X, h, read, constant)
    assert np.all(np.isfinite(got)), got
    np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-12)


WRITTEN = """
import numpy as np


def f(x, v):
    z = v * 1.0
    z[1] = z[1] + z[2] * x
    s = x
    for _ in range(2):
        s = s + np.sum({term})
    return s * s
"""

V = np.array([4.0, -1.0, 0.1, 0.8])  # z[1] = -0.9 at x = 1: sqrt and log are NaN there, unread

# name: (the loop's term, h', the elements of z it reads)
WRITTEN_ROWS = {
    "sqrt_slice": ("np.sqrt(z)[::2]", lambda z: 0.5 / np.sqrt(z), [0, 2]),
    "sqrt_where": ("np.where(z > 0.5, np.sqrt(z), 0.0)", lambda z: 0.5 / np.sqrt(z), [0, 3]),
    "sqrt_fmax": ("np.fmax(np.sqrt(z), 0.25)", lambda z: 0.5 / np.sqrt(z), [0, 2, 3]),
    "log_slice": ("np.log(z)[::2]", lambda z: 1.0 / z, [0, 2]),
}

SECOND = {
    "rev-over-rev": lambda g, x, v: tangentish.grad(g, wrt=1)(x, v),
    "vjp-of-grad": lambda g, x, v: tangentish.vjp(g, wrt=1)(x, v)[1](1.0),
    "fwd-over-rev": lambda g, x, v: tangentish.jacobian(g, wrt=1, mode="fwd", progress=False)(x, v),
}


@pytest.mark.parametrize("mode", SECOND)
@pytest.mark.parametrize("name", WRITTEN_ROWS)
def test_an_element_written_before_the_loop(name, mode, tmp_path):
    """d/dv of df/dx where an element of ``z`` is written before the loop (fuzz seed 4955,
    program 186).  The gradient restores ``z[1]`` from its tape after the reversed loop and
    reads ``z[2]`` then, so reverse over reverse met the tape's adjoint ``_rt.unindex(g, _tape,
    -1)`` before the loop, its support an index whose mask reads the restored copy of ``z``,
    a name bound twice: :func:`supports.freeze_bound` dropped such a support instead of
    computing it into a name, the loop carried no mask of the tape, and the primal's
    ``np.sqrt(z)`` partial met the structural 0 unguarded (NaN).  ``z[1]``, the only element
    ``x`` moves, is never read, so ``df/dx = 2 S`` and d/dv of it is ``4 h'(v_j)`` at the
    elements ``j`` read, 0 elsewhere."""
    term, slope, read = WRITTEN_ROWS[name]
    fn = module_from_text(tmp_path, f"written_{name}", WRITTEN.format(term=term)).f
    expected = np.zeros_like(V)
    expected[read] = 4.0 * slope(V[read])
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore")
        got = SECOND[mode](tangentish.grad(fn), 1.0, V.copy())
    assert np.all(np.isfinite(got)), got
    np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-12)


def test_without_the_loop_reverse_over_reverse_is_right():
    """The same function written out (no tape): the supports follow names."""
    def unrolled(x):
        s = 1.0 * np.sum(np.sqrt(x)[1:])
        return s * np.sum(np.sqrt(x)[1:])

    with np.errstate(invalid="ignore", divide="ignore"):
        got = tangentish.grad(_sum_of_gradient(unrolled))(X.copy())
    np.testing.assert_allclose(got, _expected(X, _sqrt, np.arange(4) >= 1, 0.0), rtol=1e-10,
                               atol=1e-12)


EARLY_RETURN_IN_LOOPS = """
import numpy as np


def f(x, y):
    it = 0
    while True:
        for i in range(1, 4):
            for j in range(3):
                if np.reciprocal(1.0 + np.median(y * np.ones(2)) ** 2) > 0.0 or it % 2 == 0:
                    c = np.exp2(x) + 0.3 * x
                    return c * x * np.maximum(np.clip(np.sqrt(np.concatenate((
                        x * np.ones(2) * (x * np.ones(2)), [-1.0, 0.0])))[:2], 0.25, None).min(), 0.5)
"""


def test_a_mask_a_loop_reads_but_leaves_as_it_met_it(tmp_path):
    """Reverse over reverse of a return inside nested loops (fuzz seed 3800, program 94): the
    loops' reversed bodies read the mask of the tape carried in, which an outer loop leaves as
    it met it; the mask is made before that loop all the same (it was a NameError)."""
    fn = module_from_text(tmp_path, "early_return_in_loops", EARLY_RETURN_IN_LOOPS).f
    x, y = 1.233859433202245, 0.0
    gradient = tangentish.grad(fn)
    with warnings.catch_warnings(), np.errstate(invalid="ignore"):
        warnings.simplefilter("ignore")  # (the sqrt of the padding -1.0, never read)
        got = tangentish.grad(lambda a, b: gradient(a, b))(x, y)
        step = 1e-5
        expected = (gradient(x + step, y) - gradient(x - step, y)) / (2 * step)
    np.testing.assert_allclose(got, expected, rtol=1e-6)


def rows_normalized_in_place(Z):  # (a loop whose gradient pops its tape twice per pass)
    E = np.exp(Z)
    for i in range(E.shape[0]):
        E[i] = E[i] / E[i].sum()
    return -np.sum(np.log(E[:, 0]))


def test_a_tape_popped_twice_a_pass_in_reverse_over_reverse():
    """The tape's own support marks the item ``_tape[-1]`` read (``_rt.reads(_tape, -1, m)``);
    it was computed where the reversed pass ended, after the adjoint put both items back, a
    list one longer than the mask beside it (ValueError: masks of lists of different lengths,
    from ``jacobian(grad(f))`` in reverse mode).  Now ``freeze`` computes it before the next
    pop's adjoint, as it does the supports of other names reading the tape."""
    Z = np.array([[0.3, -0.5, 0.8, 0.1], [0.4, 0.2, -0.9, 0.6], [-0.1, 0.7, 0.2, -0.3]])
    gradient = tangentish.grad(rows_normalized_in_place)
    expected = numeric_jacobian(lambda z: np.asarray(gradient(z), dtype=np.float64), (Z,), 0,
                                step=1e-6)
    for mode in ("rev", "fwd"):
        np.testing.assert_allclose(tangentish.jacobian(gradient, mode=mode, progress=False)(Z),
                                   expected, rtol=1e-6, atol=1e-8, err_msg=mode)
