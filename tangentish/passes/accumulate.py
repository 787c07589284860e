"""Sum into an adjoint in place where nothing else can see it: ``v += e`` for ``v = v + e``.

``v = v + e`` makes a new array for every term a gradient collects: the RNN's ``wh_bar`` gets one
``(H, H)`` term per step, and each step holds the old sum, the term and the new sum at once.
``v += e`` writes into ``v``, as a hand-written gradient does, which is safe exactly when no other
name, container or caller holds ``v``'s array and the sum has ``v``'s shape and dtype.  So it is
done for an accumulator that

- starts as ``np.zeros_like(p)`` (a new array), at the top of the function, where ``p`` is a
  float64 array (:mod:`.dtypes`, in a derivative specialized to float64 arguments: ``v`` is
  float64, so ``v + e`` can only keep its dtype or be complex, which ``+=`` refuses loudly and the
  call's checks would refuse anyway);
- is bound otherwise only by ``v = v + e`` (in loops and branches too), with ``e`` not reading
  ``v``;
- is read only there and by the ``return``: never copied, taped, passed or captured, so no other
  reference to its array exists when it is changed.

Each term ``e`` is the adjoint of a contribution to ``p`` and has ``p``'s shape (un-broadcasting
put it there), so the sum keeps ``v``'s shape.

    >>> import numpy as np
    >>> import tangentish
    >>> def rnn(w, h, xs):
    ...     for t in range(xs.shape[0]):
    ...         h = np.tanh(h @ w + xs[t])
    ...     return np.sum(h * h)
    >>> df = tangentish.grad(rnn)
    >>> args = (np.eye(3), np.ones((2, 3)), np.ones((4, 2, 3)))
    >>> _ = df(*args), df(*args)  # the second call runs the specialized derivative
    >>> lines = [line.strip() for line in df.source_for(*args).splitlines()]
    >>> print([line for line in lines if line.startswith(("w_bar", "return"))])
    ['w_bar = np.zeros_like(w)', 'w_bar += h_2.T @ h_2_at_w_bar', 'return w_bar']
"""

from __future__ import annotations

import gast

from .. import ir
from .dataflow import statements, target
from .derivative import Derivative
from .walks import Walks


def accumulate_in_place(fn: Derivative, walks: Walks) -> None:
    """Rewrite the sums of the accumulators the module docstring describes (``walks``: the
    statements' walks; those of the statements rewritten are forgotten)."""
    numpy = fn.machinery.aliases["np"]
    starts = {target(stmt): stmt for stmt in fn.body if _fresh_zeros(stmt, numpy, fn.float64)}
    if not starts:
        return
    sums: dict[str, list[gast.Assign]] = {name: [] for name in starts}
    reads: dict[str, int] = dict.fromkeys(starts, 0)
    bindings: dict[str, int] = dict.fromkeys(starts, 0)
    for stmt in statements(fn.body):
        name = target(stmt)
        if name in starts and stmt is starts[name]:
            continue
        if name in starts and _sum_into(stmt, name):
            sums[name].append(stmt)
        else:
            for bound in walks.others(stmt) & starts.keys():  # (bound, deleted: no accumulator)
                bindings[bound] += 1
        if isinstance(stmt, ir.Marker):  # (what it reads is no node of it)
            for read in walks.reads(stmt) & starts.keys():
                bindings[read] += 1
        for node in walks.nodes(stmt):
            if node.__class__ is gast.Name and node.id in reads and \
                    node.ctx.__class__ is gast.Load:
                reads[node.id] += 1
    returned = _returned(fn.body[-1]) if fn.body else set()
    for name, found in sums.items():
        if found and not bindings[name] and reads[name] == len(found) + (name in returned):
            for stmt in found:
                walks.forget(stmt)
                _in_place(stmt)


def _fresh_zeros(stmt: gast.stmt, numpy: str, float64: dict) -> bool:
    """``v = np.zeros_like(p)`` for a float64 array ``p``."""
    if target(stmt) is None:
        return False
    value = stmt.value
    func = getattr(value, "func", None)
    return value.__class__ is gast.Call and func.__class__ is gast.Attribute and \
        func.attr == "zeros_like" and func.value.__class__ is gast.Name and \
        func.value.id == numpy and len(value.args) == 1 and not value.keywords and \
        value.args[0].__class__ is gast.Name and bool(float64.get(value.args[0].id))


def _sum_into(stmt: gast.Assign, name: str) -> bool:
    """``name = name + e`` with ``e`` not reading ``name``."""
    value = stmt.value
    return value.__class__ is gast.BinOp and value.op.__class__ is gast.Add and \
        value.left.__class__ is gast.Name and value.left.id == name and not any(
            n.__class__ is gast.Name and n.id == name for n in gast.walk(value.right))


def _returned(stmt: gast.stmt) -> set[str]:
    if stmt.__class__ is not gast.Return or stmt.value is None:
        return set()
    return {n.id for n in gast.walk(stmt.value) if n.__class__ is gast.Name}


def _in_place(stmt: gast.Assign) -> None:
    """Turn ``v = v + e`` into ``v += e`` (the same node, its notes kept)."""
    stmt.__class__ = gast.AugAssign
    stmt.target = stmt.targets[0]
    stmt.op = gast.Add()
    stmt.value = stmt.value.right
    del stmt.targets
