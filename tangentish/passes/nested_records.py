"""Objects held in objects' fields (``Sequential([Dense(W1, b1), Dense(W2, b2)])``, ``Residual(
Dense(W, b))``, ``Model(encoder=Dense(...), head=Dense(...))``), followed by taking the records
apart again, level by level.

One round of :mod:`.dict_locals` (methods inlined by :mod:`.record_helpers`, records made dicts by
:mod:`.record_locals`, dicts a variable per key) turns ``model = Sequential([Dense(W1, b1), ...])``
and its ``model(x)`` into ``model_layers = [Dense(W1, b1), ...]`` and the body of
``Sequential.__call__`` reading it (``for layer in model_layers: x = layer(x)``): a list of
records built in the function, as :mod:`.record_loops` takes it, or a local bound to a record
construction (``block_inner = Dense(W, b)``), as the next round takes it.

Guarantee to the next stage: after :func:`replaced_in_rounds`, no top-level statement of the
function binds a local to a record construction, or to a display of them, that one more round
(:func:`.record_loops.unroll_record_loops`, then :func:`.dict_locals.replaced`) would take
apart: rounds run while the previous one took some apart, at most :data:`ROUNDS` after the first
(objects nested that deep).  A construction no round takes apart is left as it is (refused
where it is used, as before).

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> class Scale:
    ...     def __init__(self, a):
    ...         self.a = a
    >>> class Pair:
    ...     def __init__(self, first, second):
    ...         self.first = first
    ...         self.second = second
    >>> def f(x):
    ...     pair = Pair(Scale(2.0), Scale(x))
    ...     return pair.first.a * pair.second.a
    >>> info = parse_function(f)
    >>> replaced_in_rounds(info)
    False
    >>> print(function_text(info.node), end="")
    def f(x):
        pair_first_a = 2.0
        pair_second_a = x
        return pair_first_a * pair_second_a
"""

from __future__ import annotations

import gast

from ..syntax import build
from ..syntax.parse import SourceInfo
from .record_loops import held_records

ROUNDS = 4
"""Rounds after the first: objects held in objects' fields this many levels deep."""


def replaced_in_rounds(info: SourceInfo, built: bool = False) -> bool:
    """:func:`.dict_locals.replaced` of ``info``, then again while records it left in locals
    (an object's field's objects) are taken apart (see the module docstring); whether helpers
    were inlined (their text is not ``info.lines``')."""
    from .dict_locals import replaced
    from .record_loops import unroll_record_loops

    inlined = replaced(info, built)
    held = _held(info)
    for _ in range(ROUNDS):
        if not held:
            break
        unroll_record_loops(info)
        inlined = replaced(info) or inlined
        left = _held(info)
        if left == held:  # (none taken apart: what stays is refused where it is used)
            break
        held = left
    return inlined


def _held(info: SourceInfo) -> set[int]:
    """The values (by id) of the top-level assignments that bind a local to a record
    construction or a display of them."""
    return {id(stmt.value) for stmt in build.outside_nested(info.node.body)
            if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and
            isinstance(stmt.targets[0], gast.Name) and held_records(info, stmt.value)}
