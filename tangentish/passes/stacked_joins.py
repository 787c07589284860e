"""A list joined by ``np.concatenate`` right after ``np.stack`` of it: the join's adjoint reshapes.

``np.stack(rows)`` succeeds only when every item of ``rows`` has one shape ``s``, and gives the
shape ``(n, *s)``.  While nothing can change ``rows``, ``np.concatenate(rows)`` (along axis 0)
lays the same items end to end, shape ``(n * s[0], *s[1:])`` (a 0-d item makes it raise).  Its
adjoint cuts ``g`` back into the items, which for items of one shape is their stacked adjoint
form: ``g`` reshaped to the stack's shape, ``np.reshape(g, stack_rows.shape)`` instead of
``_rt.unjoin(g, rows, 'concatenate', 0)`` (the same numbers; a view of ``g`` where NumPy can
make one, which the in-place helpers never write, see ``runtime/indexing._sole_owner``).

Between the two statements, in the same block, only a NumPy function (no ``out=``, none that
writes its arguments) or an arithmetic operator may run: nothing that could change the list
through another name.  The stack is bound once (its value is the one the adjoint reads).

    >>> import gast
    >>> import numpy as np
    >>> from tangentish import ir
    >>> tree = gast.parse("def f(rows):\\n"
    ...                   "    s = np.stack(rows)\\n"
    ...                   "    t = s ** 2\\n"
    ...                   "    c = np.concatenate(rows)\\n").body[0]
    >>> for stmt, op in zip(tree.body, (np.stack, operator.pow, np.concatenate)):
    ...     ir.note(stmt).op = ir.Op(op, [stmt.value.args[0] if op is not operator.pow
    ...                                   else stmt.value.left])
    >>> stacked_joins(tree.body, {"s": 1, "t": 1, "c": 1})
    {'c': 's'}
"""

from __future__ import annotations

import operator

import gast
import numpy as np

from .. import ir
from ..syntax import build
from .dataflow import blocks, target

_PURE_OPERATORS = frozenset({operator.add, operator.sub, operator.mul, operator.truediv,
                             operator.floordiv, operator.mod, operator.pow, operator.neg,
                             operator.pos, operator.matmul, operator.getitem})
_WRITERS = frozenset({"copyto", "put", "place", "putmask", "fill_diagonal", "shuffle"})


def stacked_joins(body: list[gast.stmt], definitions: dict[str, int]) -> dict[str, str]:
    """``{c: s}`` for each ``c = np.concatenate(rows)`` that follows ``s = np.stack(rows)`` as
    above, ``c`` bound once too."""
    found: dict[str, str] = {}
    for block in blocks(body):
        stacks: dict[str, str] = {}  # a list's name -> the name of its stack
        for stmt in block:
            name, op = target(stmt), ir.note(stmt).op
            listed = _only_name(op)
            if name is not None and listed is not None and not op.keywords:
                if op.key is np.stack and definitions.get(name) == 1:
                    stacks[listed] = name
                    continue
                if op.key is np.concatenate and listed in stacks and definitions.get(name) == 1:
                    found[name] = stacks[listed]
                    continue
            if name is None or op is None or not _pure(op):
                stacks.clear()
            else:
                mentioned = set(build.names(stmt))
                stacks = {k: v for k, v in stacks.items() if k not in mentioned and v != name}
    return found


def _only_name(op: ir.Op | None) -> str | None:
    if op is None or len(op.args) != 1 or op.args[0].__class__ is not gast.Name:
        return None
    return op.args[0].id


def _pure(op: ir.Op) -> bool:
    """Whether the operation surely changes none of its operands nor anything else."""
    if op.key in _PURE_OPERATORS:
        return True
    module = getattr(op.key, "__module__", None) or ""
    return (module == "numpy" or module.startswith("numpy.")) and "out" not in op.keywords and \
        getattr(op.key, "__name__", "") not in _WRITERS


class StackedJoin:
    """Rewrite ``_rt.unjoin(g, rows, 'concatenate', 0)`` of the statement binding ``target`` as
    ``np.reshape(g, s.shape)`` where ``target`` is one of :func:`stacked_joins`."""

    def __init__(self, stack: str, runtime_alias: str, np_alias: str):
        self.stack, self.runtime, self.np = stack, runtime_alias, np_alias

    def simplify(self, node: gast.Call) -> gast.expr:
        func, args = node.func, node.args
        if not (func.__class__ is gast.Attribute and func.attr == "unjoin" and
                getattr(func.value, "id", None) == self.runtime and len(args) == 4 and
                not node.keywords and args[2].__class__ is gast.Constant and
                args[2].value == "concatenate" and args[3].__class__ is gast.Constant and
                args[3].value == 0 and args[3].value.__class__ is int):
            return node
        shape = gast.Attribute(value=build.name(self.stack), attr="shape", ctx=gast.Load())
        return build.call(f"{self.np}.reshape", args[0], shape)
