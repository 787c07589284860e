"""Arguments that may be one array: checked on entry where one is changed in place.

:mod:`aliases` gives each parameter its own memory, which holds for what a caller usually passes
but not always: ``f(x, a, a)``, ``f(x, [z, z])``, ``f(x, rows, rows[0])``, ``f(x, W)`` of a
function that reads the module's ``W``.  Where the function changes a parameter's memory in
place (``y[0] *= v``, ``y += v`` on an array, ``rows[i] op= v`` on a list, ``w = m.w; w *= v``)
and another parameter, a module-level array, or the changed list itself, is read afterwards,
Python would show the change through the other name; the derivative, which copies or rebinds
the changed value, would not.  So the function's entry checks, on the caller's values, that they share no
memory (``_rt.check_unshared``, the check :mod:`guards` places before a change), and refuses
clearly where they do.  A number, or a list whose items are only replaced, shares nothing.

    >>> import numpy as np
    >>> import tangentish
    >>> def f(x, y, z):
    ...     y *= x[0]
    ...     return np.sum(z * x)
    >>> print(tangentish.grad(f).source.splitlines()[3])  # doctest: +ELLIPSIS
        _rt.check_unshared(y, z, 'y', 'z', '...:2')
    >>> a = np.ones(3)
    >>> tangentish.grad(f)(np.ones(3), a, a)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tangentish.errors.UnsupportedConstructError: 'y' is changed in place at ...:2 while 'z', ...
"""

from __future__ import annotations

from collections.abc import Callable

import gast

from .. import ir, runtime
from ..ir import Op
from ..syntax import build
from .normalize import Normalized


def check_arguments_apart(norm: Normalized, aliases, universe: set[str],
                          changes: list[tuple[gast.stmt, str, set[str], bool]],
                          holds_memory: Callable[[str], bool]) -> None:
    """Put at the function's entry a check of each pair of parameters where the first's memory
    is changed while the second, or a module-level array, is read later (the same parameter
    twice for a list whose item is changed in place while the list is read later, unless a
    specialization knows the argument is an array or a number).  ``changes``: each in-place
    change, the name it changes, the names read after it and whether it is ``x[i] op= v``;
    ``holds_memory``: whether a module-level name may hold an array."""
    pairs: dict[tuple[str, str], tuple[gast.stmt, bool]] = {}  # -> (the change, in_place=)
    reach = {p: set().union(*aliases.affected(p, universe)) for p in norm.params}
    for stmt, changed, after, in_place in changes:
        module = sorted({r[1] for r in aliases._of(sorted(after)) if r[0] == "global" and
                         holds_memory(r[1])})  # (module-level arrays read later)
        for param in sorted(r[1] for r in aliases.roots.get(changed, ()) if r[0] == "parameter"):
            item = in_place and changed == param and norm.facts.get(param) is None  # (a list?)
            memory = in_place or changed != param  # (written through another name: `w = m.w`)
            for other in [*norm.params, *module]:
                if (other != param or item) and (other in module or reach[other] & after):
                    first, written = pairs.get((param, other), (stmt, False))
                    pairs[param, other] = first, written or memory
    runtime_alias = norm.machinery.aliases["_rt"]
    checks = []
    for (param, other), (stmt, memory) in pairs.items():
        place = f"{norm.info.short_filename}:{ir.note(stmt).origin or norm.info.first_line}"
        keywords = {"in_place": build.constant(True)} if memory else {}
        call = build.call(f"{runtime_alias}.check_unshared", build.name(param), build.name(other),
                          build.constant(param), build.constant(other), build.constant(place),
                          **keywords)
        check = build.expression(call)
        ir.note(check).origin = ir.note(stmt).origin
        ir.note(check).op = Op(runtime.check_unshared, [], label="a check")
        ir.note(check).keep = True
        checks.append(check)
    norm.body[:0] = checks

