"""An element assignment into the part of an array that the output does not read: the value
written has an adjoint of 0 by structure, which a singular partial behind it must not turn into
``0 * inf``.

The adjoint of ``r[3] = v`` reads ``v``'s adjoint back as ``r_bar[3]`` (``_rt.written``, or an
index of ``r_bar``); where ``r_bar`` has a support (``r[0]`` read, a slice, ``np.where``), ``v``'s
adjoint is that index of its mask: ``passes/supports_made.py`` (``_moved_mask``) moves the mask as
the adjoint is moved, so ``np.sqrt(x)`` written into ``r[3]`` at ``x[0] = 0`` gives 0 there, not
NaN (fuzz seed 3802, program 15: ``r4[3] += np.minimum(np.amax(np.take(np.sqrt(...))), 0.5)``
with only ``r4[0]`` read).  Before, such an adjoint had no support.

Every row is ``f(x) = sum(sin(x)) + <read of r>`` with ``r = 2 x`` and a singular value of
``x[0] = 0`` written where the read does not look; the reference is central differences (the
value written there never reaches the output).

An element written and then overwritten before anything reads it (``r[3] = np.sqrt(u)``, then
``r[3] = v``) is unread the same way, where nothing else gave ``r``'s adjoint a support: the
adjoint of the overwrite (``_rt.zero_index(r_bar, 3)``) makes one, everywhere but the elements
overwritten (``supports_made.overwritten``); and ``math.pow`` and ``pow`` of a Python float keep
their partial on the support as a unary function's is (fuzz seed 4768, program 181:
``z4[3], z4[3] = (z4[3] * math.pow(abs(...), 0.5), z4[3])``).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from helpers import module_from_text, numeric_grad

import tangentish

TEXT = """
import numpy as np


def f(x):
    r = x * 2.0
    {write}
    return np.sum(np.sin(x)) + {read}
"""

# name: the write (a singular function of x, at x[0] = 0, lands in r[3] only)
WRITES = {
    "item": "r[3] = np.sum(np.sqrt(x))",
    "item_augmented": "r[3] += np.sum(np.log(x + 1.0) * np.sqrt(x))",
    "slice": "r[3:] = np.sqrt(x[:1])",
    "reversed_step": "r[::-3] = np.sqrt(x[:2])",
    "integer_array": "r[[3, 1]] = np.sqrt(x[:2])",
    "slice_augmented": "r[2:] += np.sqrt(x[[1, 0]])",
    "negative_item": "r[-1] = np.sum(np.cbrt(x))",
}

# name: the read (never r[3])
READS = {
    "item": "r[0]",
    "slice": "np.sum(r[:3] ** 2)",
    "where": "np.sum(np.where(x > 0.5, r, 0.0))",
    "negative_item": "r[-4] * r[-3]",
}

X = np.array([0.0, 1.3, 2.0, 0.2])  # x[3] <= 0.5: np.where does not read r[3]


def _function(tmp_path, write: str, read: str):
    text = TEXT.format(write=WRITES[write], read=READS[read])
    return module_from_text(tmp_path, f"item_writes_{write}_{read}", text).f


MODES = {
    "grad": lambda f, x: tangentish.grad(f)(x),
    "value_and_grad": lambda f, x: tangentish.value_and_grad(f)(x)[1],
    "vjp": lambda f, x: tangentish.vjp(f)(x)[1](1.0),
    "jvp": lambda f, x: np.array([tangentish.jvp(f)(x, x_dot=e)[1] for e in np.eye(x.size)]),
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("read", READS)
@pytest.mark.parametrize("write", WRITES)
def test_a_singular_value_written_where_nothing_reads_has_a_zero_adjoint(tmp_path, write, read,
                                                                         mode):
    f = _function(tmp_path, write, read)
    with np.errstate(invalid="ignore", divide="ignore"):  # (the unread element is NaN or inf)
        expected = numeric_grad(f, (X.copy(),))
        got = MODES[mode](f, X.copy())
    assert np.all(np.isfinite(got)), got
    np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-7)


# name: the writes (a singular function of x, at x[0] = 0, lands where a later write overwrites)
OVERWRITTEN = {
    "item": "r[3] = np.sum(np.sqrt(x))\n    r[3] = x[1]",
    "slice": "r[2:] = np.sqrt(x[:2])\n    r[2:] = x[1:3]",
    "math_pow": "r[3] = math.pow(abs(x[0] - x[0] * 1.0), 0.5)\n    r[3] = x[1]",
    "pair": "r[3], r[3] = (r[3] * math.pow(abs(x[0] - x[0] * 1.0), 0.5), r[3])",
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("write", OVERWRITTEN)
def test_a_singular_value_overwritten_before_it_is_read_has_a_zero_adjoint(tmp_path, write, mode):
    text = "import math\n" + TEXT.format(write=OVERWRITTEN[write], read="np.sum(r * r)")
    f = module_from_text(tmp_path, f"overwritten_{write}", text).f
    with np.errstate(invalid="ignore", divide="ignore"):
        expected = numeric_grad(f, (X.copy(),))
        got = MODES[mode](f, X.copy())
    assert np.all(np.isfinite(got)), got
    np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-7)
    assert math.isfinite(float(f(X.copy())))
