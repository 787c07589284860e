'''Zeros a move of tangents puts in of its own (forward mode, :mod:`.supports_moved`).

A move puts each element of its result where an element of its operands was, or a constant 0:
``np.pad(t, 1)``'s border, ``np.triu(t)``'s lower triangle, ``np.diag(t)``'s off-diagonal of a
vector ``t``, the constant an ``np.insert``/``np.append``/``np.concatenate``/``np.stack``
joins to ``t`` (``np.zeros(2)``, ``0.0``: its tangent is 0 by symbol).  Its result's tangent
is 0 there by structure even where no tangent it moves has a support of its own (a support is
known only from where zeros are made: a selection, a seed, a factorization...), so the move of
the operands' masks, True everywhere for an operand without one, says something there: a
singular partial downstream (``np.sqrt(m ** 2)`` of ``m = np.pad(s * x, 1)``, ``s =
np.sum(x)``) meets a tangent 0 at the border, not ``0 * inf`` (jvp gave NaN where grad and the
differences give the derivative: stop 56's closing note, item 2).

    >>> import numpy as np, tangentish
    >>> def f(x):
    ...     u = np.sum(x) * x
    ...     return np.sum(np.sqrt(np.pad(u, 1) ** 2))
    >>> line = tangentish.jvp(f).source.splitlines()[-4]
    >>> print(line.split("_rt.divided(")[1].split(", 0), ")[0] + ", 0)")
    _rt.pad_tangent(_rt.read_mask(u, True), u, 1, 'constant', 0.0, None, 0)
'''

from __future__ import annotations

from typing import Any

import gast

from ..syntax import build

SHARES = ("tied_mean", "running_share", "unrunning_share")
"""Runtime maps of their first argument sharing it evenly among equal values (``sort``'s ties, a
running maximum's): non-zero where it is, or at a tied partner of such an element; of a mask,
numbers (compared with 0 again, as a cast's: :func:`recast_mask`)."""

RUNTIME_MOVES = frozenset({"outer_left", "pad_tangent", "recast", "real_only", *SHARES})
"""Runtime helpers that only move their first argument's elements (``_rt.outer_left(t, b)``,
``np.multiply.outer``'s reshape of ``t``; ``_rt.pad_tangent(t, x, width, mode, c)`` in a mode
that copies elements, :func:`copying`; ``_rt.recast(t, like, dtype)``, a cast's tangent, whose
mask is kept boolean: :func:`recast_mask`; ``_rt.real_only(t, what, x)``, ``np.real_if_close``'s,
``t`` itself)."""

JOINS = {"insert": 2, "append": 1}
"""NumPy functions that join values to an array, moves that :data:`.supports_base.MOVES` does
not list (reverse mode has no use for them), and where their values are among the arguments."""

_ZEROING = frozenset({"triu", "tril", "diag", "diagflat"})
"""NumPy moves that put zeros of their own (``np.diag`` of a vector; of a matrix it gathers, and
the mask it moves is then what it would be without this)."""

_COPYING = frozenset({"constant", "edge", "reflect", "symmetric", "wrap"})


def copying(node: gast.Call) -> bool:
    """Whether a move's call moves: ``_rt.pad_tangent`` only in a mode that copies elements (the
    statistic modes compute them), its padding constant's tangent a literal (0.0)."""
    if node.func.attr != "pad_tangent":
        return True
    from .zeros import is_zero  # (forward mode's: a first reverse-mode grad() does not load it)

    mode = node.args[3] if len(node.args) > 3 else None
    return not node.keywords and len(node.args) == 7 and isinstance(mode, gast.Constant) and \
        mode.value in _COPYING and (isinstance(node.args[4], gast.Constant) or
                                    is_zero(node.args[4]))


def fills(node: gast.expr, reads: Any, ours: bool) -> bool:
    """Whether the move ``node`` (of tangents: ``reads`` tells which of its parts read one;
    ``ours``: a runtime helper's call) puts zeros of its own: a display joining a tangent that
    is 0 by symbol (a constant's, in ``np.concatenate((t, <zero>))``), a zeroing move, a
    constant-mode padding, the constant values ``np.insert``/``np.append`` join."""
    if isinstance(node, (gast.Tuple, gast.List)):
        return not all(reads(build.loads(item)) for item in node.elts)
    name = node.func.attr
    if ours:
        mode = node.args[3] if name == "pad_tangent" and len(node.args) > 3 else None
        return isinstance(mode, gast.Constant) and mode.value == "constant"
    at = JOINS.get(name)
    if at is not None:
        return len(node.args) > at and not reads(build.loads(node.args[at]))
    return name in _ZEROING


def recast_mask(call: gast.Call, numpy: str) -> gast.expr:
    """The mask of ``_rt.recast(t, like, dtype)`` (``call``, ``t`` replaced by its mask): the
    same cast of it, as booleans again (a cast to ``like``'s floating dtype makes it numbers)."""
    return build.call(f"{numpy}.not_equal", call, build.constant(0))
