"""Like terms summed once: ``v = E`` then ``v = v + E'`` is ``v = 2 * E`` when ``E'`` is ``E``.

The adjoint of a product whose factors are the same value adds the same term twice: ``x * x``
gives ``x_bar = g * x`` and ``x_bar = x_bar + g * x``; ``0.1 * v * v`` (``t = 0.1 * v``, then
``t * v``) gives ``v_bar = g * t`` and ``v_bar = v_bar + g * v * 0.1``.  Two terms are alike when
they are the same product: the same factors (names, and expressions compared as text) and the
same constant, in any order and grouping, after a name bound once to a product is read as that
product (``t`` as ``0.1 * v``; a name bound to anything else, ``r = X @ w - y``, is one factor)
where every name in it is stable (a parameter never rebound, or a
name bound once at the top of the function: its value is the same wherever it is read).

``v = v + E`` twice → ``v = v + 2 * E``, ``v = E`` then ``v = v + E`` → ``v = 2 * E``.  When the
two terms are written alike this is the same number (doubling is exact) with one rounding fewer;
when they are grouped differently (``g * t`` and ``g * v * 0.1``) the second term's value is the
first's up to the rounding of its products, so the sum differs from the unmerged one by a few
units in the last place at most, as any hand-written regrouping does.  Only when nothing between
the two statements reads or rebinds ``v`` or a name ``E`` reads, and the second is derivative
code (the first may be a primal statement a copy was propagated into: ``v_bar = 0.1 * v``).

    >>> import gast
    >>> from tangentish import ir
    >>> from tangentish.syntax.printer import expression_text
    >>> body = gast.parse("t = 0.1 * v\\nv_bar = g * t\\nv_bar = v_bar + g * v * 0.1").body
    >>> for stmt in body[1:]:
    ...     ir.note(stmt).adjoint = True
    >>> fold_like_terms(body, {"v", "g"})
    >>> [expression_text(stmt.value) for stmt in body]
    ['0.1 * v', '2 * (g * t)']
"""

from __future__ import annotations

from collections import Counter

import gast

from .. import ir
from ..syntax import build
from ..syntax.printer import expression_text
from .copies import _Reads
from .dataflow import blocks, definition_counts, stores, target

_LIMIT = 16  # factors of a product compared (a longer one is compared as written)


def fold_like_terms(body: list[gast.stmt], params: set[str], reads: _Reads | None = None,
                    shared: set[str] = frozenset()) -> None:
    """Sum like terms into one variable once (see the module docstring): ``params`` are the
    function's parameters, ``reads`` the statements' reads (their walks are forgotten where a
    statement changes), ``shared`` the names that may share memory with another (never
    stable: a write through the other would change them)."""
    reads = reads or _Reads()
    counts = definition_counts(body)
    stable = {p for p in params if not counts.get(p)} - shared
    products: dict[str, gast.expr] = {}
    for stmt in body:  # (top level, in order: a product's names stable before it; the reads of
        # ``name = value`` are its value's, remembered by the optimizer's walks)
        name = target(stmt)
        if name is not None and counts.get(name) == 1 and name not in shared:
            if reads(stmt) <= stable | {name} or stmt.value.__class__ is gast.Constant:
                stable.add(name)
            if _product(stmt.value) and name in stable:  # (a difference stays a name)
                products[name] = stmt.value
    forms = _Forms(products, stable)
    for block in blocks(body):
        targets = [target(s) for s in block]  # (kept in step with the block)
        accumulated = {name for name, s in zip(targets, block, strict=True)
                       if _accumulates(s, name)}
        index = 0
        while accumulated and index < len(block) - 1:
            if targets[index] in accumulated:
                later = _fold_pair(block, targets, index, reads, forms)
                if later:
                    del block[later], targets[later]
                    continue
            index += 1


class _Forms:
    """A term's form: its constant and the multiset of its other factors (None: not a product
    this pass compares), names bound once to a stable product read as that product."""

    def __init__(self, products: dict[str, gast.expr], stable: set[str]):
        self.products, self.stable = products, stable

    def of(self, node: gast.expr) -> tuple[float, Counter] | None:
        factors: Counter = Counter()
        constant = self._gather(node, factors, 1.0, set())
        if constant is None or sum(factors.values()) > _LIMIT:
            return None
        return constant, factors

    def _gather(self, node: gast.expr, factors: Counter, constant: float | None,
                seen: set[str]) -> float | None:
        if constant is None:
            return None
        kind = node.__class__
        if kind is gast.BinOp and node.op.__class__ is gast.Mult:
            constant = self._gather(node.left, factors, constant, seen)
            return self._gather(node.right, factors, constant, seen)
        if kind is gast.UnaryOp and node.op.__class__ is gast.USub:
            return self._gather(node.operand, factors, -constant, seen)
        if build.is_number(node) and node.value.__class__ in (int, float):
            return constant * node.value
        if kind is gast.Name and node.id in self.products and node.id not in seen:
            return self._gather(self.products[node.id], factors, constant, seen | {node.id})
        factors[("name", node.id) if kind is gast.Name else ("text", expression_text(node))] += 1
        return constant

    def alike(self, first: gast.expr, second: gast.expr, watched: set[str]) -> bool:
        """Whether ``second`` is ``first``'s value where ``first`` is (up to the grouping of its
        products), every name in them either ``watched`` (not rebound between) or stable."""
        if expression_text(first) == expression_text(second):
            return True
        mine, theirs = self.of(first), self.of(second)
        if mine is None or mine != theirs:
            return False
        return all(kind == "name" and (name in watched or name in self.stable)
                   for kind, name in theirs[1])


def _fold_pair(block: list[gast.stmt], targets: list[str | None], index: int, reads: _Reads,
               forms: _Forms) -> int:
    """Fold into ``block[index]`` the next statement adding a like term to its variable, if
    any; returns that statement's index (0: none)."""
    first, name = block[index], targets[index]
    if not isinstance(first.value, gast.expr):
        return 0
    summed = _accumulates(first, name)
    if summed and not ir.note(first).adjoint:
        return 0
    term = first.value.right if summed else first.value  # v = v + E, v = E
    watched = build.loads(term)
    if name in watched:
        return 0
    watched = watched | {name}
    for later in range(index + 1, len(block)):
        stmt = block[later]
        if isinstance(stmt, ir.Comment):
            continue
        if targets[later] == name and _accumulates(stmt, name) and ir.note(stmt).adjoint and \
                forms.alike(term, stmt.value.right, watched):
            doubled = doubled_first(term) or build.binop(build.constant(2), "*", term)
            if term is first.value:
                first.value = doubled
            else:
                first.value.right = doubled
            reads.walks.forget(first)
            return later
        if isinstance(stmt, ir.COMPOUND) or not watched.isdisjoint(reads(stmt)) or \
                not watched.isdisjoint(stores(stmt)):
            return 0
    return 0


def _product(value: gast.expr) -> bool:
    """Whether a name bound to ``value`` is read as its factors: a product or a negation (a
    name bound to ``X @ w - y`` is one factor, compared by its name)."""
    op = getattr(value, "op", None).__class__
    return value.__class__ is gast.BinOp and op is gast.Mult or \
        value.__class__ is gast.UnaryOp and op is gast.USub


def _accumulates(stmt: gast.stmt, name: str | None) -> bool:
    """Whether ``stmt``, whose :func:`target` is ``name``, is ``v = v + term``."""
    value = getattr(stmt, "value", None)
    return (name is not None and value.__class__ is gast.BinOp and
            value.op.__class__ is gast.Add and value.left.__class__ is gast.Name
            and value.left.id == name)


def doubled_first(node: gast.expr) -> gast.expr | None:
    """``2 * node`` bit for bit with no product more, for a ``node`` that is a chain of products
    and quotients: the number its first factor is (down the left operands: ``c / b * e``)
    doubled, or its last factor when that is a number (``e * c``), or the first divisor on
    that path that divides a number by ``2.0 * e`` halved (``c / (2.0 * e)`` doubled is
    ``c / e``: see :func:`halved`), as new nodes along that path (scaling by two commutes with every
    rounding); None for any other ``node``."""
    if node.__class__ is gast.BinOp and node.op.__class__ is gast.Mult and \
            build.is_number(node.right) and not build.is_number(node.left):
        return build.binop(build.constant(2 * node.right.value), "*", node.left)
    return _first_doubled(node)


def _first_doubled(node: gast.expr) -> gast.expr | None:
    if build.is_number(node):
        return build.constant(2 * node.value)
    if node.__class__ is not gast.BinOp or node.op.__class__ not in (gast.Mult, gast.Div):
        return None
    if node.op.__class__ is gast.Div and build.is_number(node.left) and \
            halved(node.right) is not None:
        return gast.BinOp(left=node.left, op=node.op, right=halved(node.right))
    first = _first_doubled(node.left)
    return None if first is None else gast.BinOp(left=first, op=node.op, right=node.right)


def halved(node: gast.expr) -> gast.expr | None:
    """``e`` for a divisor ``2.0 * e`` (the float ``2.0`` written out, ``e`` no number): the
    adjoint of ``np.sqrt`` divides by ``2.0 * y``, and ``c / (2.0 * e)`` doubled is ``c / e``.
    Bit for bit wherever the numbers are normal: ``2.0 * e`` is exact, and so is doubling the
    quotient, so both round the same real number ``c / e`` once.  Where ``2.0 * e`` overflows
    (``|e| >= 2**1023``) the unfolded quotient is a zero and ``c / e`` the true one; where the
    halved quotient is subnormal, ``c / e`` keeps the bit doubling it back lost.  At ``e`` 0,
    inf or NaN both give the same inf, zero or NaN with the same sign.  The dtype is the same
    for a number ``c`` (the only dividend :func:`doubled_first` halves for): a Python number
    divided by a floating ``e`` has ``e``'s type either way, and by an integral or boolean
    ``e`` the default float (``2.0 * e`` is one; a true division gives one).  An array
    dividend would not do: ``c / e`` of a float32 ``c`` and an int ``e`` is float32, and
    ``c / (2.0 * e)`` float64."""
    if node.__class__ is gast.BinOp and node.op.__class__ is gast.Mult and \
            build.is_number(node.left) and node.left.value.__class__ is float and \
            node.left.value == 2.0 and not build.is_number(node.right):
        return node.right
    return None
