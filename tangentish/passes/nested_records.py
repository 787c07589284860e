"""Objects held in objects' fields (``Sequential([Dense(W1, b1), Dense(W2, b2)])``, ``Residual(
Dense(W, b))``, ``Model(encoder=Dense(...), head=Dense(...))``), followed by taking the records
apart again, level by level.

One round of :mod:`.dict_locals` (methods inlined by :mod:`.record_helpers`, records made dicts by
:mod:`.record_locals`, dicts a variable per key) turns ``model = Sequential([Dense(W1, b1), ...])``
and its ``model(x)`` into ``model_layers = [Dense(W1, b1), ...]`` and the body of
``Sequential.__call__`` reading it (``for layer in model_layers: x = layer(x)``): a list of
records built in the function, as :mod:`.record_loops` takes it, or a local bound to a record
construction (``block_inner = Dense(W, b)``), or a dict display (``layer_params = {"w": w}``
of ``self.params = {"w": w}``), as the next round takes them.

Guarantee to the next stage: after :func:`replaced_in_rounds`, no top-level statement of the
function binds a local to a record construction, a display of them or a dict display that one more round
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
    >>> from tangentish.passes.dict_locals import replaced
    >>> info = parse_function(f)
    >>> replaced_in_rounds(info, replaced)
    False
    >>> print(function_text(info.node), end="")
    def f(x):
        pair_first_a = 2.0
        pair_second_a = x
        return pair_first_a * pair_second_a
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import gast

from ..syntax import build
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk
from .record_loops import held_records, unroll_record_loops

ROUNDS = 4
"""Rounds after the first: objects held in objects' fields this many levels deep."""


def replaced_in_rounds(info: SourceInfo, replaced: Callable[[SourceInfo, bool], bool],
                       built: bool = False) -> bool:
    """``replaced(info, built)`` (:func:`.dict_locals.replaced`), then again while records it
    left in locals (an object's field's objects) are taken apart (see the module docstring);
    whether helpers were inlined (their text is not ``info.lines``')."""
    _handed_once(info)
    inlined = replaced(info, built)
    held = _held(info)
    for _ in range(ROUNDS):
        if not held:
            break
        unroll_record_loops(info)
        inlined = replaced(info, True) or inlined  # (a dict the text may not show)
        left = _held(info)
        if left == held:  # (none taken apart: what stays is refused where it is used)
            break
        held = left
    return inlined


def _held(info: SourceInfo) -> set[int]:
    """The values (by id) of the top-level assignments that bind a local to a record
    construction or a display of them, or to a dict display (a dict a field held: a round
    leaves none of its own)."""
    return {id(stmt.value) for stmt in build.outside_nested(info.node.body)
            if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and
            isinstance(stmt.targets[0], gast.Name) and
            (isinstance(stmt.value, gast.Dict) or held_records(info, stmt.value))}


def _handed_once(info: SourceInfo) -> None:
    """``layers = [Dense(...), ...]`` then ``model = Sequential(layers)`` (or ``inner = Model(
    ...)`` then ``Model(inner, ...)``) as ``model = Sequential([Dense(...), ...])``: a local
    bound once, by a top-level statement, to a record construction or a display of them, and
    read once in the function, as an argument of the record construction the next statement
    binds, with only names or constants before it in the call (nothing runs between the two
    evaluations): the value takes the argument's place.  Last first, so that ``enc = A(...)``,
    ``head = B(...)``, ``model = M(enc, head)`` is ``model = M(A(...), B(...))``."""
    body = info.node.body
    names = [n for n in walk(info.node) if isinstance(n, gast.Name)]
    stores = Counter(n.id for n in names if not isinstance(n.ctx, gast.Load))
    loads = Counter(n.id for n in names if isinstance(n.ctx, gast.Load))
    for k in range(len(body) - 2, -1, -1):
        stmt, later = body[k], body[k + 1]
        name = _bound_name(stmt)
        if name is None or stores[name] != 1 or loads[name] != 1 or \
                _bound_name(later) is None or not isinstance(later.value, gast.Call) or \
                not held_records(info, stmt.value) or not held_records(info, later.value):
            continue
        place = _argument(later.value, name)
        if place is not None:
            holder, key = place
            if isinstance(holder, list):
                holder[key] = stmt.value
            else:
                holder.value = stmt.value
            del body[k]


def _bound_name(stmt: gast.stmt) -> str | None:
    """``a`` of ``a = value``."""
    return stmt.targets[0].id if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and \
        isinstance(stmt.targets[0], gast.Name) else None


def _argument(call: gast.Call, name: str) -> tuple | None:
    """Where ``call`` passes the name ``name`` itself (``(call.args, k)`` or the keyword), with
    only names and constants before it; None where it does not."""
    slots = [(call.args, k, a) for k, a in enumerate(call.args)] + \
        [(kw, None, kw.value) for kw in call.keywords]
    for holder, key, value in slots:
        if isinstance(value, gast.Name) and value.id == name:
            return holder, key
        if not isinstance(value, (gast.Name, gast.Constant)):
            return None
    return None
