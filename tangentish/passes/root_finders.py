"""A function handed to one of ``scipy.optimize``'s root finders, refused with the reason.

``r = scipy.optimize.brentq(lambda t: t ** 3 + a * t - b, lo, hi)`` is a root of a function of
the values the lambda reads.  Its derivative in them is the implicit function theorem's, ``dr =
-(df/da da + df/db db) / (df/dt)`` at the root, not the derivative of the finder's iterations
(which stop at a tolerance, by comparisons): no rule gives it here, and a lambda handed to a call
is refused anyway.  The refusal names the finder and says how to go on: the root computed
outside the differentiated function and passed in (a constant), or its derivative written by
hand, one Newton step from the root (``r = r0 - f(r0, a, b) / df_dt(r0, a, b)`` with ``r0`` the
root held constant has the implicit derivative at ``r0``).

    >>> import scipy.optimize
    >>> sorted(f.__name__ for f in finders())[:3]
    ['bisect', 'brenth', 'brentq']
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import gast

if TYPE_CHECKING:
    from .lowering import Lowering

_NAMES = ("brentq", "brenth", "bisect", "ridder", "toms748", "newton", "root_scalar", "fsolve",
          "root")


def finders() -> list[Any]:
    """``scipy.optimize``'s root finders, where SciPy's optimize is imported."""
    module = sys.modules.get("scipy.optimize")
    return [getattr(module, n) for n in _NAMES if hasattr(module, n)] if module else []


def refuse_handed_function(norm: Lowering, function: Any, call: gast.Call) -> None:
    """Refuse ``call`` of a root finder handed a lambda, naming the finder."""
    if not any(function is f for f in finders()) or \
            not any(isinstance(a, gast.Lambda) for a in call.args):
        return
    name = f"scipy.optimize.{function.__name__}"
    raise norm.error(
        f"cannot differentiate {name} of a lambda: its result's derivative in the values the "
        "lambda reads is the implicit function theorem's (-df/da / df/dt at the root), which "
        "no rule gives here", call, hint="find the root r0 outside the differentiated function "
        "and pass it in (an argument not under wrt), then write one Newton step from it, `r = "
        "r0 - f(r0) / df_dt(r0)`: its value is the root and its derivative the implicit one")
