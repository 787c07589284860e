"""``max(xs)`` and ``min(xs)`` of one sequence (a list variable, an array's first axis, a list
comprehension), lowered to the loop Python runs.

Python's ``max`` keeps the first item and replaces it by each later item that compares greater
(``min``: smaller); an empty sequence raises ``ValueError``.  :mod:`call_forms` hands the call
here and normalization lowers that loop as the user's own code, so the derivative is the
derivative of the item Python returns (at a tie, the first of the tied items: a one-sided
derivative, as for ``max(a, b, c)``), in every mode and at every order; a ``NaN`` compares as
Python compares it.  ``key=`` and ``default=`` stay refused (:mod:`call_forms`).

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(xs):
    ...     return max(xs)
    >>> info = parse_function(f); desugar(info)
    >>> info.node.body = normalize(info).body
    >>> print(function_text(info.node), end="")  # doctest: +ELLIPSIS
    def f(xs):
        _n = len(xs)
        _t1 = _n == 0
        if _t1:
            raise ValueError('max()...')
        _max = xs[0]
        range_1 = range(1, _n)
        _max_1 = _max
        for _i in range_1:
            _max_2 = _max_1
            _item = xs[_i]
            _t2 = _item > _max_2
            if _t2:
                _max_3 = _item
            else:
                _max_3 = _max_2
            _max_1 = _max_3
        return _max_1
"""

from __future__ import annotations

from typing import Any

import gast

from ..ir import Op
from ..syntax import build
from ..syntax.keyed import empty_message
from ..syntax.tree_walk import walk
from .lowering import Lowering


def sequence_extremum(norm: Lowering, value: Any, sequence: gast.expr,
                      expr: gast.Call) -> tuple[gast.expr, Op]:
    """Lower ``max(sequence)`` (``value`` is the builtin ``max`` or ``min``) through its loop; the
    result is the name holding the item found."""
    name = value.__name__
    atom = norm.atom(sequence)
    if not isinstance(atom, gast.Name):  # (a constant)
        temp = norm.namer.temp()
        norm.emit(build.assign(temp, atom), Op(None, [], node=expr))
        atom = build.name(temp)
    seq, count, best, item, index = (norm.namer.fresh(n) for n in (
        "_seq", "_n", f"_{name}", "_item", "_i"))
    norm.current[seq] = atom.id  # (the loop's name for the sequence)
    empty = gast.Compare(left=build.name(count), ops=[gast.Eq()], comparators=[build.constant(0)])
    failure = gast.Raise(exc=build.call("ValueError", build.constant(empty_message(name))),
                         cause=None)
    better = gast.Compare(left=build.name(item), ops=[gast.Gt() if name == "max" else gast.Lt()],
                          comparators=[build.name(best)])
    loop = build.for_(index, build.call("range", build.constant(1), build.name(count)), [
        build.assign(item, build.subscript(build.name(seq), build.name(index))),
        build.if_(better, [build.assign(best, build.name(item))]),
    ])
    statements = [build.assign(count, build.call("len", build.name(seq))),
                  build.if_(empty, [failure]),
                  build.assign(best, build.subscript(build.name(seq), build.constant(0))), loop]
    for stmt in statements:
        for node in walk(stmt):
            if "lineno" in node._attributes:
                gast.copy_location(node, expr)
        norm.statement(stmt)
    result = build.name(norm.current[best])
    return result, Op(None, [result], node=expr)
