"""The ``idioms16`` programs tangentish refuses, each with one of its errors naming the construct,
the file, the line and a hint, in every mode (``idioms15_check.check_refusal``): never a wrong
value or a raw Python error."""

from __future__ import annotations

import idioms16_data_zoo as data
import idioms16_edge_zoo as edge
import idioms16_inplace_zoo as inplace
import idioms16_style_zoo as style
import numpy as np
import pytest
from idioms15_check import Case, check, check_refusal

import tangentish

R = np.random.default_rng(1606)
_n = lambda *shape: R.normal(0.0, 1.0, shape)  # noqa: E731  (seeded points)

REFUSED = [  # (function, arguments, what the message names besides the file and the line[, wrt])
    (data.sorted_by_key_len, ({"alpha": _n(3), "b": _n(2), "gamma_long": _n(2)},),
     ("the dict params", "keys known when the derivative is built")),
    # (data.histogram_weights is differentiated in its weights since idioms33: rule rows
    # qs_histogram_weights*)
    # (data.namedtuple_from_helper is differentiated since idioms27: its helper inlined)
    # (data.namedtuples_in_a_list and style.star_args_helper are differentiated since stop 64:
    # generators over a field of records built in the function, *args/**kwargs forwarded;
    # test_now_differentiated below)
    # (style.dict_dispatch is differentiated since fuzzhunt35, a dict local read at a parameter:
    # test_oop32's test_a_constant_table_read_at_a_parameter_dispatches)
    (style.recursive_binomial, (1.05,), ("the recursive call", "as a loop")),
    (inplace.augmented_dict_update, ({"a": _n(2), "b": _n(3)}, 0.3), ("a dict built from",), 1),
    (edge.complex_sine, (_n(2),), ("`np.sinc`", "may be complex")),
    (edge.module_cache_written, (_n(3),), ("writes into '_CACHE'", "does not own")),
]


@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.vjp, tangentish.jvp])
@pytest.mark.parametrize("refused", REFUSED, ids=[r[0].__name__ for r in REFUSED])
def test_refusals_name_the_construct_the_file_and_the_line_in_every_mode(refused, transform):
    check_refusal(*refused[:3], transform, *refused[3:])  # (a fourth item: wrt)


NOW_DIFFERENTIATED = [
    Case("namedtuples_in_a_list", data.namedtuples_in_a_list, (_n(2, 2), _n(3, 2)), (0, 1)),
    Case("star_args_helper", style.star_args_helper, (_n(3), _n(3)), (0, 1)),
]


@pytest.mark.parametrize("case", NOW_DIFFERENTIATED, ids=[c.name for c in NOW_DIFFERENTIATED])
def test_now_differentiated(case):
    """Once refused here, now checked against finite differences (grad, and the modes
    ``check`` runs)."""
    check(case)
