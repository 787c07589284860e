"""``y op= v`` where ``y`` was made from ``v``: generic code proves NumPy's update keeps ``y``'s
dtype and shape, and checks nothing (passes/promotion.py); everywhere else the check stays.

For each program and dtype of ``x`` (float64, float32, and int64, which the API makes floating),
the derivative either matches central differences, with the value and its dtype as the function
computes them, or raises where NumPy does.  The source shows which updates are still checked.
"""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_every_mode, module_from_text

import tangentish
from tangentish.errors import TangentishError

TEXT = '''import numpy as np


def f(x, a):
    y = MAKE
    y OP= VALUE
    return np.sum(y * y)
'''

# name: (how y is made, the operator, the value, whether generic code proves the update)
PROGRAMS = {
    "sin_plus": ("np.sin(x * 2.0)", "+", "x", True),
    "scaled_times": ("-x * 3 + 1.5", "*", "x", True),
    "exp_plus_number_made": ("np.exp(x) ** 2", "+", "x", True),
    "minus": ("np.sin(x * 2.0)", "-", "x", False),  # (datetime - datetime is a timedelta)
    "other_value": ("np.sin(x * 2.0)", "+", "a", False),
    "abs_made": ("np.abs(x) + 1.0", "+", "x", False),  # (abs of complex is real)
    "sum_made": ("x + a", "+", "x", False),  # (int + datetime is a datetime)
    "grown": ("x[0] * 2.0", "+", "x", False),
    "float32_made": ("np.sin(a * 2.0)", "+", "x", False),
}

X = np.array([0.3, -0.7, 1.1])
A = np.array([0.5, 0.25, -1.5])
DIRECTION = np.array([1.0, 0.5, -0.25])


def _f(tmp_path, name: str):
    make, op, value, _ = PROGRAMS[name]
    text = TEXT.replace("MAKE", make).replace("OP", op).replace("VALUE", value)
    return module_from_text(tmp_path, f"promotion_{name}", text).f


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_checked_only_where_unproven(tmp_path, name: str) -> None:
    source = tangentish.grad(_f(tmp_path, name)).source
    assert ("_rt.in_place(" not in source) == PROGRAMS[name][3], source


@pytest.mark.parametrize("name", [n for n in sorted(PROGRAMS) if n != "grown"])
def test_every_mode_matches_differences(tmp_path, name: str) -> None:
    f = _f(tmp_path, name)
    assert_every_mode(lambda x: f(x, A), X, DIRECTION)


@pytest.mark.parametrize("dtype", [np.float32, np.int64])
@pytest.mark.parametrize("name", [n for n in sorted(PROGRAMS) if PROGRAMS[n][3]])
def test_proven_updates_keep_numpys_dtype(tmp_path, name: str, dtype) -> None:
    """What the function computes for a float32 ``x`` (an int64 one the API makes float64),
    the derivative computes too, in that dtype."""
    f = _f(tmp_path, name)
    x = X.astype(dtype) if dtype is np.float32 else np.array([1, -2, 3])
    value, gradient = tangentish.value_and_grad(f)(x, A)
    expected = f(x.astype(np.float64) if dtype is np.int64 else x, A)
    assert np.asarray(value).dtype == np.asarray(expected).dtype
    np.testing.assert_allclose(value, expected, rtol=1e-6)
    assert gradient.dtype == np.asarray(expected).dtype


def test_an_unproven_update_still_raises_as_numpy(tmp_path) -> None:
    """``y = x[0] * 2.0; y += x``: a number rebound (no error), a row grown: NumPy raises."""
    f = _f(tmp_path, "grown")
    matrix = np.ones((2, 3))
    with pytest.raises(ValueError):
        f(matrix.copy(), A)
    with pytest.raises((TangentishError, ValueError)) as raised:
        tangentish.grad(f)(matrix, A)
    assert isinstance(raised.value, ValueError)
