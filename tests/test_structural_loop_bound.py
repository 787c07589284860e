"""Structural zeros of a name a loop binds (passes/support_flow.py ``LoopSupports``): a support
met after the loop (``r[2]`` read, ``np.where`` chose) used to be lost at the loop, whose reversed
body then multiplied a singular partial (``np.sqrt`` at 0 or below, ``np.log`` at 0, ``1 / x``) by
the structural 0 of an element the output never reads: NaN (fuzz seed 4203 program 36).  The
loop's exit value is a copy of the name the body binds (``r_1 = r``), which now hands on the
support, and a name the body binds carries a mask across iterations like one it only reads.
A loop that does not touch such a copy (``q = z`` in a branch, ``for _ in q: pass``) kept it no
more (fuzz seed 4200 program 111); nor a reduction of a singular value (``np.median(np.sqrt(p))``
appended in a loop, its sum written where nothing reads it: seed 4701 program 194).

And a support whose test reads a name bound further down the body, in a branch (``m`` below),
crossing into an earlier branch's adjoint: the tape gave that adjoint the value the name had
where the earlier branch ended (another iteration's, or none: UnboundLocalError; and the second
order of fuzz seed 89 program 89 once the first fix made more such supports).  The test is now
computed before the earlier branch's adjoint (``freeze_crossing``).

And the support an ``if`` after a loop leaves (``True if ok else False``: the branch not taken
leaves the adjoint 0), whose test reads a name the loop binds (``ok = False`` in its body;
``all(...)`` of a generator is such a loop): it was dropped at the loop, which leaves it as it
met it, and the singular partial before the loop met the structural 0 (NaN: fuzz seed 5017
program 58).  It is now computed into a mask before the reversed loop.

And names rotated by a loop (``t, c, x = c, x, np.sin(x) * c + np.cos(t)``): the mask of ``x``'s
adjoint was updated from ``c``'s, which the reversed body itself never read, so ``c``'s mask was
never made (NameError: ``c_1_read``, fuzz seed 4782 program 79 at first order, seed 4783
program 65 at second).

A mask read only by another mask's update (``x_read = np.logical_or(a_read, ...)``: names bound
in a rotation, ``s, a, x = (a, x, ...)``, hand their adjoints on each iteration) was never made
before the loop: NameError (fuzz seed 4760 program 69, :func:`test_masks_handed_on_in_a_rotation`).

Each row: the gradient at a point where an unread element of ``p`` (the first) is singular is 0
there and matches central finite differences elsewhere, on the generic call and the specialized
ones."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from helpers import assert_reverse_modes, numeric_grad, specialized_calls

import tangentish


def rebound_each_time(p):
    for _ in p:
        r = np.sqrt(p)
    return r[2]


def carried(p):
    r = p * 1.0
    for _ in range(2):
        r = np.sqrt(r) + 0.0
    return r[1] + r[3]


def growing(p):
    r = p[:1]
    for k in range(2, 5):
        r = np.log(p[:k])
    return r[1] * r[3]


def in_a_branch(p):
    r = p + 1.0
    for i in range(3):
        if i == 1:
            r = 1.0 / p
    return r[1:].sum()


def broken(p):
    r = p
    for i in range(4):
        r = np.sqrt(p) * (i + 1.0)
        if i >= 2:
            break
    return r[3] - r[1]


def read_inside(p):
    total = 0.0
    for i in range(2):
        r = np.sqrt(p)
        total = total + r[2] * i
    return total + r[1]


def chosen_after(p):
    for _ in range(2):
        r = np.sqrt(p)
    return np.sum(np.where(p > 0, r, 0.0))


def while_loop(p):
    r = p
    k = 0
    while k < 3:
        r = np.arcsin(p - 0.5 * k)
        k += 1
    return r[2] + r[1]


def later_branch(p):
    acc = 0.0
    for i in range(3):
        if i != 1:
            s = np.sqrt(p)
            w = s * 2.0
        else:
            w = p * 3.0
        if i > 0:
            m = p > 0.5 * i
            acc = acc + np.sum(np.where(m, w, 0.0))
        else:
            acc = acc + np.sum(w[1:])
    return acc


def later_branch_bound_before(p):
    m = p > 100.0
    acc = 0.0
    k = 0
    while k < 3:
        if k != 1:
            s = 1.0 / p
            w = s - 0.5
        else:
            w = p * 3.0
        if k > 0:
            m = p > 0.5 * k
            acc = acc + np.sum(np.where(m, w, 0.0)) + np.sum(m)
        else:
            acc = acc + w[2]
        k += 1
    return acc


def copy_across_a_loop(p):
    z = np.sqrt(p)
    q = p * 1.0
    if p[1] < 0.0:
        q = z
    for _ in q:
        pass
    return q[1] + q[2]


def reduced_in_a_loop(p):
    parts = []
    for _ in range(3):
        parts.append(np.median(np.sqrt(p)))
    y = np.zeros(2)
    y[1] = sum(parts)
    return y[0] + p[1]


def flagged_after_a_loop(p):
    e = np.sum(np.sqrt(p))
    ok = True
    for t in p[1:]:
        if t > 3.0:
            ok = False
    s = p[2] * 1.0
    if ok:
        s = s + e
    return s + p[1]


def all_of_a_generator(p):
    e = np.mean(np.sqrt(p))
    s = p[1] * 1.0
    if all(t < 3.0 for t in p):
        s = s + e
    return s + p[2]


CASES = [
    (rebound_each_time, np.array([-0.7, 0.3, 1.25, 2.0])),
    (rebound_each_time, np.array([0.0, 0.3, 1.25, 2.0])),
    (carried, np.array([0.0, 4.0, 1.0, 2.25])),
    (growing, np.array([0.0, 4.0, 1.0, 2.25])),
    (in_a_branch, np.array([0.0, 4.0, 1.0, 2.25])),
    (broken, np.array([-1.0, 4.0, 1.0, 2.25])),
    (read_inside, np.array([0.0, 4.0, 1.0, 2.25])),
    (chosen_after, np.array([-1.0, 4.0, 1.0, 2.25])),
    (while_loop, np.array([2.0, 0.4, 0.3, 0.2])),
    (copy_across_a_loop, np.array([0.0, 4.0, 1.2, 2.25])),
    (reduced_in_a_loop, np.array([0.0, 4.0, 1.2, 2.25])),
    (later_branch, np.array([0.0, 4.0, 1.2, 2.25])),
    (later_branch_bound_before, np.array([0.0, 4.0, 1.2, 2.25])),
    (flagged_after_a_loop, np.array([0.0, 4.0, 1.2, 2.25])),
    (all_of_a_generator, np.array([0.0, 4.0, 1.2, 2.25])),
]


@pytest.mark.parametrize("fn, p", CASES, ids=[f"{c[0].__name__}-{c[1][0]}" for c in CASES])
@pytest.mark.parametrize("mode", ["grad", "value_and_grad"])
def test_an_unread_singular_element_gets_zero(fn, p, mode):
    derivative = getattr(tangentish, mode)(fn)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        results = specialized_calls(derivative, (p,), 3)
        rest = numeric_grad(lambda u: fn(np.concatenate([p[:1], u])), (p[1:],), 0)
    for result in results:
        gradient = result[1] if mode == "value_and_grad" else result
        assert gradient[0] == 0.0, gradient  # (p[0] is singular, and never read)
        np.testing.assert_allclose(gradient[1:], rest, rtol=1e-6, atol=1e-8)


def rotated(x):
    c = -np.tanh(x)
    t = np.log2(1.0 + (x + 1.0) ** 2)
    for _ in range(2):
        t, c, x = (c, x, np.sin(x) * c + np.cos(t))
    return t


@pytest.mark.parametrize("x", [0.7, -0.4])
def test_a_mask_read_by_another_masks_update_is_made(x):
    np.testing.assert_allclose(tangentish.grad(rotated)(x), numeric_grad(rotated, (x,), 0),
                               rtol=1e-6, atol=1e-8)
    tangentish.check_grads(rotated, (x,), order=2, warn=False)


def rotated_handed(x):
    a = 0.5 / (2.0 + np.sin(x))
    for _ in range(3):
        s, a, x = (a, x, np.sin(x) * a)
    return s


def rotated_after_a_loop(x):
    for _ in range(2):
        a = 0.5 / (2.0 + np.sin(x))
    k = 0
    while k < 2:
        k += 1
        a /= 1.0 + x
    for _ in range(3):
        s, a, x = (a, x, np.sin(x) * a)
    return s


@pytest.mark.parametrize("fn", [rotated_handed, rotated_after_a_loop], ids=lambda f: f.__name__)
def test_masks_handed_on_in_a_rotation(fn):
    assert_reverse_modes(fn, 1.4)
