"""A sum that starts from a negation: one subtraction.

An adjoint sum whose first term is negated (the adjoint of ``- y * eta`` reaching ``eta``, then
the adjoint of ``np.exp(eta)`` added) negates a whole array before adding the next term:

    eta_bar = -y
    eta_bar = eta_bar + exp_eta

When the two are consecutive statements of derivative code (comments between), the added term
does not read the sum, and the negated value is proven float64 (``Derivative.float64``, a Python
float, or ``+ - * /`` of such a value), the two are one subtraction, as the hand-written code
says it:

    eta_bar = exp_eta - y

Bit for bit: IEEE 754 defines ``b - a`` as ``b + (-a)``, and addition commutes, so ``-a + b`` is
``b - a`` for every value, zeros' signs, infinities and NaNs included.  The dtype is the same
where ``a`` is floating (``-a`` keeps its dtype, and both promote it with ``b``'s); an unsigned
``a`` would not do (``-a`` wraps around), hence the proof.

    >>> import gast
    >>> from tangentish import ir
    >>> from tangentish.syntax.printer import function_text
    >>> tree = gast.parse("def g(y, e):\\n"
    ...                   "    v = -y\\n"
    ...                   "    v += e\\n"
    ...                   "    return v\\n").body[0]
    >>> for stmt in tree.body[:2]:
    ...     ir.note(stmt).adjoint = True
    >>> subtract_negated_starts(tree.body, {"y"})
    True
    >>> print(function_text(tree), end="")
    def g(y, e):
        v = e - y
        return v
"""

from __future__ import annotations

import gast

from .. import ir
from ..syntax import build
from .dataflow import blocks
from .merged_selections import added_term, dropped, proven
from .walks import Walks


def subtract_negated_starts(body: list[gast.stmt], float64: dict | set,
                            walks: Walks | None = None) -> bool:
    """Make each such pair one subtraction (see above; ``float64``: the names proven float64);
    whether any changed.  ``walks``: the statements' walks (those changed are forgotten)."""
    walks = walks or Walks()
    changed = False
    for block in list(blocks(body)):
        gone: list[gast.stmt] = []
        for index, first in enumerate(block):
            if any(first is g for g in gone) or first.__class__ is not gast.Assign or \
                    len(first.targets) != 1 or first.targets[0].__class__ is not gast.Name or \
                    not ir.note(first).adjoint:
                continue
            value = first.value
            if value.__class__ is not gast.UnaryOp or value.op.__class__ is not gast.USub or \
                    not proven(value.operand, float64):
                continue
            found = added_term(block, index, first.targets[0].id)
            if found is None:
                continue
            later, term = found
            first.value = build.binop(term, "-", value.operand)
            gone.append(later)
            walks.forget(first)
        changed = dropped(block, gone, walks) or changed
    return changed
