"""Markers a user puts on a helper to say how tangentish differentiates calls to it.

``@tangentish.checkpoint`` keeps a helper's derivative a function of its own that recomputes the
helper's primal at the call (nothing of the helper goes on the caller's tape: less memory, more
time).  Without it, a small helper of the differentiated function's module is inlined into the
caller (see ``passes/inline_helpers.py``).

    >>> import tangentish
    >>> @tangentish.checkpoint
    ... def cell(h, x):
    ...     return h * x
    >>> cell.__tangentish_checkpoint__
    True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable)

MARK = "__tangentish_checkpoint__"


def checkpoint(function: F) -> F:
    """Mark ``function`` (a module-level helper) to keep a derivative of its own when a
    differentiated function calls it, recomputing its primal there instead of being inlined.
    Returns the same function (no wrapper)."""
    setattr(function, MARK, True)
    return function
