"""Adjoints the derivative owns, updated in place: ``x_bar[i] += g`` and ``x_bar[i] = 0.0``.

The adjoint of reading ``x[i]`` adds ``g`` at ``i`` (``x_bar = _rt.add_at(x_bar, g, x, i)``, which is
``x_bar + _rt.unindex(g, x, i)``), the adjoint of writing ``x[i] = v`` zeroes the part written
(``x_bar = _rt.zero_index(x_bar, i)``).  Both helpers make a new array; in a loop that costs the whole
array per step.  Where this pass proves the array is the derivative's own, it says the same in NumPy, in
place: ``x_bar[i] += g`` and ``x_bar[i] = 0.0`` (a pair restoring an item: :mod:`.restored_items`).
The proof, for each such statement (``n = helper(n, ...)``):

- every object ``n`` may hold there (:mod:`.points_to`) was made by the derivative itself, as
  a new array of a floating dtype: ``np.zeros_like(x)`` of a floating ``x``, ``_rt.unindex``,
  arithmetic with a floating operand (``2 * (g * out)``; ``np.where(c, a, b)`` counts as
  arithmetic: it allocates, floating where ``a`` or ``b`` is), a NumPy ufunc's new array of a
  floating operand (``np.exp(y)``), ``np.copy``, ``_rt.unreduce`` (unless it asks
  for a view), ``_rt.chosen`` of a floating operand, ``_rt.unbroadcast`` of such a value (it
  returns its first operand, a view of it or a sum of it: :mod:`.call_results`), or an earlier
  such update.  For
  ``add_at`` it must also have ``x``'s shape (so ``x_bar[i]`` is the part ``unindex`` fills): made
  by ``np.zeros_like(x)``, ``_rt.unindex(g, x, i)``, arithmetic bound to ``x``'s own adjoint
  (``x_bar = 2 * x``, a support's guard ``x_bar = np.where(x > 0.0, g, 0.0)``: an adjoint has its
  primal's shape, un-broadcasting saw to it) or an update
  of the same ``x``, where ``x`` is bound once (a parameter, or an assignment outside any loop or
  branch) or, in a derivative specialized to float64 arguments, proven of the shape of a parameter
  never bound (:mod:`.carried_shapes`: ``u = u + r * lap``; names of one shape class alike, the
  float64 facts prove the dtype), or a list of float64 numbers (``acc[i] += v``: .list_items);
- no other name that is read later (the tape, a list, a view, another adjoint) may hold any of
  those objects, and none was handed to code that may keep it (a zeroing met by a view still
  to be read first moves after that read, where it can: :mod:`.late_zeroing`);
- the index selects each position at most once (ints, slices, names of proven rank 0: an integer
  array may repeat a position, which ``+=`` would count once) and has an int or a slice in it (so
  ``n`` is an array: a number has no items to write, in either form).

A floating dtype is proven by a name's every definition: a parameter the API made floating (the ``wrt``
parameters of the function the user asked for), ``np.zeros(shape)``, arithmetic with a floating operand,
an elementwise function that keeps floats, a binary ufunc that keeps floats with a floating operand
(``np.maximum(best, row)``), ``np.zeros_like`` of a floating value, an item of one, and the adjoint
helpers and selections' weights (which make floating arrays). An item ``a[i]`` of an array ``a`` of
proven rank ``k`` read with ``k`` ints is a number, not a view (an adjoint has its primal's shape, so its
rank). The helpers stay where the proof fails (e.g. ``y_bar[i]`` read before it is zeroed, with ``y``'s
rank unknown: a row would be a view); there they still work in place when a reference count shows nothing
else holds the array.

Forward mode's ``y_dot = _rt.set_index(y_dot, i, v_dot)`` (the tangent of ``y[i] = v``) becomes ``y_dot[i] =
v_dot`` by the same proof.  In a ``vjp`` the adjoint sweep becomes a pullback that may run many times on one
forward sweep's values: there only arrays the adjoint sweep makes count.

    >>> import numpy as np
    >>> import tangentish
    >>> def f(x):
    ...     s = 0.0
    ...     for i in range(1, len(x)):
    ...         s = s + np.sin(x[i])
    ...     return s
    >>> print(tangentish.grad(f).source, end="")  # doctest: +ELLIPSIS
    def grad_f_wrt_x(x, *, out_bar=1.0):
    ...
        x_bar = np.zeros_like(x)
    ...
        for i in reversed(range_1):
    ...
            x_bar[i] += _rt.unbroadcast(s_1_bar, sin_x_item) * np.cos(x_item)
    ...
        return x_bar
"""

from __future__ import annotations

from .dataflow import statements
from .derivative import Derivative
from .list_items import spread_by_position
from .owned_helpers import calls_helper
from .restored_items import keep_restored_items
from .walks import Walks


def own_adjoints(fn: Derivative, floats: set[str], pullback: bool = False,
                 walks: Walks | None = None) -> None:
    """Rewrite the updates proven safe (see the module docstring); ``floats``: the parameters
    known to hold floats or floating arrays.  ``pullback``: the adjoint sweep becomes a pullback
    that may run many times on one forward sweep's values, so only arrays the adjoint sweep makes
    count as its own; then lists of numbers get array adjoints (:mod:`.list_items`).  ``walks``:
    the statements' walks, kept true (what they read: not walked again for the liveness)."""
    rt = fn.machinery.aliases["_rt"]
    added = False
    if any(calls_helper(s, rt) for s in statements(fn.body)):  # (else nothing to rewrite: the
        from .owned_proof import own  # proof is not imported, nor its facts' modules)
        added = own(fn, floats, pullback, walks)
    if fn.zeros:  # (no tangent reaches the output: its zero, proven floating, in NumPy)
        from .output_zeros import plain_output_zeros  # (imported where there is a zero)
        if plain_output_zeros(fn, floats) and walks is not None:
            walks.forget(fn.body[-1])
    spread_by_position(fn)  # (after the proof: it reads _rt.unindex(g, acc, 0) as acc's shape)
    keep_restored_items(fn.body)  # (an item zeroed then given back what was read of it)
    if added:  # (additions at a counter: the first into a fresh zero array may be a write)
        from .owned_facts import parameters
        from .zeroed_writes import write_first_items
        write_first_items(fn.body, fn.machinery.aliases["np"], set(parameters(fn)))
