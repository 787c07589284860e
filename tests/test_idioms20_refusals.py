"""The ``idioms20`` programs tangentish refuses, each with one of its errors naming the construct,
the file, the line and a hint, in reverse and forward mode (``idioms15_check.check_refusal``):
never a wrong value or a raw Python error. Each is a lost program (idioms20's report counts them
by cause; ``opts or {...}`` and ``reg if reg is not None else {...}`` of a parameter defaulting
to ``None`` are differentiated since idioms27: passes/none_defaults.py, a dict display
subscripted at once at a parameter since fuzzhunt35): ``dict.setdefault`` of a key that is not a
constant, ``**kwargs`` in the differentiated function's own signature, a dataclass with
``__post_init__`` built in the function, an object's ``__call__`` (made by a classmethod) called,
``getattr(np, name)`` of a name looping over a parameter's default tuple, a recursive helper
whose depth the data decide, ``nonlocal``."""

from __future__ import annotations

import idioms20_style_zoo as style
import numpy as np
import pytest
from idioms15_check import check_refusal

import tangentish

X = np.array([0.7, -1.2, 0.4, 2.3, -0.3, 1.1])

REFUSED = [  # (function, arguments, what the message names besides the file and the line)
    # (style.dict_display_subscript is differentiated since fuzzhunt35: hoisted, a dict local
    # read at a parameter; test_oop32's test_a_constant_table_read_at_a_parameter_dispatches)
    (style.setdefault_cache, (X,), ("a key of 'cache' that is not a constant", "constant keys")),
    (style.kwargs_forwarded, (X,), ("`**kwargs`", "list the parameters")),
    (style.box_objective, (np.array([0.0, 0.5]), np.array([1.5, 2.0])), ("`Box`", "dataclass")),
    (style.poly_from_roots, (np.array([0.5, -1.0, 2.0]), X), ("a local value", "module-level")),
    (style.getattr_dispatch, (X,), ("getattr(np, name)", "string constants")),
    (style.recursion_sum, (X,), ("recursive call", "as a loop")),
    (style.nonlocal_counter, (X,), ("`nonlocal`", "return the value")),
]


@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.jvp])
@pytest.mark.parametrize("refused", REFUSED, ids=[r[0].__name__ for r in REFUSED])
def test_refusals_name_the_construct_the_file_and_the_line_in_both_modes(refused, transform):
    check_refusal(*refused[:3], transform)
