'''Where the adjoint of a contraction or a difference may be non-zero (:mod:`.supports_apart`).

A contraction's adjoint (``np.convolve``'s ``_rt.unconvolve(g, a, v, 'valid')``, ``np.kron``'s,
``np.outer``'s ``g @ b``, ``np.tensordot``'s, ``np.einsum``'s, a product's by a constant) sums
the elements of ``g`` with weights of either sign, so the same map of ``g``'s mask is not its
support: two weights may cancel.  Its support is where the map reaches from an element that
``g``'s mask holds, with a weight that is not 0: the same map of the mask and of every weight
as 1.0 where it is not 0 (``_rt.weighs``), non-zero.  A difference's adjoint (``np.diff``'s,
``np.gradient``'s, ``np.cross``'s) has signs of its own: its runtime helper has a twin that
takes the ``or`` (``_rt.undiff_reach``, ``_rt.cross_reach``).  So an element of ``x`` that no
element the output reads reaches stays 0 by structure and never meets a singular partial
(``np.cbrt`` at 0) as ``0 * inf``:

    >>> import numpy as np, tangentish
    >>> def f(x):
    ...     return np.sum(np.convolve(np.cbrt(x), [1.0, -1.0], 'valid')[1:])
    >>> mask = tangentish.grad(f).source.splitlines()[-3].strip()
    >>> print(mask[:40], '...', mask.split(')))), ')[1])
    cbrt_x_mask = _rt.unconvolve(_rt.weighs( ... cbrt_x, _rt.weighs(array), 'valid') != 0
'''

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gast

from ..syntax import build

_CONTRACTIONS = {"unconvolve": (2,), "uncorrelate_first": (2,), "uncorrelate_second": (1,),
                 "unkron_left": (2,), "unkron_right": (1,), "matmul_left": (2,),
                 "matmul_right": (1,), "dot_left": (2,), "dot_right": (1,), "inner_left": (2,),
                 "inner_right": (1,), "unpolyval": (2,)}
"""Runtime adjoints linear in ``g`` (their first argument) that sum its elements with weights
that are products of the elements of the arguments at these positions (the others give shapes
only): the same call of ``g``'s mask and of those arguments as ``_rt.weighs`` of them is not 0
where the adjoint may not be (``np.polyval``'s weights, powers of ``x``: ``x ** 0`` is 1)."""

_SIGNED = {"undiff": "undiff_reach", "ungradient": "ungradient_reach"}
"""Runtime adjoints with signs of their own, and their twins taking the ``or`` of ``g``'s mask
where they would add (the same arguments)."""


def reached(sweep: Any, value: gast.expr, inner: Callable[[gast.expr], gast.expr | None]
            ) -> gast.expr | None:
    """Where ``value``, a contraction's or difference's adjoint of an expression ``e`` of the
    adjoint ``g`` (and of no other derivative), may be non-zero, ``inner(e)`` being where ``e``
    may be (None: unknown); None if ``value`` is none of them."""
    free = sweep.derivative_names.isdisjoint
    numpy, runtime = sweep.machinery.aliases["np"], sweep.machinery.aliases["_rt"]

    def weighs(node: gast.expr) -> gast.expr:
        return build.call(f"{runtime}.weighs", build.clone(node))

    if isinstance(value, gast.BinOp) and isinstance(value.op, gast.MatMult):
        sides = [value.left, value.right]
        return _one_read(sides, free, inner, lambda k, mask: gast.BinOp(
            left=weighs(mask) if k == 0 else weighs(sides[0]), op=gast.MatMult(),
            right=weighs(mask) if k == 1 else weighs(sides[1])))
    if not isinstance(value, gast.Call) or value.keywords or not value.args or \
            not isinstance(value.func, gast.Attribute):
        return None
    owner, attr, args = getattr(value.func.value, "id", None), value.func.attr, value.args
    if owner == runtime and (attr in _SIGNED or attr in _CONTRACTIONS) and \
            all(free(build.loads(arg)) for arg in args[1:]):
        mask = inner(args[0])
        if mask is None or attr in _CONTRACTIONS and len(args) <= max(_CONTRACTIONS[attr]):
            return None
        if attr in _SIGNED:
            return build.call(f"{runtime}.{_SIGNED[attr]}", mask, *map(build.clone, args[1:]))
        weights = _CONTRACTIONS[attr]
        return _nonzero(build.call(f"{runtime}.{attr}", weighs(mask), *(
            weighs(arg) if k in weights else build.clone(arg) for k, arg in enumerate(args[1:], 1))))
    if owner == numpy and attr == "cross" and len(args) >= 2 and \
            all(free(build.loads(arg)) for arg in args[2:]):  # (signs of its own: its or-twin)
        return _one_read(args[:2], free, inner, lambda k, mask: build.call(
            f"{runtime}.cross_reach", *(mask if j == k else weighs(arg) for j, arg in enumerate(
                args[:2])), *map(build.clone, args[2:])), compare=False)
    if owner != numpy or attr not in ("tensordot", "einsum") or \
            attr == "tensordot" and (len(args) != 3 or not free(build.loads(args[2]))) or \
            attr == "einsum" and not free(build.loads(args[0])):
        return None
    operands = list(args[:2] if attr == "tensordot" else args[1:])
    before, after = ([], args[2:]) if attr == "tensordot" else (args[:1], [])
    return _one_read(operands, free, inner, lambda k, mask: build.call(
        f"{numpy}.{attr}", *map(build.clone, before), *(
            weighs(mask) if j == k else weighs(arg) for j, arg in enumerate(operands)),
        *map(build.clone, after)))


def _one_read(operands: list[gast.expr], free: Callable, inner: Callable,
              make: Callable[[int, gast.expr], gast.expr], compare: bool = True
              ) -> gast.expr | None:
    """``make(k, mask)`` != 0 (itself, not ``compare``), for the one operand ``k`` that reads a
    derivative (``mask`` where it may be non-zero), if just one does and its mask is known."""
    reading = [k for k, operand in enumerate(operands) if not free(build.loads(operand))]
    if len(reading) != 1:
        return None
    mask = inner(operands[reading[0]])
    made = None if mask is None else make(reading[0], mask)
    return _nonzero(made) if compare and made is not None else made


def _nonzero(node: gast.expr) -> gast.expr:
    return gast.Compare(left=node, ops=[gast.NotEq()], comparators=[build.constant(0)])
