"""What generated code needs besides derivatives: the seed check, placeholders, aliasing
checks, and split motion's rewind/replay."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import ArgumentError, NonScalarOutputError, UnsupportedConstructError, UnsupportedValueError
from ._common import _is_complex, _shape


def seed(output: Any, out_bar: Any, function: str) -> Any:
    """Start the adjoint sweep: the seed of ``grad`` must meet a real scalar output (or match its
    shape)."""
    if _is_complex(output):
        raise UnsupportedValueError(
            f"{function} returned a complex value: tangentish differentiates real functions of "
            "real inputs", hint="return a real value (e.g. np.abs, .real), or keep complex values "
            "off the differentiated path")
    if isinstance(output, (tuple, list)):
        if np.ndim(out_bar) == 0 or len(out_bar) != len(output):
            raise NonScalarOutputError(
                f"grad({function}) needs a single output, but {function} returned "
                f"{len(output)} values", hint="differentiate one of them (index the result in "
                "a wrapper function), or pass one seed per value as `out_bar=`")
        return out_bar
    shape = _shape(output)
    if _shape(out_bar) == shape:
        return out_bar
    if np.ndim(out_bar) == 0:
        raise NonScalarOutputError(
            f"grad({function}) needs a scalar output, but {function} returned an array of "
            f"shape {shape}",
            hint=f"reduce the output (e.g. np.sum), pass a cotangent of shape {shape} as "
            "`out_bar=`, or use tangentish.vjp / tangentish.jacobian",
        )
    raise NonScalarOutputError(
        f"the seed `out_bar` has shape {np.shape(out_bar)} but {function} returned shape {shape}",
        hint="pass a cotangent with the same shape as the output",
    )


def rewind(redo: list, array: Any, index: Any, saved: Any) -> None:
    """``array[index] = saved`` (undoing an in-place update), remembering what it overwrote so
    that :func:`replay` can put it back."""
    redo.append((array, index, np.copy(array[index])))
    array[index] = saved


def rewind_pop(redo: list, items: list) -> None:
    """``items.pop()`` (undoing an ``append``), remembering the item for :func:`replay`."""
    redo.append((items, None, items.pop()))


def rewind_del(redo: list, items: list, start: int) -> None:
    """``del items[start:]`` (undoing an ``extend``), remembering the items for :func:`replay`."""
    redo.append((items, slice(start, None), items[start:]))
    del items[start:]


def replay(redo: list) -> None:
    """Put back, newest first, what :func:`rewind` and friends overwrote."""
    while redo:
        target, index, value = redo.pop()
        if index is None:
            target.append(value)
        elif isinstance(index, slice) and isinstance(target, list):
            target.extend(value)
        else:
            target[index] = value


def aux_pair(value: Any, function: str) -> Any:
    """Under ``has_aux=True`` the function returns ``(output, aux)``: a tuple or list of two."""
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return value
    what = f"a {type(value).__name__} of {len(value)} values" if isinstance(
        value, (tuple, list)) else f"a {type(value).__name__}"
    raise ArgumentError(f"with has_aux=True, {function} must return a pair (output, aux), but it "
                        f"returned {what}", hint="return `output, aux`, or drop has_aux=True")


class _Unbound:
    """The value of a variable that has none yet on this path of the program (Python would not
    have bound it).  Any use raises, as reading an unbound variable does."""

    def __repr__(self) -> str:
        return "_rt.UNBOUND"

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise UnboundLocalError("a local variable is used before it has a value on this path "
                                "(in the original function this read would fail too)")

    __array__ = __array_ufunc__ = __array_function__ = __bool__ = __float__ = __int__ = _refuse
    __index__ = __len__ = __iter__ = __getitem__ = __setitem__ = __call__ = _refuse
    __neg__ = __pos__ = __abs__ = __add__ = __radd__ = __sub__ = __rsub__ = _refuse
    __mul__ = __rmul__ = __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = _refuse
    __mod__ = __rmod__ = __pow__ = __rpow__ = __matmul__ = __rmatmul__ = _refuse
    __lt__ = __le__ = __gt__ = __ge__ = _refuse


UNBOUND = _Unbound()


def private(value: Any) -> Any:
    """A copy of an argument the function changes in place (arrays and lists; anything else is
    returned as is), so the caller's value is never changed."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, list):
        return list(value)
    return value


def check_unshared(changed: Any, other: Any, changed_name: str, other_name: str,
                   where: str) -> None:
    """Refuse an in-place change of ``changed`` when ``other``, read later, shares its memory:
    the derivative would otherwise compute with a value the program never had."""
    shared = changed is other and isinstance(changed, (np.ndarray, list))
    if not shared and isinstance(changed, np.ndarray) and isinstance(other, np.ndarray):
        shared = np.may_share_memory(changed, other)
    if shared:
        other = f"{other_name!r}, which shares its memory (another name for it, or a view)," \
            if other_name != changed_name else \
            f"an earlier value of {other_name!r} (the same array, e.g. a sequence a loop runs over)"
        raise UnsupportedConstructError(
            f"{changed_name!r} is changed in place at {where} while {other} is used afterwards: "
            "the derivative cannot follow a change made through another name",
            hint=f"copy first, e.g. `{other_name} = {other_name}.copy()` where it is made, or "
            f"change a copy of {changed_name!r}")
