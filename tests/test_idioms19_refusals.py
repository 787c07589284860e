"""The ``idioms19`` programs tangentish refuses, each with one of its errors naming the construct,
the file, the line and a hint, in every mode (``idioms15_check.check_refusal``): never a wrong
value or a raw Python error. Each is a lost program (the report of idioms19 counts them by cause):
dict keys made from a loop bound that is a parameter (``config or {...}``, refused here before, is
differentiated since idioms27: passes/none_defaults.py), a list changed by ``.pop``/``.append``
while another list holds an item popped from it (the items are not changed: the refusal is
conservative), a property read under ``if ... else``."""

from __future__ import annotations

import idioms19_econ_zoo as econ
import idioms19_style_zoo as style
import numpy as np
import pytest
from idioms15_check import check_refusal

import tangentish

R = np.random.default_rng(1909)
_n = lambda *shape: R.normal(0.0, 1.0, shape)  # noqa: E731  (seeded points)

PARAMS = {"W0": _n(3, 4), "b0": _n(4), "W1": _n(4, 2), "b1": _n(2)}


REFUSED = [  # (function, arguments, what the message names besides the file and the line)
    (style.fstring_param_dict_depth, (PARAMS, _n(2, 3)),
     ("this use of the dict params", "constant bounds")),
    (econ.karplus_strong, (_n(6),), ("'line' is changed in place", "'out'")),
]


@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.vjp, tangentish.jvp])
@pytest.mark.parametrize("refused", REFUSED, ids=[r[0].__name__ for r in REFUSED])
def test_refusals_name_the_construct_the_file_and_the_line_in_every_mode(refused, transform):
    check_refusal(*refused[:3], transform)
