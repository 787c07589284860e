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
