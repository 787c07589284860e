'''A ufunc given ``out=`` and ``where=``: NumPy's safe division, ``np.divide(a, b,
out=np.zeros_like(a), where=b != 0)``, computes the quotient where the condition holds and leaves
``out``'s values elsewhere, without dividing there (so without a warning).  It is the write of
``np.where(c, f(a', b'), out)`` into ``out`` (:mod:`.out_arguments` casts it and writes it), each
operand ``x'`` of ``f`` being ``np.where(c, x, safe)`` where ``f`` could warn of it: off ``c``
``f`` runs on a number it never warns about (1 for a denominator, a logarithm, a square root; 0
for ``arcsin``...; :data:`SAFE`), and where ``c`` holds on the user's values, warning as NumPy
does.  The value is the same; ``np.where`` and ``f`` have rules, so every mode differentiates
it.  An ``out=`` that is a new array (``np.zeros_like(a)``, ``np.full(x.shape, -30.0)``: a
call of :data:`MAKERS` whose arguments call nothing) is bound to a name of its own first, and
``where=`` to one when it is not a name.  A ufunc not in :data:`SAFE` keeps the refusal of ``out=``.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.out_arguments import write_out_arguments
    >>> def f(a, b):
    ...     r = np.divide(a, b, out=np.zeros_like(a), where=b != 0)
    ...     return np.sum(r)
    >>> info = parse_function(f)
    >>> write_out_arguments(info)
    >>> cast = ".astype(_out.dtype, casting='same_kind', copy=False)"  # (out_arguments' cast)
    >>> print(function_text(info.node).replace(cast, ""), end="")
    def f(a, b):
        _out = np.zeros_like(a)
        _where = b != 0
        _out[...] = np.where(_where, np.divide(a, np.where(_where, b, 1)), _out)
        r = _out
        return np.sum(r)
'''

from __future__ import annotations

from typing import Any

import gast
import numpy as np

from ..syntax import build
from ..syntax.naming import dotted, fresh_name
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk

SAFE: dict[Any, tuple[int | None, ...]] = {
    np.divide: (None, 1), np.floor_divide: (0, 1), np.remainder: (0, 1),
    np.fmod: (0, 1), np.power: (1, 1), np.add: (0, 0), np.subtract: (0, 0),
    np.multiply: (1, 1), np.log: (1,), np.log2: (1,), np.log10: (1,), np.log1p: (0,),
    np.sqrt: (1,), np.reciprocal: (1,), np.arcsin: (0,), np.arccos: (0,), np.arctanh: (0,),
    np.arccosh: (2,), np.exp: (0,), np.expm1: (0,), np.exp2: (0,),
}
"""Per ufunc, the number each operand takes where ``where=`` does not hold (None: its own
value, which ``f`` never warns about with the others safe)."""

MAKERS = frozenset({"zeros", "zeros_like", "ones", "ones_like", "full", "full_like", "empty",
                    "empty_like", "copy"})
"""NumPy's functions that make a new array, whose call an ``out=`` may be."""


def where_out(fn: Any, call: gast.Call) -> tuple[gast.Call, gast.expr, gast.expr] | None:
    """``(the call without out and where, out, where)`` for a ufunc of :data:`SAFE` given its
    inputs and the keywords ``out`` and ``where`` only."""
    safe = next((v for k, v in SAFE.items() if fn is k), None)
    keywords = {k.arg: k.value for k in call.keywords}
    if safe is None or set(keywords) != {"out", "where"} or len(call.args) != len(safe):
        return None
    return (gast.copy_location(gast.Call(func=call.func, args=call.args, keywords=[]), call),
            keywords["out"], keywords["where"])


def masked_value(info: SourceInfo, local: set[str], fn: Any, value: gast.Call,
                 target: gast.expr, where: gast.expr, before: list[gast.stmt]
                 ) -> tuple[gast.expr, gast.Call]:
    """``(out, np.where(c, f(a', b'), out))`` (see above), with the statements that bind a new
    ``out`` and a ``where`` that is no name added to ``before``."""
    taken = set(build.names(info.node, functions=True)) | set(info.imported) | local
    numpy = ".".join(dotted(value.func)[:-1]) or "np"
    if made_array(target, numpy):
        name = fresh_name("out", taken)
        before.append(build.assign(name, target))
        local.add(name)
        target = build.name(name)
    if not isinstance(where, gast.Name):
        name = fresh_name("where", taken)
        before.append(build.assign(name, where))
        where = build.name(name)
    safe = next(v for k, v in SAFE.items() if fn is k)
    value.args = [arg if number is None else build.call(f"{numpy}.where", build.clone(where), arg,
                                                        build.constant(number))
                  for arg, number in zip(value.args, safe, strict=True)]
    return target, build.call(f"{numpy}.where", build.clone(where), value, build.clone(target))


PLAIN = (gast.Name, gast.Constant, gast.UnaryOp, gast.BinOp, gast.Attribute, gast.Tuple,
         gast.List, gast.Subscript, gast.Slice, gast.expr_context, gast.operator, gast.unaryop)
"""The nodes of a maker's argument read without a call (``-30.0``, ``p.shape``, ``(n, 2)``,
``x.shape[0] + 1``), so reading it before the ufunc's operands changes nothing."""


def made_array(target: gast.expr, numpy: str) -> bool:
    """Whether ``target`` is a call ``np.<maker>(...)`` (:data:`MAKERS`) whose arguments call
    nothing (:data:`PLAIN`)."""
    parts = dotted(target.func) if isinstance(target, gast.Call) else None
    return parts is not None and ".".join(parts[:-1]) == numpy and parts[-1] in MAKERS and all(
        isinstance(node, PLAIN) for a in [*target.args, *(k.value for k in target.keywords)]
        for node in walk(a))
