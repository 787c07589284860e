"""A temporary read once through a doubling: the factor 2 goes into its definition.

The adjoint of ``v ** 2`` doubles (``t_bar * 2 * v``), and so does that of a square written as a
product (``2 * (w * t)``).  Where the value doubled is a temporary a rule made with a number in
it (the adjoint of ``np.sqrt``'s ``g / (2.0 * y)``, a primal ``0.5 * r``), the doubling is a whole
array product the hand-written gradient does not have:

    t_bar = 0.1 / (2.0 * s)
    u_bar = t_bar * 2 * d       # the whole array doubled

When ``t`` is bound once, read once in the whole function, that read is a factor of a product by
the number 2 (``2 * e`` or ``e * 2``, ``t`` found down both operands of ``*`` and the left operand
of ``/`` in ``e``), the statement reading it is derivative code, and ``t``'s value takes the
doubling with no operation more (:func:`.like_terms.doubled_first`: a float number first on its
chain of products and quotients, doubled; a number divided by ``2.0 * e``, ``2.0`` dropped), the
doubling moves there:

    t_bar = 0.1 / s
    u_bar = t_bar * d

A definition doubled to ``1.0 * v`` is ``v`` where neither name is changed in place (copies then
propagate).  What this proves: doubling is exact in binary floating point (it commutes with every
rounding), so ``2 * (w * t)`` and ``w * (2 * t)`` are the same number, bit for bit, wherever no
value overflows or is subnormal (where the folded value is the one nearer the real number; see
:func:`.like_terms.halved` for the quotient).  The doubled number is a Python float, so no dtype
changes (an int ``3`` doubled into ``6 * r`` could overflow a small integer type where ``2.0 *
(3 * r)`` is a float).

    >>> import gast
    >>> from tangentish import ir
    >>> from tangentish.syntax.printer import function_text
    >>> tree = gast.parse("def g(s, d, r, w):\\n"
    ...                   "    t_bar = 0.1 / (2.0 * s)\\n"
    ...                   "    h = 0.5 * r\\n"
    ...                   "    u_bar = t_bar * 2 * d\\n"
    ...                   "    v_bar = 2 * (w * h)\\n"
    ...                   "    return u_bar, v_bar\\n").body[0]
    >>> for stmt in tree.body[2:4]:
    ...     ir.note(stmt).adjoint = True
    >>> double_definitions(tree.body, {"s", "d", "r", "w"}, frozenset(), set)
    True
    >>> print(function_text(tree), end="")
    def g(s, d, r, w):
        t_bar = 0.1 / s
        h = r
        u_bar = t_bar * d
        v_bar = w * h
        return u_bar, v_bar
"""

from __future__ import annotations

from collections.abc import Callable

import gast

from .. import ir
from ..syntax import build
from .dataflow import definition_counts, statements, target
from .like_terms import doubled_first, halved
from .negated_defs import reads_and_definitions
from .walks import Walks


def double_definitions(body: list[gast.stmt], params: set[str], protected: frozenset | set,
                       changed: Callable[[], set[str]], walks: Walks | None = None) -> bool:
    """Move each such doubling into its temporary's definition (see above); whether any moved.
    ``changed``: gives the names of arrays changed in place (and those sharing their memory),
    which a definition never becomes a copy of (asked only where a unit is left); ``walks``:
    the statements' walks (those changed are forgotten)."""
    walks = walks or Walks()
    found = [(stmt, node, doubling) for stmt in statements(body) if ir.note(stmt).adjoint and
             stmt.__class__ in (gast.Assign, gast.Expr) for node in walks.nodes(stmt)
             if (doubling := _doubling(node)) is not None]
    if not found:  # (most functions: nothing more to walk)
        return False
    counts = definition_counts(body)
    reads, definitions = reads_and_definitions(body, walks)
    moved = False
    for stmt, node, (term, names) in found:
        for name in names:
            if reads[name.id] != 1 or counts.get(name.id) != 1 or name.id in params or \
                    name.id in protected or name.id not in definitions or \
                    definitions[name.id] is stmt:
                continue
            definition = definitions[name.id]
            note = ir.note(definition)
            doubled = None if note.keep or note.updates else _doubled(definition, changed)
            if doubled is None or not _unwrap(stmt, node, term):
                continue
            definition.value = doubled
            walks.forget(stmt)
            walks.forget(definition)
            moved = True
            break
    return moved


def _doubling(node: gast.AST) -> tuple[gast.expr, list[gast.Name]] | None:
    """For ``2 * e`` or ``e * 2``: ``e`` and the names down its products (either operand of
    ``*``, the left of ``/``), each of which, doubled, doubles ``e``; else None."""
    if node.__class__ is not gast.BinOp or node.op.__class__ is not gast.Mult:
        return None
    if _two(node.left) and not build.is_number(node.right):
        term = node.right
    elif _two(node.right) and not build.is_number(node.left):
        term = node.left
    else:
        return None
    names: list[gast.Name] = []
    stack = [term]
    while stack:
        part = stack.pop()
        if part.__class__ is gast.Name:
            names.append(part)
        elif part.__class__ is gast.BinOp and part.op.__class__ is gast.Mult:
            stack += [part.right, part.left]
        elif part.__class__ is gast.BinOp and part.op.__class__ is gast.Div:
            stack.append(part.left)
    return (term, names) if names else None


def _two(node: gast.AST) -> bool:
    return build.is_number(node) and node.value == 2


def _doubled(definition: gast.Assign, changed: Callable[[], set[str]]) -> gast.expr | None:
    """The definition's value doubled with no operation more (its doubled number a float), as
    new nodes, or None."""
    value = definition.value
    if not _float_first(value):
        return None
    doubled = doubled_first(value)
    if doubled is not None and doubled.__class__ is gast.BinOp and \
            doubled.op.__class__ is gast.Mult and build.is_number(doubled.left) and \
            doubled.left.value == 1 and doubled.right.__class__ is gast.Name and \
            not {doubled.right.id, target(definition)} & changed():
        return doubled.right  # (1.0 * v: v, neither changed in place)
    return doubled


def _float_first(value: gast.expr) -> bool:
    """Whether what :func:`.like_terms.doubled_first` doubles in ``value`` is a float number
    (or a ``2.0 *`` divisor it halves)."""
    if value.__class__ is gast.BinOp and value.op.__class__ is gast.Mult and \
            build.is_number(value.right) and not build.is_number(value.left):
        return value.right.value.__class__ is float
    while value.__class__ is gast.BinOp and value.op.__class__ in (gast.Mult, gast.Div):
        if value.op.__class__ is gast.Div and build.is_number(value.left) and \
                halved(value.right) is not None:
            return True
        value = value.left
    return build.is_number(value) and value.value.__class__ is float


def _unwrap(stmt: gast.stmt, doubling: gast.BinOp, term: gast.expr) -> bool:
    """Put ``term`` where ``stmt`` holds ``doubling``; whether it was found."""
    if getattr(stmt, "value", None) is doubling:
        stmt.value = term
        return True
    return any(build.replace_child(parent, doubling, term) for parent in build.node_list(stmt))
