"""A derivative differentiated again returns its values as the derivative itself returns them.

``grad(f)`` hands back each gradient in its argument's floating dtype (``like_dtype``), a cast its
generated code does not make: the adjoint of a float32 ``v`` in ``np.sum(np.arange(3) * v ** 2)``
is computed in float64 and returned as float32.  A transform of the gradient (``jvp(grad(f))``,
``value_and_grad(grad(f))``, ``vjp``, and so ``hessian`` and ``jacobian`` of it) differentiates the
generated code; without the same cast its value, and the tangent and cotangent that follow the
value's dtype, came back float64 where ``grad(f)`` returns float32.  :func:`mark_gradient` records on
the generated gradient which arguments its results are shaped like; :func:`recasting` makes a
transform of it cast its value the same way (the derivative of a cast is the cast, applied to the
tangent by the tangent's own check)::

    hessian(lambda v: np.sum(np.arange(3) * v ** 2))(np.ones(3, np.float32)).dtype  ->  float32
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .values import like_dtype
from .wrt import Wrt

_MARK = "__tangentish_gradient_of__"


def mark_gradient(function: Any, mode: str, has_aux: bool, wrt: Wrt | None) -> None:
    """Record on a generated ``grad`` function the positions of the arguments its gradients are
    returned like (nothing for other modes, ``has_aux``, or a ``wrt`` not all positional)."""
    if mode != "grad" or has_aux or wrt is None or None in wrt.positions:
        return
    function.__dict__[_MARK] = (tuple(wrt.positions), bool(wrt.single))


def recasting(differentiated: Any, mode: str, has_aux: bool) -> Callable | None:
    """For a transform of ``differentiated``: ``run -> run`` with its value cast like the
    arguments when ``differentiated`` is a marked gradient, else None (nothing to do)."""
    marked = getattr(differentiated, "__dict__", {}).get(_MARK)
    if marked is None or has_aux or mode not in _VALUE_FIRST:
        return None
    positions, single = marked

    def recast_run(run: Callable) -> Callable:
        def recast(*args: Any, **kwargs: Any) -> Any:
            result = run(*args, **kwargs)
            if max(positions) >= len(args):  # (not every argument by position: as it is)
                return result
            value = result[0]
            if single:
                value = like_dtype(value, args[positions[0]])
            elif isinstance(value, tuple) and len(value) == len(positions):
                value = tuple(like_dtype(v, args[p]) for v, p in zip(value, positions, strict=True))
            return (value, *result[1:])

        return recast

    return recast_run


_VALUE_FIRST = frozenset({"value_and_grad", "jvp", "vjp"})
"""The modes whose generated code returns the differentiated function's value first."""
