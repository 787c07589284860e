"""Operand order: in a product, the factor that needs more arrays at once is computed first.

Python evaluates ``a * b`` left to right, and holds ``a``'s array while it computes ``b``.  In
``y_bar * 2.0 * (1.0 - t * t)`` the left factor is one new array, the right one needs two at once
(``t * t``, then ``1.0 - ...``, which NumPy cannot compute in place: the temporary is on the
right of a subtraction), so three arrays are alive together.  Written the other way round, the
right factor is done (one array left) before the left one starts: two at most.  This is the
classic Sethi-Ullman order of evaluation, with NumPy's temporary elision (an operator whose left
operand, or either operand of ``+``/``*``, is a fresh temporary reuses its memory) in the count.

Only ``*`` is turned round, and only in derivative code between pure operands (names, numbers,
operators, NumPy ufuncs and reductions: evaluating them in another order has no effect):
``a * b`` and ``b * a`` are the same number in IEEE arithmetic, bit for bit, and the same shape
and dtype in NumPy (``np.matrix``, whose ``*`` is a matrix product, is refused as an argument).

    >>> import numpy as np
    >>> import tangentish
    >>> def f(x):
    ...     y = np.tanh(x) * 2.0 + x
    ...     return np.sum(y * y)
    >>> print(tangentish.grad(f).source, end="")  # doctest: +ELLIPSIS
    def grad_f_wrt_x(x, *, out_bar=1.0):
    ...
        x_bar = y_bar + (1.0 - tanh_x * tanh_x) * (y_bar * 2.0)
        return x_bar
"""

from __future__ import annotations

import gast

from .. import ir
from .dataflow import statements
from .derivative import Derivative
from .substitute import Purity
from .unreduce_views import is_unreduce_view
from .walks import Walks

_COMMUTATIVE = (gast.Add, gast.Mult)


def order_operands(fn: Derivative, walks: Walks | None = None) -> None:
    """Turn round the products in derivative code whose right factor needs more arrays (each
    product's turn depends on its own operands only: the walk may be one made before)."""
    pure, rt, walks = Purity(fn), fn.machinery.aliases["_rt"], walks or Walks()
    for stmt in statements(fn.body):
        if ir.note(stmt).adjoint and isinstance(stmt, (gast.Assign, gast.Expr)):
            for node in walks.value(stmt):
                if node.__class__ is gast.BinOp and node.op.__class__ is gast.Mult:
                    _maybe_turn(node, pure, rt)


def _maybe_turn(node: gast.BinOp, pure: Purity, rt: str) -> None:
    """``a * b`` → ``b * a`` when that needs fewer arrays at once and both are pure (inner
    products are visited after this one: each is decided on its own)."""
    left, right = _needs(node.left, rt), _needs(node.right, rt)
    as_written = _peak(left, right, node.op)
    turned = _peak(right, left, node.op)
    if turned < as_written and pure(node.left) and pure(node.right):
        node.left, node.right = node.right, node.left


def _peak(first: tuple[int, int], second: tuple[int, int], op: gast.operator) -> int:
    """The most new arrays alive at once computing ``first op second`` (each a
    :func:`_needs` pair), its result included."""
    (peak_first, new_first), (peak_second, new_second) = first, second
    elided = new_first or (new_second and isinstance(op, _COMMUTATIVE))
    return max(peak_first, new_first + peak_second,
               new_first + new_second + (0 if elided else 1))


def _needs(node: gast.expr, rt: str) -> tuple[int, int]:
    """(the most new arrays alive at once while ``node`` is computed, whether its value is a new
    array: 0 or 1), counting every operation's result as one array (names, numbers and
    broadcast views are none)."""
    if isinstance(node, gast.BinOp):
        return _peak(_needs(node.left, rt), _needs(node.right, rt), node.op), 1
    if isinstance(node, gast.UnaryOp):
        return max(_needs(node.operand, rt)[0], 1), 1  # (a temporary operand is reused)
    if is_unreduce_view(node, rt):
        return 0, 0
    if isinstance(node, (gast.Call, gast.Compare)):
        parts = node.args if isinstance(node, gast.Call) else [node.left, *node.comparators]
        peak = held = 0
        for part in parts:
            part_peak, part_new = _needs(part, rt)
            peak, held = max(peak, held + part_peak), held + part_new
        return max(peak, held + 1), 1
    return 0, 0
