"""The runtime helpers :mod:`.owned` may rewrite in place, and the test a derivative is asked first.

``n = _rt.add_at(n, g, x, i)``, ``n = _rt.zero_index(n, i)`` and ``n = _rt.set_index(n, i, v)``:
each makes a new array, which :mod:`.owned` says in place (``n[i] += g``, ``n[i] = 0.0``,
``n[i] = v``) where it proves the array the derivative's own.  A derivative calling none of them
has nothing to rewrite: the proof, and the modules it reads (:mod:`.owned_proof`,
:mod:`.owned_facts`, :mod:`.points_to`...), are not even imported.

    >>> import gast
    >>> calls_helper(gast.parse("x_bar = _rt.add_at(x_bar, g, x, i)").body[0], "_rt")
    True
    >>> calls_helper(gast.parse("x_bar = _rt.unbroadcast(g, x)").body[0], "_rt")
    False
"""

from __future__ import annotations

import gast

HELPERS = {"add_at": 4, "zero_index": 2, "set_index": 3}  # and their arguments
INDEX = {"add_at": 3, "zero_index": 1, "set_index": 1}  # where the index is


def calls_helper(stmt: gast.stmt, rt: str) -> bool:
    """``n = _rt.<helper>(...)`` for a helper :mod:`.owned` may write in place."""
    func = getattr(getattr(stmt, "value", None), "func", None)
    return stmt.__class__ is gast.Assign and func.__class__ is gast.Attribute and \
        func.attr in HELPERS and func.value.__class__ is gast.Name and func.value.id == rt
