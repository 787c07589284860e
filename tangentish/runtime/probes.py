"""Where a helper's own derivative can be non-zero: its result on a seed that is NaN.

A helper called with a derivative of its own (``grad_h_wrt_b(u, out_bar=g)``, ``jvp_h_wrt_x(x,
x_dot=t)``) is linear in its seed, and its code keeps what it selects on its own supports
(``passes/supports.py``), which its caller cannot see.  Run on a seed that is NaN where the
caller's seed may be non-zero (and 0.0 elsewhere), the derivative is NaN wherever that seed
reaches, through any arithmetic (``0 * NaN`` is NaN too), and 0 where a selection, an index or a
slice of the helper leaves the element out: a mask that holds at least where the derivative may
be non-zero, which the caller keeps its singular partials on (``passes/supports_called.py``).

    >>> import numpy as np
    >>> def grad_h_wrt_b(b, *, out_bar=1.0):  # (the derivative of ``h(b) = b[2] * 2.0``)
    ...     b_bar = np.zeros_like(b)
    ...     b_bar[2] = out_bar * 2.0
    ...     return b_bar
    >>> reached(grad_h_wrt_b, np.ones(4), out_bar=probe(1.0))
    array([False, False,  True, False])

A seed of another form (a dict, an object) is no probe (:data:`UNPROBED`), and the mask then
holds everywhere, as it does where the derivative raises on the probe.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._common import NO_DERIVATIVE, UNBOUND
from .item_masks import ItemMasks, mask_of
from .items import is_sequence


class _Unprobed:
    """A seed :func:`probe` cannot make (a value of a form it does not know)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "_rt.UNPROBED"


UNPROBED = _Unprobed()


def probe(like: Any, where: Any = True) -> Any:
    """A seed of the form of ``like`` (the value a seed is for: an array, a number, a list or
    tuple of them): NaN where ``where`` holds (a mask of that form, or a boolean that broadcasts
    to it), 0.0 elsewhere; :data:`UNPROBED` for a value of another form."""
    return _probed(like, mask_of(like, where) if _known(like) else True)


def _known(like: Any) -> bool:
    if is_sequence(like):
        return all(_known(item) for item in like)
    return like is UNBOUND or like is NO_DERIVATIVE or isinstance(like, (float, int, np.number)) \
        or isinstance(like, np.ndarray) and like.dtype.kind in "fiub"


def _probed(like: Any, mask: Any) -> Any:
    if not _known(like):
        return UNPROBED
    if like is UNBOUND or like is NO_DERIVATIVE:
        return like
    if is_sequence(like):
        masks = mask.items if isinstance(mask, ItemMasks) else [mask] * len(like)
        items = [_probed(item, part) for item, part in zip(like, masks, strict=True)]
        return items if isinstance(like, list) else tuple(items)
    dtype = like.dtype if isinstance(like, np.ndarray) and like.dtype.kind == "f" else np.float64
    seed = np.where(np.broadcast_to(mask, np.shape(like)), np.nan, 0.0).astype(dtype)
    return seed if isinstance(like, np.ndarray) else seed[()]


def reached(derivative: Any, /, *args: Any, **kwargs: Any) -> Any:
    """Where ``derivative(*args, **kwargs)``, a seed among ``kwargs`` a :func:`probe`, is NaN, in
    the form of its result (a boolean array, a boolean, an :class:`ItemMasks` for a tuple or
    list: a jvp's ``(value, tangent)``, a gradient per parameter); True where that is not known
    (a seed that is no probe, a derivative that raises on one, a result of another form)."""
    if any(value is UNPROBED for value in kwargs.values()):
        return True
    try:
        with np.errstate(all="ignore"):
            result = derivative(*args, **kwargs)
    except Exception:  # noqa: BLE001  (a NaN seed it cannot take: not known, so everywhere)
        return True
    return _nan_mask(result)


def reached_tangent(derivative: Any, /, *args: Any, **kwargs: Any) -> Any:
    """:func:`reached` of a jvp (its result ``(value, tangent)``): the tangent's mask, True
    where that is not known (a derivative that raises on the probe: a bare True, which ``[1]``
    could not index; fuzz seed 8857 program 2, checked mode)."""
    return reached_at(derivative, 1, *args, **kwargs)


def reached_at(derivative: Any, item: int, /, *args: Any, **kwargs: Any) -> Any:
    """:func:`reached` of a derivative returning a tuple (a gradient per parameter): item
    ``item``'s mask, True where that is not known (``_rt.reached(...)[0]`` was a TypeError where
    the derivative raised on the probe: a helper's ``scipy.linalg.solve_triangular`` of
    ``np.sqrt(np.abs(A))``, whose adjoint's NaN SciPy's ``check_finite`` refused, stop 61)."""
    found = reached(derivative, *args, **kwargs)
    return found[item] if isinstance(found, ItemMasks) else found


def _nan_mask(value: Any) -> Any:
    if value is UNBOUND or value is NO_DERIVATIVE or value is None:
        return False
    if is_sequence(value):
        return ItemMasks(_nan_mask(item) for item in value)
    if isinstance(value, np.ndarray) and value.dtype.kind in "fc":
        return np.isnan(value)
    if isinstance(value, (float, complex, np.floating, np.complexfloating)):
        return bool(np.isnan(value))
    return True
