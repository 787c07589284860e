"""The ``idioms18`` programs tangentish refuses, each with one of its errors naming the construct,
the file, the line and a hint, in every mode (``idioms15_check.check_refusal``): never a wrong
value or a raw Python error."""

from __future__ import annotations

import idioms18_gp_zoo as gp
import idioms18_recipes_zoo as recipes
import numpy as np
import pytest
from idioms15_check import check_refusal

import tangentish

R = np.random.default_rng(1810)
_n = lambda *shape: R.normal(0.0, 1.0, shape)  # noqa: E731  (seeded points)

REFUSED = [  # (function, arguments, what the message names besides the file and the line[, wrt])
    (recipes.householder_r_diag, (_n(4, 3),),
     ("'R' is changed in place", "'x', which shares its memory", "x = x.copy()")),
    (recipes.richardson_derivative, (np.array([0.5, 1.3]),),
     ("`.append()` called on `D[i]`", "a name of its own")),
    (gp.periodic_kernel_dict, (np.linspace(-1.0, 1.0, 4), _n(4)),
     ("a dict built from the argument 'hypers', whose keys are known only when", "dict(hypers)",
      "hypers['s']")),
]


@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.vjp, tangentish.jvp])
@pytest.mark.parametrize("refused", REFUSED, ids=[r[0].__name__ for r in REFUSED])
def test_refusals_name_the_construct_the_file_and_the_line_in_every_mode(refused, transform):
    check_refusal(*refused[:3], transform, *refused[3:])  # (a fourth item: wrt)
