"""``np.exp(0.0 - t)`` is ``np.exp(-t)``: a function equal at both zeros does not see the sign.

A zero written as an operand stays one where the arithmetic is taken as written
(``np.exp(0.0 - y * w)``), and rules written for two operands leave one where one is the
number 0: the adjoint of ``np.logaddexp(0.0, t)`` (logistic regression's loss) reaching ``t`` is
``_rt.share(0.0 - t)`` (``1 / (1 + exp(0.0 - t))``, :data:`EVEN_HELPERS`).
``0.0 - t`` and ``-t`` are the same number for every ``t``
but ``+0.0``, which ``0.0 - t`` leaves ``+0.0`` and ``-t`` makes ``-0.0``; ``np.exp``,
``np.exp2``, ``np.cos`` and ``np.cosh`` give one value, bit for bit, at both zeros (``1.0``), so
their value of ``0.0 - t`` is their value of ``-t`` for every ``t``, infinities and NaNs
included (only a NaN's sign bit may differ).  A negation, unlike the subtraction, can then go
into ``t``'s definition (:mod:`.negated_defs`: ``t = -y * z`` read once as ``-t`` becomes
``t = y * z``, renamed ``y_times_z`` where its name said ``neg_``), or is one array operation
as the subtraction is.  ``-0.0 - t`` is ``-t`` for every ``t`` anyway: either zero is taken.  It
runs after :mod:`.recompute` (``pipeline._save_memory``), which writes a parameter's negation
``-y`` back where it is read, so that the definition ``-y * z`` shows its sign.

What it proves and requires: ``t`` is real float64 (an expression of ``+ - * /``, negations and
powers to a number of names proven float64 and Python floats, see
:func:`.plain_differences.float64_names`): for an unsigned or bool ``t`` the negation would wrap
or fail where ``0.0 - t`` makes floats, and for a complex ``t`` the imaginary part's zero sign
would reach ``np.exp``'s result.  A derivative specialized to float64 arguments only.

    >>> import numpy as np
    >>> import tangentish
    >>> def logistic(w, y):
    ...     return np.sum(np.logaddexp(0.0, -y * w))
    >>> df, w, y = tangentish.grad(logistic), np.ones(3), np.array([1.0, -1.0, 1.0])
    >>> _ = df(w, y)  # (the first call runs the generic derivative)
    >>> lines = df.source_for(w, y).splitlines()
    >>> print(lines[2].strip(), lines[4].strip(), sep="\\n")
    y_times_w = y * w
    neg_y_times_w_bar = _rt.share(y_times_w)
"""

from __future__ import annotations

import gast

from ..syntax.tree_walk import walk
from .dataflow import statements
from .derivative import Derivative
from .negated_defs import negate_definitions
from .plain_differences import arithmetic_leaves, float64_names, float_leaf
from .walks import Walks

EVEN_AT_ZERO = ("exp", "exp2", "cos", "cosh")
"""NumPy functions whose values at ``+0.0`` and ``-0.0`` are the same bits (tests check each)."""
EVEN_HELPERS = ("share", "share2")
"""The runtime's (``_rt.share``: ``np.logaddexp``'s partials), likewise."""


def even_signs(fn: Derivative, params: set[str], walks: Walks, counts: dict[str, int]) -> None:
    """:func:`negate_zero_differences`, then, where any changed, the negations into the
    definitions of the temporaries they negate (:func:`.negated_defs.negate_definitions`:
    ``params``, ``counts``, the function's parameters and how often each name is bound).  A
    temporary named for its negation (``neg_y_times_z``) that no longer holds it is renamed
    (``y_times_z``)."""
    negated = negate_zero_differences(fn, walks)
    if not negated or not negate_definitions(fn.body, params, fn.protected, walks, counts):
        return
    for call, name in negated:
        if call.args[0].__class__ is gast.Name and name.startswith("neg_"):  # (unwrapped)
            _rename(fn, name, fn.namer.fresh(name[len("neg_"):]), walks, counts)


def _rename(fn: Derivative, old: str, new: str, walks: Walks, counts: dict[str, int]) -> None:
    """``old`` as ``new`` in ``fn``'s statements, its facts (shape, rank, bindings) kept."""
    for stmt in statements(fn.body):
        found = [n for n in walk(stmt) if n.__class__ is gast.Name and n.id == old]
        for node in found:
            node.id = new
        if found:
            walks.forget(stmt)
    for facts in (fn.shaped, fn.ranks, counts):
        if old in facts:
            facts[new] = facts[old]


def negate_zero_differences(fn: Derivative, walks: Walks) -> list[tuple[gast.Call, str]]:
    """Write each ``np.<f>(0.0 - t)`` of a function :data:`EVEN_AT_ZERO` (``_rt.<f>`` of
    :data:`EVEN_HELPERS`) of a proven float64 ``t`` as ``np.<f>(-t)`` (see above); the calls
    changed whose ``t`` is a name, with it (``walks``: those of the statements changed are forgotten)."""
    numpy, rt = fn.machinery.aliases["np"], fn.machinery.aliases["_rt"]
    floats: set[str] | None = None
    changed: list[tuple[gast.Call, str]] = []
    for stmt in statements(fn.body):
        for node in walk(stmt):
            if not _zero_difference_call(node, numpy, rt):
                continue
            floats = float64_names(fn) if floats is None else floats
            operand = node.args[0].right
            leaves = arithmetic_leaves(operand)
            if leaves is None or not all(float_leaf(leaf, floats) for leaf in leaves):
                continue
            node.args[0] = gast.UnaryOp(op=gast.USub(), operand=operand)
            walks.forget(stmt)
            changed.append((node, getattr(operand, "id", "")))
    return changed


def _zero_difference_call(node: gast.AST, numpy: str, rt: str) -> bool:
    """Whether ``node`` is ``np.<f>(0.0 - t)`` for a function of :data:`EVEN_AT_ZERO` (or
    ``_rt.<f>(0.0 - t)`` of :data:`EVEN_HELPERS`)."""
    if node.__class__ is not gast.Call or len(node.args) != 1 or node.keywords:
        return False
    func, arg = node.func, node.args[0]
    owner = getattr(func.value, "id", None) if func.__class__ is gast.Attribute else None
    return (owner == numpy and func.attr in EVEN_AT_ZERO or
            owner == rt and func.attr in EVEN_HELPERS) and arg.__class__ is gast.BinOp and \
        arg.op.__class__ is gast.Sub and arg.left.__class__ is gast.Constant and \
        type(arg.left.value) is float and arg.left.value == 0.0
