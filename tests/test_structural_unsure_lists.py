"""Forward mode's masks carried by a loop, of a name that may hold a list or tuple and may have
no value yet as the loop starts.

Forward mode carries the mask of a name a loop binds from one iteration to the next
(passes/support_flow.py ``carried``), made before the loop.  A mask of a list or tuple (one per
item) reads the name for its items, ``_rt.read_mask(e_1, True)``: an item of ``tuple(v)`` (what
``for e in v`` iterates) copied in one branch inside the loop (``e_1 = e``, an inner loop
rebinding ``e``) has no value before the loop, and the jvp raised ``UnboundLocalError`` (fuzz
seed 5918 program 18, float32, hvp and hessian).  Such a name (not a parameter, not bound on
every path to the loop: ``dataflow.bound_before``) is not carried; the tangent is checked
against central differences.
"""

from __future__ import annotations

import numpy as np
import pytest
from helpers import module_from_text, numeric_jacobian

import tangentish

PROGRAMS = """
import numpy as np


def branch_copy(x, v):  # (e_1 = e in the else branch only)
    t = x
    for e in v:
        if t > 10.0:
            pass
        else:
            for _ in range(2):
                e, t = (t, np.sqrt(np.maximum(t, 0.0)) + np.cos(e))
    return t


def while_copy(x, v):  # (the same, the inner loop a while)
    t = x
    for e in v:
        k = 0
        if t < -10.0:
            t = t + 1.0
        else:
            while k < 2:
                e, t = (t, np.sqrt(np.maximum(t, 0.0)) * np.sin(e) + 0.5)
                k = k + 1
    return t
"""


@pytest.mark.parametrize("name", ["branch_copy", "while_copy"])
def test_jvp(tmp_path, name):
    f = getattr(module_from_text(tmp_path, f"unsure_{name}", PROGRAMS), name)
    v = np.array([0.5, -0.2, 0.9])
    value, tangent = tangentish.jvp(f, wrt="x")(0.3, v, x_dot=1.0)
    assert value == f(0.3, v)
    np.testing.assert_allclose(tangent, numeric_jacobian(f, [0.3, v], 0), rtol=1e-6, atol=1e-8)
