"""Functions the fuzzer's commonest refusals came from, now differentiated (refusals3):
``WORKS`` in every mode and at second order, each against central differences
(tests/test_lifted.py)."""

from __future__ import annotations

import numpy as np


def loop_item_divided(x):
    """An item of the argument changed by ``/=`` in its loop: the gradient tapes the item's
    layout (``_rt.like``), which is new, so its hessian is no longer refused (fuzz 5068/9)."""
    s = 0.0
    for _i, xi in enumerate(x):
        xi /= 1.0 + xi ** 2
        s = s + np.sin(xi)
    return s


def loop_item_scaled_twice(x):
    s = 0.0
    for xi in x:
        xi *= 0.5
        xi -= np.tanh(xi)
        s = s + xi * xi
    return s


WORKS = [loop_item_divided, loop_item_scaled_twice]


def split_then_inserted(x):
    """A NumPy split's list is a new list the function made: ``insert`` is lowered on it as on a
    display's (it raised MissingRuleError for ``.insert()``; fuzz, refusals3 item 4)."""
    ps = np.array_split(x, 3)
    ps.insert(0, np.sin(x[:4]))
    return np.sum(ps[0] * ps[1]) + np.sum(ps[2] ** 2) + np.sum(np.cos(ps[-1]))


def split_then_reversed_and_popped(x):
    ps = np.split(x * 1.5, 4)
    ps.reverse()
    first = ps.pop(1)
    ps.insert(-1, first * first)
    return np.sum(ps[0] * ps[-1]) + np.sum(ps[1]) + np.sum(np.tanh(ps[2])) + len(ps)


def sorted_then_inserted(x):
    ys = sorted([x[0], x[1] * 2.0, np.sin(x[2])])
    ys.insert(1, x[3] ** 2)
    return ys[0] * ys[1] + ys[2] - ys[-1] * x[4]


WORKS += [split_then_inserted, split_then_reversed_and_popped, sorted_then_inserted]


def split_inserted_while_another_name_holds_it(x):
    ps = np.array_split(x, 3)
    qs = ps
    ps.insert(0, x[:4] * 2.0)  # refused
    return np.sum(qs[0]) + np.sum(ps[1])


REFUSED = [split_inserted_while_another_name_holds_it]


def extreme_after_a_loop_that_may_return(x):
    """The adjoint of ``np.min(x)`` (``_rt.chosen(..., _rt.ties(x, m))``) was taken as possibly
    ``x`` itself, so the loop's ``x_bar[_i] += b_bar`` was refused at second order as changing
    what the tape holds (``b = x[_i]``), with a hint to copy ``x_bar`` (fuzz 5036/68)."""
    for a, b in zip(x, x, strict=True):
        if a > 2.0:
            return np.sin(b)
    r = x * 0.25 + np.min(x) + np.maximum(x, 0.15) * np.clip(x, -0.45, 0.55)
    return np.sin(r[1]) * r[-4] + np.sum(r ** 2)


WORKS += [extreme_after_a_loop_that_may_return]


class Smoother:
    def __init__(self, k):
        self.k = k
        self.w = np.array([0.2, 0.5, 0.3])

    def smooth_into(self, a, b):
        """Changes its argument in place, as helpers of the module may (inlined the same way:
        refused at the call before refusals3, item 1)."""
        a[0] = a[1] * b * self.k
        a[1:] -= 0.1 * np.tanh(a[:-1])
        return np.sum(a * a) * b

    def bump_own(self, a):
        self.w[0] = a[0]
        return np.sum(self.w)


SMOOTHER = Smoother(0.7)


def method_changing_its_argument(x):
    z = x * 2.0
    c = SMOOTHER.smooth_into(z, x[2])
    return c + np.sum(z ** 2)


WORKS += [method_changing_its_argument]


def method_changing_its_object(x):
    return SMOOTHER.bump_own(x * 2.0) + x[0]
