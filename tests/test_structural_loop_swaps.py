"""Reverse mode's read masks across a loop whose values change places (``x, t, u = t, u,
g(u, t, x)``): the mask of one name's adjoint, at the end of a reversed iteration, is the mask
of another's (``u_bar = t_bar``), so its update reads that other mask even where the loop body
itself does not (``passes/support_flow.py``, ``LoopSupports.carry``: such a mask is made before
the loop too).  The derivative read a mask never made: ``NameError`` (fuzz seed 4800 program
22).  Table: swaps of two and three names, in one loop and in a loop inside a loop, with a
singular function before them (so their values' adjoints carry masks), every mode and second
order against central finite differences (``helpers.assert_both_orders``)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_both_orders, module_from_text

# the body of f(x); each makes `w`, a function of x behind a singular function, then swaps
BODIES = {
    "three_names": "w = np.sqrt(1.0 + x[0] ** 2)\n    t = x * 0.7\n    u = x * 1.0\n"
                   "    for _ in range(3):\n        w, t, u = (t, u, np.sin(u) * t + np.cos(w))\n"
                   "    return np.sum(w)",
    "two_names": "w = np.reciprocal(1.0 + x ** 2)\n    t = x * 0.5\n"
                 "    for _ in range(3):\n        w, t = (t, np.tanh(t) + w)\n"
                 "    return np.sum(w)",
    "loop_in_a_loop": "w = np.reciprocal(1.0 + x[1] ** 2)\n    for xi in x:\n"
                      "        t = xi * 0.7\n        for _ in range(2):\n"
                      "            w, t, xi = (t, xi, np.sin(xi) * t + np.cos(w))\n"
                      "    return w",
    "three_names_all_read": "w = np.sqrt(1.0 + x[0] ** 2)\n    t = x * 0.7\n    u = x * 1.0\n"
                            "    for _ in range(3):\n"
                            "        w, t, u = (t, u, np.sin(u) * t + np.cos(w))\n"
                            "    return np.sum(w) + np.sum(u)",
    "rotation_with_a_power": "a = (1.0 + x * x) ** 0.5\n    b = x * 0.3\n    c = x - 1.0\n"
                             "    for _ in range(4):\n"
                             "        a, b, c = (b, c, a * b + np.cbrt(c * c + 1.0))\n"
                             "    return np.sum(a)",
}


@pytest.mark.parametrize("name", sorted(BODIES))
def test_swapped_values_keep_their_read_masks(tmp_path, name):
    module = module_from_text(tmp_path, f"swap_{name}",
                              f"import numpy as np\n\n\ndef f(x):\n    {BODIES[name]}\n")
    assert_both_orders(module.f, np.array([0.3, -0.2, 0.5]))
