"""A name bound to a floating parameter and then written at an item: a copy where it is bound.

Forward mode's tangent of ``y = x.copy()`` is ``y_dot = x_dot``: the caller's array, shared while
nothing writes into it.  The tangent of ``y[1:3] = v`` is then ``y_dot = _rt.set_index(y_dot,
slice(1, 3), v_dot)``, a new array per write, because :mod:`.owned` may not write the caller's.
Where the name's only other binding is that copy, at the top of the function, of a parameter the
API hands as a float or a floating array (a ``wrt`` value, or its tangent, which the API casts to
the primal's floating dtype), the binding becomes ``y_dot = np.copy(x_dot)``, a new floating
array, and the writes go in place (``y_dot[1:3] = v_dot``) when :mod:`.owned`'s proof then holds
(where it does not, the binding is left as it was):

    >>> import numpy as np
    >>> import tangentish
    >>> def f(x):
    ...     y = x.copy()
    ...     y[0] = 2.0 * y[1]
    ...     return np.sum(y * y)
    >>> print(tangentish.jvp(f).source, end="")  # doctest: +ELLIPSIS
    def jvp_f_wrt_x(x, *, x_dot):
    ...
        y = x.copy()
        y_dot = np.copy(x_dot)
    ...
        y_dot[0] = y1_times_2_dot
    ...
"""

from __future__ import annotations

import gast

from ..syntax import build
from .dataflow import statements
from .derivative import Derivative
from .owned_facts import Facts


def copy_written_parameters(fn: Derivative, facts: Facts) -> list[tuple[gast.Assign, gast.expr]]:
    """Make each such binding a copy (see the module docstring); the bindings changed, each with
    the value it had, for :func:`restore` where no write went in place."""
    np_alias = fn.machinery.aliases["np"]
    changed = []
    for name in {u[0] for u in map(facts.update, statements(fn.body)) if u and u[1] != "add_at"}:
        bindings = [s for s in facts.defined.get(name, []) if facts.update(s) is None]
        if len(bindings) != 1 or id(bindings[0]) not in facts.top:
            continue
        binding = bindings[0]
        value = getattr(binding, "value", None)
        if binding.__class__ is gast.Assign and value.__class__ is gast.Name and \
                value.id in facts.params and value.id not in facts.defined and facts.array(value.id):
            changed.append((binding, value))
            binding.value = build.call(f"{np_alias}.copy", build.name(value.id))
    return changed


def restore(fn: Derivative, changed: list[tuple[gast.Assign, gast.expr]],
            updates: dict[str, list[int]], kept: set[int]) -> None:
    """Each binding changed back to its value where every update of its name kept its helper
    (``kept``: the ids of the statements still in the function; ``updates``: each name's)."""
    for binding, value in changed:
        name = binding.targets[0].id
        if all(key in kept for key in updates.get(name, [])):
            binding.value = value

