"""An inlined helper's loops are desugared into calls of builtins (``for p, q in zip(a, b)``:
``range(min(len(a), len(b)))``); those names are the helper's too.  They are checked against the
caller's names and reserved after desugaring, not before: a temporary of the caller named after
what it computes (``min = np.min(MODEL.v)``) used to take the name ``min`` that the inlined loop
calls, so the generated gradient raised ``UnboundLocalError`` (the loop first) or called a float
(``TypeError``, the temporary first) (fuzz seed 3103 program 61, where the loop was in a branch
not taken, and second order refused the call of a local).  So did a caller's own variable named
``min``.  Each row, in each order, against central differences at first and second order."""

from __future__ import annotations

import pytest
from helpers import assert_grad_close, module_from_text, numeric_grad

import tangentish

HELPERS = """
import numpy as np


class Model:
    def __init__(self):
        self.k = 1.42
        self.v = np.array([-0.74, -0.66, 0.31])

    def zipped(self, a):
        s = a
        for p, q in zip(self.v, self.v[::-1]):
            s = s + p * a * q
        return s

    def over_rows(self, a):
        s = a
        for p in self.v:
            s = s * p + a
        return s

    def enumerated(self, a):
        s = a
        for i, p in enumerate(self.v):
            s = s + i * p * a
        return s

    def smallest(self, a):
        return self.k * 0.7 * np.min(self.v) + a * np.max(self.v)


MODEL = Model()
"""

CALLERS = {
    "loop first": "    e = MODEL.{loop}(x)\n    return MODEL.smallest(e) * x\n",
    "temporary first": "    e = MODEL.smallest(x)\n    return MODEL.{loop}(e) * x\n",
    "caller's own min": "    min = np.min(x * MODEL.v)\n    return MODEL.{loop}(x) * min\n",
}


@pytest.mark.parametrize("order", sorted(CALLERS))
@pytest.mark.parametrize("loop", ["zipped", "over_rows", "enumerated"])
def test_inlined_loops_keep_their_builtins(tmp_path, loop, order):
    text = HELPERS + "\n\ndef f(x):\n" + CALLERS[order].format(loop=loop)
    module = module_from_text(tmp_path, f"inline_{loop}_{sorted(CALLERS).index(order)}", text)
    for x in (0.3, -1.1):
        assert_grad_close(tangentish.grad(module.f)(x), numeric_grad(module.f, [x]),
                          label=f"grad, {loop}, {order}")
        second = numeric_grad(tangentish.grad(module.f), [x])
        assert_grad_close(tangentish.grad(tangentish.grad(module.f))(x), second, rtol=1e-4,
                          atol=1e-6, label=f"second order, {loop}, {order}")
