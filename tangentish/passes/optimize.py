"""Clean the generated function: constant folding, copy propagation, dead code.

Guarantee: the function computes the same values with no statement whose result is unused, no copy
``a = b`` between names assigned once, and no ``e * 1``, ``e + 0`` or constant arithmetic left from
template instantiation.  Statements with effects (unknown calls, the seed check, tape and in-place
markers) stay.  Every step is one linear pass (:mod:`dataflow` answers the questions), repeated a
bounded number of times, so a 5,000-statement function is cleaned in well under a second.

What it changes in a small derivative, as a diff (``-`` before, ``+`` after):

    >>> import difflib
    >>> import numpy as np
    >>> import tangentish.rules  # registers the derivative rules
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.activity import analyze
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.generate import generate
    >>> from tangentish.passes.normalize import normalize
    >>> from tangentish.passes.reverse import reverse
    >>> def f(x, c):
    ...     if c > 0:
    ...         y = x ** 2
    ...     else:
    ...         y = x
    ...     return np.sum(y * 1.0)
    >>> info = parse_function(f); desugar(info)
    >>> norm = normalize(info)
    >>> derivative = reverse(norm, analyze(norm, ["x"]), ["x"], single=True, with_value=False,
    ...                      fn_name="grad_f")
    >>> before = generate(derivative, "").splitlines()
    >>> after = generate(optimize(derivative, set(norm.params)), "").splitlines()
    >>> for line in difflib.unified_diff(before, after, "before", "after", lineterm="", n=0):
    ...     print(line)
    --- before
    +++ after
    @@ -5,2 +5 @@
    -        y = x ** 2
    -        y_1 = y
    +        y_1 = x ** 2
    @@ -13,2 +12 @@
    -    y_1_times_1_bar = _rt.unreduce(out_bar, y_1_times_1)
    -    y_1_bar = y_1_times_1_bar * 1.0
    +    y_1_bar = _rt.unreduce(out_bar, y_1_times_1)
    @@ -17 +14,0 @@
    -        y_bar = y_1_bar
    @@ -19 +16 @@
    -        x_bar = y_bar * 2 * _rt.power(x, 2 - (2 != 0))
    +        x_bar = y_1_bar * 2 * x
"""

from __future__ import annotations

import math
import operator

import gast

from .. import ir
from ..ir import LIST, TUPLE
from ..registry import REGISTRY
from ..rule_forms import SELECTION_WEIGHTS
from ..syntax import build
from .common import share_common
from .copies import Rounds, _Reads, propagate_copies
from .dataflow import drop_empty, needed, statements, sweep
from .dead_stores import drop_overwritten
from .derivative import Derivative
from .doubled_defs import double_definitions
from .like_terms import doubled_first, fold_like_terms
from .negated_defs import negate_definitions
from .signs import into_number, into_operand, sign_into_scale, signed, without_sign
from .substitute import substitute
from .supports_collapse import collapse
from .views import use_views
from .walks import Walks

_FOLDABLE = {gast.Add: operator.add, gast.Sub: operator.sub, gast.Mult: operator.mul,
             gast.Div: operator.truediv, gast.Pow: operator.pow}
_PURE_BUILTINS = frozenset({tuple, list, str, range, len, min, max, float, int, abs, slice,
                            reversed, TUPLE, LIST})
_ROUNDS = 4
_COMPARED = {
    gast.Eq: operator.eq, gast.NotEq: operator.ne, gast.Lt: operator.lt, gast.LtE: operator.le,
    gast.Gt: operator.gt, gast.GtE: operator.ge,
}
_FOLD_AT = (gast.BinOp, gast.UnaryOp, gast.Compare, gast.Call)  # where :class:`_Folder` folds


def _is(node: gast.AST, value: float) -> bool:
    return build.is_number(node) and node.value == value


def _literal(node: gast.AST) -> bool:
    """A number or a bool written out (``2 - (2 != 0)``, the power rule's exponent, folds to 1)."""
    return isinstance(node, gast.Constant) and isinstance(node.value, (int, float))


def _compared(node: gast.Compare) -> bool:
    """Whether ``node`` compares two numbers written out by one comparison :class:`_Folder` folds."""
    return len(node.ops) == 1 and type(node.ops[0]) in _COMPARED and _literal(node.left) and \
        _literal(node.comparators[0])


def _factor(node: gast.AST) -> tuple | None:
    """A product's factor as compared by :func:`_doubled`: a name or a number, else ``None``."""
    if node.__class__ is gast.Name:
        return ("name", node.id)
    if build.is_number(node):
        return ("number", repr(node.value))
    return None


def _doubled(node: gast.BinOp) -> bool:
    """Whether ``node`` is ``a * b + b * a`` (or ``a * b + a * b``) over names and numbers: the
    tangent of ``a * a`` is ``a_dot * a + a * a_dot``.  ``2 * (a * b)`` is the same number: a
    product of two operands commutes exactly (``np.matrix``, whose ``*`` does not, is refused at
    the call), and doubling is exact."""
    left, right = node.left, node.right
    if node.op.__class__ is not gast.Add or left.__class__ is not gast.BinOp or \
            right.__class__ is not gast.BinOp or left.op.__class__ is not gast.Mult or \
            right.op.__class__ is not gast.Mult:
        return False
    mine = [_factor(left.left), _factor(left.right)]
    theirs = [_factor(right.left), _factor(right.right)]
    return None not in mine and None not in theirs and sorted(mine) == sorted(theirs)


def _scaled(left: gast.expr, right: gast.expr) -> gast.expr | None:
    """``left * right`` with its constant factor taken in, bit for bit (negation and doubling
    are exact): ``-1 * e`` and ``e * -1`` → ``-e``; ``-x * c`` → ``x * -c`` for ``c`` not 0
    (one negation fewer; ``-x * 0`` keeps the sign of its zero); ``2 * (c / b * e)`` →
    ``2c / b * e``, ``2 * (e * c)`` → ``2c * e`` and ``c / b * 2`` → ``2c / b`` (a doubled term,
    one product fewer); None for any other product."""
    if _is(left, -1) and build.is_number(left):
        return gast.UnaryOp(op=gast.USub(), operand=right)
    if _is(right, -1) and build.is_number(right):
        return gast.UnaryOp(op=gast.USub(), operand=left)
    if build.is_number(right) and right.value != 0 and left.__class__ is gast.UnaryOp and \
            left.op.__class__ is gast.USub and not build.is_number(left.operand):
        return build.binop(left.operand, "*", build.constant(-right.value))
    if sign_into_scale(left, right) is not None:  # c * (-x * y): -c * (x * y)
        return sign_into_scale(left, right)
    if _is(left, 2) and right.__class__ is gast.BinOp and right.op.__class__ is gast.Mult:
        return doubled_first(right)
    if _is(right, 2) and left.__class__ is gast.BinOp and left.op.__class__ in (gast.Mult,
                                                                               gast.Div):
        return doubled_first(left)  # (c / b * 2: 2c / b)
    return None


def _unit_dropped(node: gast.expr) -> gast.expr:
    """``node`` (a product :func:`_scaled` made) without a first factor 1 (``1.0 * u`` → ``u``,
    the same numbers), for an operand (a whole value ``1.0 * u`` may be the copy that keeps it:
    :mod:`.accumulate` sums into it, or takes it into the first sum)."""
    if node.__class__ is gast.BinOp and node.op.__class__ is gast.Mult and _is(node.left, 1):
        return node.right
    return node


def _plain_power(node: gast.Call) -> bool:
    """Whether ``node`` is ``_rt.power(a, k)`` of a number ``k >= 0`` (the power rule's partial
    of a literal exponent from 1 up): ``a ** k`` then, which no number ``a`` makes singular."""
    func = node.func
    return func.__class__ is gast.Attribute and func.attr == "power" and \
        getattr(func.value, "id", None) == "_rt" and len(node.args) == 2 and not node.keywords \
        and build.is_number(node.args[1]) and node.args[1].value >= 0


def _plain_chosen(node: gast.Call) -> bool:
    """Whether ``node`` is ``_rt.chosen(c, w)`` of a positive finite float ``c`` written out (a
    selection's adjoint of the unit seed) and a weight ``w`` made by a helper that gives 0, 0.5,
    1 or NaN, never -0.0 (``_rt.step``, ``_rt.pick_first``...): ``c * w`` then, the same numbers
    bit for bit (``chosen`` only repairs the products of an inf or NaN ``g`` where ``w`` is 0)."""
    func, args = node.func, node.args
    return func.__class__ is gast.Attribute and func.attr == "chosen" and \
        getattr(func.value, "id", None) == "_rt" and len(args) == 2 and not node.keywords \
        and build.is_number(args[0]) and args[0].value.__class__ is float and \
        0.0 < args[0].value < math.inf and args[1].__class__ is gast.Call and \
        args[1].func.__class__ is gast.Attribute and \
        getattr(args[1].func.value, "id", None) == "_rt" and \
        args[1].func.attr in SELECTION_WEIGHTS | {"step"}


def _folds(node: gast.BinOp | gast.UnaryOp | gast.Compare | gast.Call) -> bool:
    """Whether :class:`_Folder` may fold ``node`` itself as its operands are (every chain of
    folds starts at such a node: where there is none, the folder changes nothing)."""
    if node.__class__ is gast.Call:
        return _plain_power(node) or _plain_chosen(node)
    if node.__class__ is gast.Compare:
        return _compared(node)
    if node.__class__ is gast.UnaryOp:
        inner = node.operand
        return isinstance(node.op, gast.USub) and (build.is_number(inner) or isinstance(
            inner, gast.UnaryOp) and isinstance(inner.op, gast.USub)) or signed(node) or \
            isinstance(node.op, gast.USub) and (into_number(inner) or into_operand(inner)) is not None
    left, right, op = node.left, node.right, type(node.op)
    return (_literal(left) and _literal(right) and op in _FOLDABLE
            or op is gast.Mult and _scaled(left, right) is not None
            or op is gast.Mult and _is(left, 1) or op is gast.Add and _is(left, 0)
            or op in (gast.Mult, gast.Div, gast.Pow) and _is(right, 1)
            or op in (gast.Add, gast.Sub) and _is(right, 0) or _doubled(node) or signed(node))


class _Folder(build.Transformer):
    changed = False  # (set when a fold returns another node)
    root: gast.AST | None = None  # (the value folded: ``v = 1.0 * u`` may be a copy kept)

    def visit(self, node: gast.AST) -> gast.AST:
        found = super().visit(node)
        if found is not node:
            self.changed = True
        return found

    def visit_BinOp(self, node: gast.BinOp) -> gast.expr:
        self.generic_visit(node)
        left, right, op = node.left, node.right, type(node.op)
        if _literal(left) and _literal(right) and op in _FOLDABLE:
            try:
                value = _FOLDABLE[op](left.value, right.value)
            except (ZeroDivisionError, OverflowError):
                return node
            if isinstance(value, (int, float)) and not isinstance(value, bool) and \
                    abs(value) < 1e15:
                return build.constant(value)
        if op is gast.Mult and _is(left, 1):
            return right
        if op in (gast.Mult, gast.Div, gast.Pow) and _is(right, 1):
            return left
        if op is gast.Add and _is(left, 0):
            return right
        if op in (gast.Add, gast.Sub) and _is(right, 0):
            return left
        if _doubled(node):  # (the same product twice: one product, doubled)
            return doubled_first(left) or build.binop(build.constant(2), "*", left)
        if op is gast.Mult:
            found = _scaled(left, right)
            if found is not None:  # (2 * (0.5 * u): 1.0 * u, inside a value u; a whole
                return found if node is self.root else _unit_dropped(found)  # value: a copy)
        if op in (gast.Add, gast.Sub) and signed(node):  # a + -x * y: a - x * y
            return build.binop(left, "-" if op is gast.Add else "+", without_sign(right))
        return node

    def visit_Call(self, node: gast.Call) -> gast.expr:
        self.generic_visit(node)
        if _plain_power(node):
            return self.visit_BinOp(gast.BinOp(left=node.args[0], op=gast.Pow(),
                                               right=node.args[1]))
        if _plain_chosen(node):
            return self.visit_BinOp(build.binop(node.args[0], "*", node.args[1]))
        return node

    def visit_Compare(self, node: gast.Compare) -> gast.expr:
        self.generic_visit(node)
        if _compared(node):
            return build.constant(_COMPARED[type(node.ops[0])](node.left.value,
                                                               node.comparators[0].value))
        return node

    def visit_UnaryOp(self, node: gast.UnaryOp) -> gast.expr:
        self.generic_visit(node)
        if isinstance(node.op, gast.USub):
            inner = node.operand
            if build.is_number(inner):
                return build.constant(-inner.value)
            if isinstance(inner, gast.UnaryOp) and isinstance(inner.op, gast.USub):
                return inner.operand
            if signed(node):  # -(-x * y): x * y
                return without_sign(inner)
            if into_number(inner) is not None:  # -(c / b * e): -c / b * e
                return into_number(inner)
            if into_operand(inner) is not None:  # -(a / (c * v)): a / (-c * v)
                return into_operand(inner)
        return node


def _pure(stmt: gast.stmt) -> bool:
    """Whether an assignment may be dropped when its result is unused."""
    op = ir.note(stmt).op
    if op is None or op.key is None:
        return True
    key = op.key
    try:
        return REGISTRY.known(key) or key in _PURE_BUILTINS
    except TypeError:  # an unhashable key
        return False


def fold_constants(fn: Derivative, walks: Walks | None = None,
                   only: list[gast.stmt] | None = None) -> None:
    """Arithmetic is folded in derivative code only: in the primal, ``y = x * 1.0`` is how people
    copy an array they then change in place (a value with no number nor negation is not visited).
    Nor in derivative code where the fold would leave another name for an array the function
    changes in place (``z_bar = 1.0 * y`` as ``z_bar = y``, then ``y[0] = _tape.pop()``: the
    product is the copy that keeps ``z_bar``).  ``only``: the statements to fold (all of
    ``fn``'s if None)."""
    walks = walks or Walks()
    changed: set[str] | None = None  # (the names changed in place, when first asked)
    for stmt in statements(fn.body) if only is None else only:
        if ir.note(stmt).adjoint and isinstance(stmt, (gast.Assign, gast.Expr)) and \
                any(_folds(n) for n in walks.value(stmt) if n.__class__ in _FOLD_AT):
            folder, before = _Folder(), build.clone(stmt.value)
            folder.root = stmt.value
            stmt.value = folder.visit(stmt.value)
            if folder.changed:  # (else its walk still holds)
                walks.forget(stmt)
                changed = _changed_in_place(fn) if changed is None else changed
                if _view_of(stmt.value) in changed:
                    stmt.value = before


def _changed_in_place(fn: Derivative) -> set[str]:
    """Names of arrays changed in place (updates, element writes), with every name that may
    share their memory (``fn.sharing``: ``g1_1`` before ``g1_1[i] = v`` beside ``g1_2``)."""
    found = {ir.note(s).updates for s in statements(fn.body)} | {
        _view_of(t) for s in statements(fn.body) if s.__class__ in (gast.Assign, gast.AugAssign)
        for t in getattr(s, "targets", [getattr(s, "target", None)]) if t.__class__ is gast.Subscript}
    return found.union(*(fn.sharing.get(n, ()) for n in found)) - {None}


def _view_of(value: gast.expr) -> str | None:
    """The name ``value`` is, or a view of by indexing or attributes (``y``, ``y[1:]``, ``y.T``):
    an expression that may share that name's memory."""
    while value.__class__ in (gast.Subscript, gast.Attribute):
        value = value.value
    return value.id if value.__class__ is gast.Name else None


def fold_repeated_terms(fn: Derivative, params: set[str], reads: _Reads | None = None) -> None:
    """``v = E`` then ``v = v + E`` → ``v = 2 * E``, and likewise for like terms written apart
    (:mod:`.like_terms`)."""
    shared = {name for name, group in fn.sharing.items() if len(group) > 1}
    fold_like_terms(fn.body, params, reads, shared)


def eliminate_dead_code(fn: Derivative, reads: _Reads | Walks | None = None,
                        rounds: Rounds | None = None) -> bool:
    """Remove what the result does not need (``reads``: or the statements' walks to read them
    from; ``rounds``: told what went)."""
    roots = set(fn.protected)
    if reads is None or reads.__class__ is Walks:
        reads = _Reads(reads)
    keep = needed(fn.body, roots, _pure, reads,
                  rounds.binders if rounds is not None else None)
    gone: list[gast.stmt] = []
    changed = sweep(fn.body, keep, gone)
    changed = drop_empty(fn.body, gone) or changed
    if rounds is not None and gone:
        rounds.removed(gone)
    return changed


def optimize(fn: Derivative, params: set[str], reverse: bool = True,
             walks: Walks | None = None) -> Derivative:
    """Fold, propagate copies and remove dead code, a few linear rounds.  In reverse mode, then,
    single-use temporaries go into their use (:mod:`substitute`) and the adjoints of full
    reductions that only arithmetic reads become broadcast views (:mod:`views`); forward mode
    keeps a statement per operation, which ``check_grads`` compares one by one.  ``walks``: the
    statements' walks, kept true for the passes after this one (see :mod:`walks`)."""
    reads = _Reads(walks)  # (its walks are made as the steps ask, fold_constants first)
    fold_constants(fn, reads.walks)
    fold_repeated_terms(fn, params, reads)
    rounds = _clean(fn, params, reads)
    if share_common(fn, reads.walks):  # (a value computed again reads the first: copies to go)
        for _ in range(_ROUNDS - 1):  # (a statement moved up shows the expressions around it)
            if not share_common(fn, reads.walks):
                break
        reads.known.clear()  # (the walks of the statements changed were forgotten: read again)
        rounds = _clean(fn, params, reads)
    if reverse:
        written = substitute(fn, params, reads.walks, rounds.counts)
        negate_definitions(fn.body, params, fn.protected, reads.walks)  # (-(t * e): t negated)
        double_definitions(fn.body, params, fn.protected, lambda: _changed_in_place(fn),
                           reads.walks)
        use_views(fn, reads.walks)
        fold_constants(fn, reads.walks, written)  # (substituted negations: -(-g * p) is g * p)
        fold_repeated_terms(fn, params, _Reads(reads.walks))  # (alike once substituted)
        collapse(written, reads.walks, fn.machinery.aliases["np"])  # (one selection, not two)
        if written and share_common(fn, reads.walks):  # (what substitution wrote twice: once)
            clean(fn, params, reads.walks)
    drop_overwritten(fn.body, set(fn.protected), _pure, lambda: eliminate_dead_code(fn, reads.walks))
    return fn


def clean(fn: Derivative, params: set[str], walks: Walks) -> None:
    """Propagate copies and remove dead code again (a pass after the optimizer made copies:
    ``walks``, the statements' walks, kept true)."""
    _clean(fn, params, _Reads(walks))


def _clean(fn: Derivative, params: set[str], reads: _Reads) -> Rounds:
    """Propagate copies and remove dead code, a few linear rounds; returns what they counted."""
    rounds = Rounds(fn.body, reads)
    for index in range(_ROUNDS):
        copied = propagate_copies(fn, params, rounds)
        if index and not copied:  # nothing changed since dead code was last removed
            break
        if not eliminate_dead_code(fn, reads, rounds) and not copied:
            break
    return rounds
