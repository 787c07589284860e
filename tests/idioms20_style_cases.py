"""``idioms20_style_zoo`` (``dict.get`` defaults, a config dataclass with a default factory,
``list.insert``/``extend``, ``sorted(zip(...))``,
``reversed(list(enumerate(...)))``, ``any``/``all`` guards, ``while True``, ``for``/``else``,
``first, *rest``, ``np.einsum`` traces, ``np.take_along_axis``, ``np.linalg.slogdet``, ``out=``,
a scalar ``np.where`` branch, a masked log under ``np.errstate``, ``np.clip(out=)``,
``math.fsum``, ``*=`` powers, ``np.stack`` of a comprehension, float32) checked by
``test_idioms20.py`` (one mode each, turn by turn) against central differences within their
error estimate; the programs of the zoo tangentish refuses are in ``test_idioms20_refusals.py``."""

from __future__ import annotations

import idioms20_style_zoo as z
import numpy as np
from idioms15_check import Case, seeded

_n, _u, _s = seeded(2005)

X = np.array([0.7, -1.2, 0.4, 2.3, -0.3, 1.1])

CASES = [
    Case("dict_get_default", z.dict_get_default, ({"scale": 1.5}, X), (0, 1)),
    Case("configured_descent", z.configured_descent, (X,)),
    Case("list_insert_extend", z.list_insert_extend, (X,)),
    Case("sorted_pairs", z.sorted_pairs, (X, np.abs(X) + 0.5), (0, 1)),
    Case("reversed_enumerate", z.reversed_enumerate, (X,)),
    Case("guarded_any_all", z.guarded_any_all, (X, X[::-1]), (0, 1)),
    Case("while_true_break", z.while_true_break, (np.abs(X) + 0.5,)),
    Case("for_else_search", z.for_else_search, (X,)),
    Case("for_else_fallthrough", z.for_else_search, (X * 0.5,)),
    Case("unpack_rest", z.unpack_rest, (X,)),
    Case("einsum_out", z.einsum_out, (_n(3, 4), _n(4, 3), _n(3)), (0, 1, 2)),
    Case("take_along", z.take_along, (_n(3, 5), _n(3, 5)), 0),
    Case("slogdet_penalty", z.slogdet_penalty, (_n(3, 3),)),
    Case("out_argument", z.out_argument, (X, X[::-1]), (0, 1)),
    Case("where_scalar_branch", z.where_scalar_branch, (X,)),
    Case("masked_log_errstate", z.masked_log_errstate, (X,)),
    # (no element sits on a clip bound)
    Case("clip_in_place", z.clip_in_place, (X,)),
    Case("fsum_of_terms", z.fsum_of_terms, (X,)),
    Case("integer_power_loop", z.integer_power_loop, (X,)),
    Case("stack_comprehension", z.stack_comprehension, (_n(3, 3), [_n(3), _n(3), _n(3)]), (0, 1)),
    Case("float32_norm", z.float32_norm, (X.astype(np.float32),)),
]
