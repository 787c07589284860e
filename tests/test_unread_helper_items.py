"""An item of a helper's tuple output read on no path that runs: its adjoint is 0 by structure, and
a singular partial behind it (``d sqrt(|x|) = inf`` at ``x = 0``) must not make ``0 * inf``.

The helper has a derivative of its own (a local changed in place, or ``tangentish.checkpoint``);
the caller asks it, through a probe (``runtime/probes.py``), which of its parameters the items
read can reach (``passes/supports_called.py``).  Two ways the structural zero was lost:

- The adjoint of ``(1.0, s)`` is an array standing for the tuple (``array([g0, g1])``), and the
  mask of the items read met it as "any item read": the probe was NaN in every row, so the
  helper's gradient reached ``scale`` from the unread item too (fuzz seed 5853 program 18: an
  ``if 1.0:`` choosing the constant item; ``runtime/item_masks.py`` ``mask_of`` now takes row
  ``k`` from item ``k``'s mask).
- A loop that runs no iteration (``for _ in range(0)``, ``while False``, a counter already done)
  binding a name that may hold a tuple (an item of a helper's output may be one) carried no mask
  of its adjoint (``passes/support_flow.py`` ``LoopSupports``): unknown after the loop, so the
  unread item counted as read.

Each row, at a point where the dead item's partial is infinite, against central finite
differences in every mode (``f`` reads ``x`` elsewhere too, so nothing is 0 by accident).
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from helpers import module_from_text

import tangentish

# name: (decorator, signature, body, how the caller passes scale)
HELPERS = {
    "keyword_only": ("", "a, *, scale=1.0", "e = a * 1.0\n    e *= 1.0\n    return (1.0, scale)",
                     "scale="),
    "positional": ("", "a, scale", "e = a * 1.0\n    e *= 1.0\n    return (1.0, scale)", ""),
    "read_item_active": ("", "a, *, scale=1.0",
                         "e = a * 1.0\n    e *= 1.0\n    return (a * 2.0, scale)", "scale="),
    "three_items": ("", "a, *, scale=1.0",
                    "e = a * 1.0\n    e *= 1.0\n    return (1.0, scale, scale * 2.0)", "scale="),
    "list_output": ("", "a, *, scale=1.0", "e = a * 1.0\n    e *= 1.0\n    return [a * 2.0, scale]",
                    "scale="),
    "checkpointed": ("@tangentish.checkpoint", "a, scale=1.0", "return (a * 1.0, scale)", ""),
}

# name: statements binding acc to s (read) on the path that runs, to c (unread) on the other
TESTS = {
    "if_float": "if 1.0:\n        acc = s\n    else:\n        acc = c",
    "if_true": "if True:\n        acc = s\n    else:\n        acc = c",
    "if_zero": "if 0:\n        acc = c\n    else:\n        acc = s",
    "ternary": "acc = s if True else c",
    "while_false": "acc = s\n    while False:\n        acc = c",
    "for_range_0": "acc = s\n    for _ in range(0):\n        acc = c",
    "while_counter_done": "acc = s\n    n = 0\n    while n > 3:\n        acc = c\n        n -= 1",
}

ROWS = [  # (helper, test, x: a float or an array)
    ("keyword_only", "if_float", "float"),  # (fuzz seed 5853 program 18)
    ("positional", "if_true", "float"),
    ("three_items", "if_zero", "float"),
    ("list_output", "ternary", "float"),
    ("read_item_active", "while_false", "array"),
    ("checkpointed", "for_range_0", "array"),
    ("keyword_only", "while_counter_done", "float"),
]

TEXT = """import numpy as np
import tangentish


{decorator}
def pair({signature}):
    {body}


def f(x):
    s, c, *_ = pair(x * x, {keyword}np.sqrt(np.abs(x)))
    {test}
    return np.sum(np.sin(acc) * x) + np.sum(x)
"""

STEP = 1e-5


def _central(f, x):
    """Central differences of ``f`` at ``x`` (a float or an array), of ``x``'s form."""
    if isinstance(x, float):
        return (f(x + STEP) - f(x - STEP)) / (2 * STEP)
    out = np.empty(np.shape(f(x)) + x.shape)
    for index in np.ndindex(x.shape):
        shift = np.zeros_like(x)
        shift[index] = STEP
        out[(...,) + index] = (f(x + shift) - f(x - shift)) / (2 * STEP)
    return out


@pytest.mark.parametrize(("helper", "test", "kind"), ROWS, ids=["-".join(r) for r in ROWS])
def test_an_unread_item_meets_an_infinite_partial(tmp_path, helper: str, test: str,
                                                  kind: str) -> None:
    decorator, signature, body, keyword = HELPERS[helper]
    name = f"unread_{helper}_{test}_{kind}"
    module = module_from_text(tmp_path, name, TEXT.format(
        decorator=decorator, signature=signature, body=body, keyword=keyword, test=TESTS[test]))
    f = module.f
    x = 0.0 if kind == "float" else np.array([0.0, 0.6])
    direction = 0.7 if kind == "float" else np.array([0.7, -1.3])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # (sqrt(|x|)' = inf in the dead item)
        expected = _central(f, x)
        curvature = _central(lambda y: _central(f, y), x)
        results = {
            "grad": (tangentish.grad(f)(x), expected),
            "value_and_grad": (tangentish.value_and_grad(f)(x)[1], expected),
            "vjp": (tangentish.vjp(f)(x)[1](-1.5), -1.5 * expected),
            "jvp": (tangentish.jvp(f)(x, x_dot=direction)[1], np.sum(expected * direction)),
            "hessian": (tangentish.hessian(f)(x), curvature),
            "hvp": (tangentish.hvp(f)(x, direction), curvature @ direction if kind == "array"
                    else curvature * direction),
        }
    assert np.all(np.isfinite(expected)) and np.all(np.isfinite(curvature))
    for mode, (got, want) in results.items():
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-4, err_msg=f"{name}: {mode}")
