"""Two weights of one selection summed: one ``np.where`` of the two terms.

The adjoint of ``np.where(c, a, b)`` sends the seed to ``a`` where ``c`` holds and to ``b``
elsewhere; specialized to the unit seed (:mod:`.unit_seed`) those are weights of constants, each
multiplied into its branch's partial, and where both partials reach one value (huber's ``a`` is
``np.abs(r)``, its other branch ``0.5 * r * r``) the two products are summed:

    w = np.where(c, 1.0, 0.0)
    u = np.where(c, 0.0, 1.0)
    r_bar = w * r
    r_bar = r_bar + u * np.sign(r)

Five array passes and two arrays of ones and zeros, where the hand-written code makes one
selection.  When ``w`` and ``u`` are the weights of one condition ``c`` (a name bound at most
once), written out or each a name bound once to one in derivative code and read once, each a
factor of a product (or the whole term), and the first term and the sum with the second are
consecutive statements of derivative code (comments between them), the four become:

    r_bar = np.where(c, r, np.sign(r))

What this proves, element by element: where ``c`` holds the sum was ``1.0 * X + 0.0 * Y``, and
where it does not ``0.0 * X + 1.0 * Y``: ``X`` and ``Y`` themselves wherever the term weighted
0.0 is finite (``0.0 * v`` is a zero, and ``X + 0.0`` is ``X``, but for the sign of a zero sum).
Where the term a selection leaves unused is inf or NaN the sum was NaN (``0.0 * inf``) and the
selection is the used branch's derivative: what a selection leaves unused does not reach the
derivative (the README's "where-NaN gotcha"), as :mod:`.supports` makes it for singular partials.
The dtype is the sum's: one of ``X`` and ``Y`` is proven float64 (``Derivative.float64``, a
Python float, or ``+ - * /`` of such a value), so ``np.where`` promotes to float64 as the
weights' products did (or to complex).
Shapes: the selection broadcasts ``c``, ``X`` and ``Y`` together, as the weighted sum did.

    >>> import gast
    >>> from tangentish import ir
    >>> from tangentish.syntax.printer import function_text
    >>> tree = gast.parse("def g(c, r):\\n"
    ...                   "    w = np.where(c, 1.0, 0.0)\\n"
    ...                   "    u = np.where(c, 0.0, 1.0)\\n"
    ...                   "    r_bar = w * r\\n"
    ...                   "    r_bar = r_bar + u * np.sign(r)\\n"
    ...                   "    return r_bar\\n").body[0]
    >>> for stmt in tree.body[:4]:
    ...     ir.note(stmt).adjoint = True
    >>> merge_selections(tree.body, {"r": ()}, "np")
    True
    >>> print(function_text(tree), end="")
    def g(c, r):
        w = np.where(c, 1.0, 0.0)
        u = np.where(c, 0.0, 1.0)
        r_bar = np.where(c, r, np.sign(r))
        return r_bar
"""

from __future__ import annotations

import gast

from .. import ir
from ..syntax import build
from .dataflow import blocks, definition_counts, statements
from .negated_defs import reads_and_definitions
from .walks import Walks


def merge_selections(body: list[gast.stmt], float64: dict | set, numpy: str,
                     walks: Walks | None = None) -> bool:
    """Merge each such pair of weighted terms (see above; ``float64``: the names proven float64,
    ``numpy``: NumPy's alias); whether any merged.  The weights' definitions are left for dead
    code removal; ``walks``: the statements' walks (those changed are forgotten)."""
    walks = walks or Walks()
    if not any(_where(node, numpy) for stmt in statements(body) if ir.note(stmt).adjoint
               for node in walks.nodes(stmt)):  # (most functions: nothing more to walk)
        return False
    counts = definition_counts(body)
    reads, definitions = reads_and_definitions(body, walks)
    place: dict[int, int] = {}  # id of a statement of the block looked at → its position

    def weight(node: gast.expr) -> tuple[gast.expr, float] | None:
        """(condition, the weight where it holds) of a weight, or of a name read once bound to
        one in derivative code earlier in the same block, after the condition's binding (so the
        selection reads the condition the weight did, in a loop too)."""
        value = node
        if node.__class__ is gast.Name:
            definition = definitions.get(node.id)
            if reads[node.id] != 1 or counts.get(node.id) != 1 or definition is None or \
                    not ir.note(definition).adjoint or id(definition) not in place:
                return None
            value = definition.value
        if not _where(value, numpy) or value.args[0].__class__ is not gast.Name or \
                counts.get(value.args[0].id, 0) > 1:
            return None
        if node.__class__ is gast.Name and \
                place.get(id(definitions.get(value.args[0].id)), -1) > place[id(definition)]:
            return None
        held, other = value.args[1], value.args[2]
        if not (_float(held) and _float(other) and {held.value, other.value} == {0.0, 1.0}):
            return None
        return value.args[0], held.value

    merged = False
    for block in list(blocks(body)):
        gone: list[gast.stmt] = []
        place.clear()
        for index, first in enumerate(block):
            found = None if any(first is g for g in gone) else _pair(block, index, weight, float64)
            place[id(first)] = index  # (a weight's definition: before the terms that read it)
            if found is None:
                continue
            second, condition, chosen, other = found
            first.value = build.call(build.dotted(f"{numpy}.where"), build.name(condition.id),
                                     chosen, other)
            gone.append(second)
            walks.forget(first)
        merged = dropped(block, gone, walks) or merged
    return merged


def dropped(block: list[gast.stmt], gone: list[gast.stmt], walks: Walks) -> bool:
    """Take the statements ``gone`` out of ``block`` (their walks forgotten); whether any."""
    for stmt in gone:
        walks.forget(stmt)
    if gone:
        block[:] = [s for s in block if not any(s is g for g in gone)]
    return bool(gone)


def _pair(block: list[gast.stmt], index: int, weight, float64) -> tuple | None:
    """(the sum's statement, the condition, what it chooses, the rest) for ``v = w * X`` at
    ``block[index]`` followed (comments between) by ``v = v + u * Y`` or ``v += u * Y``."""
    first = block[index]
    if first.__class__ is not gast.Assign or len(first.targets) != 1 or \
            first.targets[0].__class__ is not gast.Name or not ir.note(first).adjoint:
        return None
    name = first.targets[0].id
    term = _weighted(first.value, weight)
    found = None if term is None else added_term(block, index, name)
    if found is None:
        return None
    later, added = found
    other = _weighted(added, weight)
    if other is None or other[0].id != term[0].id or other[1] == term[1] or \
            not (proven(term[2], float64) or proven(other[2], float64)):
        return None
    chosen, rest = (term[2], other[2]) if term[1] == 1.0 else (other[2], term[2])
    return later, term[0], chosen, rest


def added_term(block: list[gast.stmt], index: int, name: str
               ) -> tuple[gast.stmt, gast.expr] | None:
    """(the statement, the term) of the derivative code next after ``block[index]`` (comments
    between) when it is ``name = name + term`` or ``name += term`` and ``term`` does not read
    ``name``."""
    later = next((s for s in block[index + 1:] if s.__class__ is not ir.Comment), None)
    if later is None or not ir.note(later).adjoint:
        return None
    if later.__class__ is gast.AugAssign and later.op.__class__ is gast.Add and \
            later.target.__class__ is gast.Name and later.target.id == name:
        added = later.value
    elif later.__class__ is gast.Assign and len(later.targets) == 1 and \
            later.targets[0].__class__ is gast.Name and later.targets[0].id == name and \
            later.value.__class__ is gast.BinOp and later.value.op.__class__ is gast.Add and \
            later.value.left.__class__ is gast.Name and later.value.left.id == name:
        added = later.value.right
    else:
        return None
    if name in {n.id for n in build.nodes(added) if n.__class__ is gast.Name}:
        return None
    return later, added


def _weighted(value: gast.expr, weight) -> tuple[gast.Name, float, gast.expr] | None:
    """(condition, weight where it holds, the term without it) of a weight ``w`` alone (the
    term ``1.0``) or a factor of a product (``w * X``, ``2 * (w * x)``: ``X``, ``2 * x``)."""
    found = weight(value)
    if found is not None:
        return found[0], found[1], build.constant(1.0)
    if value.__class__ is not gast.BinOp or value.op.__class__ is not gast.Mult:
        return None
    for mine, factor, left in ((value.left, value.right, True), (value.right, value.left, False)):
        found = _weighted(mine, weight)
        if found is not None:
            if _is_one(found[2]):
                return found[0], found[1], factor
            rest = build.binop(found[2], "*", factor) if left else \
                build.binop(factor, "*", found[2])
            return found[0], found[1], rest
    return None


def _is_one(node: gast.expr) -> bool:
    return build.is_number(node) and node.value == 1.0


def _where(node: gast.expr, numpy: str) -> bool:
    return node.__class__ is gast.Call and node.func.__class__ is gast.Attribute and \
        node.func.attr == "where" and getattr(node.func.value, "id", None) == numpy and \
        len(node.args) == 3 and not node.keywords


def _float(node: gast.expr) -> bool:
    return build.is_number(node) and node.value.__class__ is float


def proven(node: gast.expr, float64: dict | set) -> bool:
    """Whether ``node`` is a name proven float64, a Python float, or an operation of ``+``,
    ``-``, ``*`` or ``/`` one of whose operands is (so of float64 or a wider type)."""
    if node.__class__ is gast.BinOp and node.op.__class__ in (gast.Add, gast.Sub, gast.Mult,
                                                              gast.Div):
        return proven(node.left, float64) or proven(node.right, float64)
    return node.__class__ is gast.Name and node.id in float64 or _float(node)
