"""A helper's parameter compared by identity (``axis is not None``, ``None is scale``) and given
a number (``_lse(x, axis=1)``, ``-1``, ``2.5``, a default ``1``) keeps its name in the generated
code: an inlined helper's number parameters are written into its body where they are read
(``passes/inline.py``, and a helper a record is passed to, ``passes/record_helpers.py``), and
``1 is not None`` there made Python warn ("is not" with a literal), a ``SyntaxError`` under ``-W
error``.  Each row is differentiated in every mode, with
``SyntaxWarning`` an error, against central differences (``idioms15_check``)."""

from __future__ import annotations

import dataclasses
import warnings

import numpy as np
import pytest
from idioms15_check import Case, by_name, check, seeded

_n, _, _ = seeded(1806)


def _lse(a, axis=None):
    m = np.max(a, axis=axis, keepdims=True)
    out = m + np.log(np.sum(np.exp(a - m), axis=axis, keepdims=True))
    return np.squeeze(out, axis=axis) if axis is not None else out.item()


def _scaled(a, scale=None, shift=1):
    if scale is not None:
        a = a * scale
    if None is not shift:
        a = a + shift
    return a


def _power(a, p=2):
    return np.sum(np.abs(a) ** p) if p is not None else np.sum(a)


def _both(a, lo, hi):
    return np.clip(a, lo, hi) if lo is not None and hi is not None else a


def lse_axis_keyword(x):
    return np.sum(_lse(x, axis=1))


def lse_axis_negative(x):
    return np.sum(_lse(x, -1)) + _lse(x)


def scale_float_and_default(x):
    return np.sum(_scaled(x, 2.5) ** 2) + np.sum(_scaled(x, shift=0.5))


def power_negative_float(x):
    return _power(x, -1.5) + _power(x) + _power(x, None)


def clip_both_numbers(x):
    return np.sum(_both(x, -0.5, 0.5) ** 2) + np.sum(_both(x, None, 1))


@dataclasses.dataclass
class StepState:
    x: np.ndarray
    v: np.ndarray


def step_state(s, dt=None):
    h = 0.05 if dt is None else dt
    return StepState(s.x + h * s.v, s.v - h * s.x)


def record_helper_number(x):
    s = StepState(x, 0.5 * x)
    s = step_state(s, 0.1)
    s = step_state(s)
    return np.sum(s.x * s.v)


CASES = [
    Case("lse_axis_keyword", lse_axis_keyword, (_n(2, 3),)),
    Case("lse_axis_negative", lse_axis_negative, (_n(2, 3),)),
    Case("scale_float_and_default", scale_float_and_default, (_n(3),)),
    Case("power_negative_float", power_negative_float, (_n(3),)),
    Case("record_helper_number", record_helper_number, (_n(3),)),
    Case("clip_both_numbers", clip_both_numbers, (np.array([-0.9, -0.2, 0.3, 0.8]),)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_identity_compared_parameter_given_a_number(name):
    with warnings.catch_warnings():
        warnings.simplefilter("error", SyntaxWarning)
        check(BY_NAME[name])
