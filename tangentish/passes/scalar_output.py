"""The seed of a specialized derivative reads a scalar output's operand, not its reduction.

In a derivative specialized to scalar arguments (rank 0, see :mod:`.patterns`), a function that
ends in ``return np.sum(v)`` with ``v`` a scalar computes ``np.sum`` of a number: a NumPy call
(~20k instructions, more than the rest of a 20-operation scalar gradient) whose value only the
seed check reads, and the seed asks of it only its shape, whether it is complex and its kind of
dtype, all of which a full reduction of a rank-0 value shares with the value.  So when the
output ``out = R(v)`` (``R`` a full reduction, ``v`` of proven pattern ``()``, bound at most
once) is read by nothing but the seed, the seed reads ``v`` and the reduction goes.  A derivative
that returns the value (``value_and_grad``) reads ``out`` twice and keeps it; the adjoint of the
reduction (``_rt.unreduce(g, t, view=True)``) stays too, so the gradients keep the generic derivative's types.
(Where the arguments are float64, :mod:`.dtypes` proves such an output a float64 scalar and the
seed goes altogether: this pass is for the other dtypes, where the seed casts ``out_bar``.)

    >>> import numpy as np
    >>> import tangentish
    >>> def f(x, y):
    ...     return np.sum(np.sin(x) * y)
    >>> df = tangentish.grad(f, wrt=(0, 1))
    >>> x, y = np.float32(0.5), np.float32(2.0)
    >>> print(df.source_for(x, y), end="")  # doctest: +ELLIPSIS
    def grad_f_wrt_x_y(x, y, *, out_bar=1.0):
        ...
        sin_x_times_y = sin_x * y
        out_bar = _rt.seed(sin_x_times_y, out_bar, 'f')
    ...
"""

from __future__ import annotations

import gast

from .. import ir
from ..syntax import build
from .dataflow import definition_counts, target
from .derivative import Derivative
from .shapes import FULL_REDUCTIONS, hashable_in
from .walks import Walks


def seed_reads_scalar(fn: Derivative, walks: Walks | None = None) -> bool:
    """Let the seed read the operand of a scalar's full reduction (see the module docstring;
    ``fn.scalars``: the reverse pass's names of pattern ``()``, which the optimizer only ever
    merges with names of equal values); whether the code changed (the seed's walk in ``walks``
    is forgotten)."""
    seed = _seed_statement(fn)
    if seed is None or not isinstance(seed.value.args[0], gast.Name):
        return False
    output = seed.value.args[0].id
    binding = next((s for s in fn.body if target(s) == output), None)
    operand = _reduced(binding)
    if operand not in fn.scalars:
        return False
    counts = definition_counts(fn.body)
    if counts.get(output, 0) != 1 or counts.get(operand, 0) > 1 or _reads(fn.body, output) != 1:
        return False
    seed.value.args[0] = build.name(operand)
    fn.body.remove(binding)
    if walks is not None:
        walks.forget(seed)
    return True


def _seed_statement(fn: Derivative) -> gast.Assign | None:
    """The top-level ``out_bar = _rt.seed(out, out_bar, 'f')``, if there is one."""
    helper = fn.machinery.aliases["_rt"]
    for stmt in fn.body:
        value = getattr(stmt, "value", None)
        if isinstance(stmt, gast.Assign) and isinstance(value, gast.Call) and \
                isinstance(value.func, gast.Attribute) and value.func.attr == "seed" and \
                isinstance(value.func.value, gast.Name) and value.func.value.id == helper:
            return stmt
    return None


def _reduced(binding: gast.stmt | None) -> str | None:
    """``v`` when ``binding`` is ``out = R(v)``, ``R`` a full reduction with no other argument."""
    if binding is None or not isinstance(binding.value, gast.Call):
        return None
    op = ir.note(binding).op
    if op is None or not hashable_in(op.key, FULL_REDUCTIONS) or op.keywords:
        return None
    args = binding.value.args
    if len(args) != 1 or binding.value.keywords or not isinstance(args[0], gast.Name):
        return None
    return args[0].id


def _reads(body: list[gast.stmt], name: str) -> int:
    return sum(1 for stmt in body for node in build.nodes(stmt)
               if isinstance(node, gast.Name) and node.id == name
               and isinstance(node.ctx, gast.Load))
