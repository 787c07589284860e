"""A temporary read once, through a negation: the sign goes into its definition.

The rules often negate a value made just before (the adjoint of ``np.exp(-z)`` through a
quotient, of ``-0.25 * b * c``):

    e_bar = 1.0 / n / (1.0 + e)
    z_bar = -(e_bar * e)        # the whole array negated

When ``t`` (here ``e_bar``) is bound once, read once in the whole function, and that read is
the first factor (down the left operands of ``*`` and ``/``) of a negated term, and ``t``'s
value can take the sign with no operation more (:mod:`.signs`: a number, a negation, a product
or quotient led by a number or by a negation, ``-y * z`` negated being ``y * z``, or whose right
operand is led by a number), the sign moves there:

    e_bar = -1.0 / n / (1.0 + e)
    z_bar = e_bar * e

Bit for bit: negation flips a sign bit and rounding is symmetric in sign, so ``-(t * e)`` is
``(-t) * e`` (only a NaN's sign bit may differ).  One array negated fewer.

    >>> import gast
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.derivative import Derivative
    >>> tree = gast.parse("def g(e, n, b):\\n"
    ...                   "    e_bar = 1.0 / n / (1.0 + e)\\n"
    ...                   "    t5 = 0.25 * b\\n"
    ...                   "    z_bar = -(e_bar * e)\\n"
    ...                   "    c_bar = -t5 + z_bar\\n"
    ...                   "    return c_bar\\n").body[0]
    >>> negate_definitions(tree.body, {"e", "n", "b"}, frozenset())
    True
    >>> print(function_text(tree), end="")
    def g(e, n, b):
        e_bar = -1.0 / n / (1.0 + e)
        t5 = -0.25 * b
        z_bar = e_bar * e
        c_bar = t5 + z_bar
        return c_bar
"""

from __future__ import annotations

from collections import Counter

import gast

from .. import ir
from ..syntax import build
from .dataflow import definition_counts, statements, target
from .signs import into_number, into_operand, without_sign
from .walks import Walks


def negate_definitions(body: list[gast.stmt], params: set[str], protected: frozenset | set,
                       walks: Walks | None = None, counts: dict[str, int] | None = None) -> bool:
    """Move each such negation into its temporary's definition (see above); whether any moved.
    ``walks``: the statements' walks (those changed are forgotten)."""
    walks = walks or Walks()
    counts = definition_counts(body) if counts is None else counts
    reads, definitions = reads_and_definitions(body, walks)
    moved = False
    for stmt in statements(body):
        for node in walks.nodes(stmt):
            name = _negated_first(node)
            if name is None or reads[name] != 1 or counts.get(name) != 1 or name in params or \
                    name in protected or name not in definitions or definitions[name] is stmt:
                continue
            definition = definitions[name]
            note = ir.note(definition)
            negated = None if note.keep or note.updates else _negated(definition.value)
            if negated is None or not _unwrap(stmt, node):
                continue
            definition.value = negated
            walks.forget(stmt)
            walks.forget(definition)
            moved = True
    return moved


def reads_and_definitions(body: list[gast.stmt], walks: Walks) -> tuple[Counter,
                                                                         dict[str, gast.Assign]]:
    """How often each name is read in ``body`` (a marker's names counted twice: never moved),
    and the last plain assignment binding each name."""
    reads: Counter = Counter()
    definitions: dict[str, gast.Assign] = {}
    for stmt in statements(body):
        if isinstance(stmt, ir.Marker):
            reads.update(list(getattr(stmt, "reads", ())) * 2)
        reads.update(n.id for n in walks.nodes(stmt)
                     if n.__class__ is gast.Name and n.ctx.__class__ is not gast.Store)
        name = target(stmt)
        if name is not None and stmt.__class__ is gast.Assign:
            definitions[name] = stmt
    return reads, definitions


def _negated_first(node: gast.AST) -> str | None:
    """``t`` for a negation ``-t`` or ``-(t * e / f)`` (``t`` the first factor)."""
    if node.__class__ is not gast.UnaryOp or node.op.__class__ is not gast.USub:
        return None
    term = node.operand
    while term.__class__ is gast.BinOp and term.op.__class__ in (gast.Mult, gast.Div):
        term = term.left
    return term.id if term.__class__ is gast.Name else None


def _negated(value: gast.expr) -> gast.expr | None:
    """``value`` negated with no operation more, as a new node; None if it cannot take it."""
    if build.is_number(value):
        return None if value.value == 0 and value.value.__class__ is int else \
            build.constant(-value.value)
    if value.__class__ is gast.UnaryOp and value.op.__class__ is gast.USub:
        return value.operand
    found = into_number(value)
    if found is None:  # (``-y * z``: ``y * z``)
        found = without_sign(value) if value.__class__ is gast.BinOp else None
    return found if found is not None else into_operand(value)


def _unwrap(stmt: gast.stmt, negation: gast.UnaryOp) -> bool:
    """Put ``negation``'s operand where ``stmt`` holds ``negation``; whether it was found."""
    return any(build.replace_child(parent, negation, negation.operand)
               for parent in build.node_list(stmt))
