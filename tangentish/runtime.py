"""The only helpers that generated derivative code calls (as ``_rt.<name>``).

Each one is small, pure and documented, so that a reader of generated code can look it up.  A helper
never writes into its arguments; arrays it returns are fresh (or the incoming gradient unchanged).
"""

from __future__ import annotations

import math
import sys
from typing import Any

import numpy as np

from .errors import (
    ArgumentError,
    NonScalarOutputError,
    UnsupportedConstructError,
    UnsupportedValueError,
)

# -- private plumbing -------------------------------------------------------------------------------


def _scalar_if_0d(value: Any) -> Any:
    """0-d arrays become NumPy scalars (as NumPy's own reductions return them); others unchanged."""
    return value[()] if isinstance(value, np.ndarray) and value.ndim == 0 else value


def _axes(axis: Any, ndim: int) -> tuple[int, ...]:
    """``axis`` (None, an int or a sequence, possibly negative) as non-negative axes, in order."""
    if axis is None:
        return tuple(range(ndim))
    axes = (axis,) if np.ndim(axis) == 0 else tuple(axis)
    return tuple(int(a) % ndim for a in axes)


def _restore(value: Any, shape: tuple[int, ...], axis: Any, keepdims: bool) -> np.ndarray:
    """Re-insert the axes that a reduction over ``axis`` dropped, so ``value`` broadcasts to ``shape``."""
    value = np.asarray(value)
    if axis is not None and not keepdims:
        value = np.expand_dims(value, tuple(sorted(_axes(axis, len(shape)))))
    return value


def _shape(value: Any) -> tuple[int, ...]:
    """``np.shape(value)``, without the call for arrays, NumPy scalars and Python floats."""
    if value.__class__ is float:
        return ()
    shape = getattr(value, "shape", None)
    return shape if shape is not None else np.shape(value)


_FLOAT64 = np.dtype(np.float64)


def _gradient_dtype(like: Any) -> np.dtype:
    """The dtype of a gradient for ``like``: its own if inexact (float/complex), else float64."""
    dtype = getattr(like, "dtype", None)
    if dtype is None:
        dtype = np.asarray(like).dtype
    return dtype if dtype.kind in "fc" else _FLOAT64


def _cotangent(g: Any, *operands: Any) -> np.ndarray:
    """``g`` as an array in the dtype that ``g`` combined with ``operands`` has (a Python-float seed
    does not turn float32 operands into float64)."""
    return np.asarray(g, dtype=np.result_type(g, *operands))


def _weights(condition: Any, *operands: Any) -> Any:
    """``condition`` as 1.0/0.0 in the operands' float dtype (float32 stays float32)."""
    return np.asarray(condition, dtype=np.result_type(*operands, 1.0))[()]


# -- broadcasting and reductions --------------------------------------------------------------------


def unbroadcast(grad: Any, like: Any) -> Any:
    """Sum ``grad`` over the axes that broadcasting added or stretched, to match ``like``'s shape."""
    shape = _shape(like)
    if _shape(grad) == shape:
        return grad
    grad = np.asarray(grad)
    if grad.ndim > len(shape):
        grad = grad.sum(axis=tuple(range(grad.ndim - len(shape))))
    elif grad.ndim < len(shape):
        grad = grad.reshape((1,) * (len(shape) - grad.ndim) + grad.shape)
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    if stretched:
        grad = grad.sum(axis=stretched, keepdims=True)
    if grad.shape != shape:  # grad was uniform along an axis of `like`: spread it (a fresh array)
        grad = np.array(np.broadcast_to(grad, shape))
    return _scalar_if_0d(grad)


def unreduce(grad: Any, like: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """Spread the gradient of a reduction (sum over ``axis``) back over ``like``'s shape."""
    shape = _shape(like)
    if axis is None and not keepdims:  # a full reduction: every element gets the same gradient
        dtype = np.result_type(grad, _gradient_dtype(like))
        return np.full(shape, grad, dtype=dtype) if shape else dtype.type(grad)
    grad = _restore(_cotangent(grad, _gradient_dtype(like)), shape, axis, keepdims)
    return np.array(np.broadcast_to(grad, shape)) if shape else grad[()]


def reduced_size(like: Any, axis: Any = None) -> int:
    """How many elements a reduction over ``axis`` combines into each output (for ``mean``)."""
    shape = _shape(like)
    if axis is None:
        return math.prod(shape)
    return math.prod(shape[a] for a in _axes(axis, len(shape)))


def _select_weights(a: Any, r: Any, axis: Any, keepdims: bool) -> np.ndarray:
    """1/k at the k positions of each group of ``a`` that equal its reduced extreme ``r``, else 0."""
    a = np.asarray(a)
    r = _restore(r, a.shape, axis, keepdims)
    hit = (a == r) | (np.isnan(a) & np.isnan(r))
    return (hit / np.sum(hit, axis=axis, keepdims=True)).astype(_gradient_dtype(a), copy=False)


def unreduce_select(g: Any, a: Any, r: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """Adjoint of ``r = max(a)``/``min(a)`` over ``axis``: ``g`` goes to the positions holding the
    extreme, split evenly among ties."""
    shape = np.shape(a)
    g = _cotangent(g, _gradient_dtype(a))
    return _scalar_if_0d(_restore(g, shape, axis, keepdims) * _select_weights(a, r, axis, keepdims))


def reduce_select(t: Any, a: Any, r: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """Tangent of ``r = max(a)``/``min(a)`` over ``axis``: the mean of ``t`` over the tied extremes."""
    return np.sum(t * _select_weights(a, r, axis, keepdims), axis=axis, keepdims=keepdims)


def uncumsum(g: Any, a: Any, axis: Any = None) -> Any:
    """Adjoint of ``np.cumsum(a, axis)``: the reversed cumulative sum of ``g``, in ``a``'s shape (with
    ``axis=None`` the cumsum ran over ``a`` flattened)."""
    g = np.asarray(g)
    if axis is None:
        return _scalar_if_0d(np.reshape(np.cumsum(g.ravel()[::-1])[::-1], np.shape(a)))
    return np.flip(np.cumsum(np.flip(g, axis), axis=axis), axis)


def prod_others(a: Any, axis: Any = None) -> Any:
    """For each element of ``a``, the product of the *other* elements of its ``np.prod(a, axis)``
    group: the derivative of the product by that factor (exact even when the group holds zeros)."""
    a = np.asarray(a)
    axes = _axes(axis, a.ndim)
    kept = [i for i in range(a.ndim) if i not in axes]
    moved = np.transpose(a, kept + list(axes))
    rows = moved.reshape(moved.shape[: len(kept)] + (int(np.prod(moved.shape[len(kept):])),))
    if rows.shape[-1] == 0:  # an empty group: its product is 1 and has no factors
        return np.zeros(a.shape, dtype=_gradient_dtype(a))
    ones = np.ones(rows.shape[:-1] + (1,), dtype=_gradient_dtype(a))
    before = np.cumprod(np.concatenate([ones, rows[..., :-1]], axis=-1), axis=-1)
    after = np.cumprod(np.concatenate([ones, rows[..., :0:-1]], axis=-1), axis=-1)[..., ::-1]
    others = (before * after).reshape(moved.shape)
    return _scalar_if_0d(np.transpose(others, np.argsort(kept + list(axes))))


# -- selections: max/min, clip ------------------------------------------------------------------------


def pick_first(a: Any, b: Any) -> Any:
    """Weight of ``a`` in ``max(a, b)``: 1 where ``a > b``, 0.5 where they tie, 0 elsewhere."""
    return _weights(np.where(np.greater(a, b), 1.0, np.where(np.equal(a, b), 0.5, 0.0)), a, b)


def fpick_first(a: Any, b: Any, smallest: bool = False) -> Any:
    """Weight of ``a`` in ``np.fmax(a, b)`` (``np.fmin`` when ``smallest``): as :func:`pick_first`,
    but a NaN operand loses to a number."""
    weight = pick_first(b, a) if smallest else pick_first(a, b)
    return _weights(np.where(np.isnan(b) & ~np.isnan(a), 1.0, weight), a, b)


def clip_inside(a: Any, a_min: Any = None, a_max: Any = None) -> Any:
    """1.0 where ``a_min <= a <= a_max`` (``clip`` passes ``a`` through), else 0.0; a bound that is
    ``None`` is no bound."""
    inside: Any = True
    if a_min is not None:
        inside = np.logical_and(inside, np.greater_equal(a, a_min))
    if a_max is not None:
        inside = np.logical_and(inside, np.less_equal(a, a_max))
    bounds = [bound for bound in (a_min, a_max) if bound is not None]
    return _weights(inside, a, *bounds)


def clip_below(a: Any, bound: Any) -> Any:
    """1.0 where ``a < bound`` (so ``clip`` returns the bound), else 0.0; 0.0 if either is None."""
    if a is None or bound is None:
        return 0.0
    return _weights(np.less(a, bound), a, bound)


# -- products -------------------------------------------------------------------------------------------


def _matmul_operands(g: Any, x1: Any, x2: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``g, x1, x2`` of ``x1 @ x2`` with 1-D operands promoted to matrices, as ``matmul`` does."""
    g, x1, x2 = _cotangent(g, x1, x2), np.asarray(x1), np.asarray(x2)
    if x2.ndim == 1:
        x2, g = x2[:, np.newaxis], g[..., np.newaxis]
    if x1.ndim == 1:
        x1, g = x1[np.newaxis, :], g[..., np.newaxis, :]
    return g, x1, x2


def _plain(a: Any, b: Any, ndim_b: int) -> bool:
    """Both are arrays, ``a`` a matrix and ``b`` of ``ndim_b`` dims: the common fast case."""
    return (a.__class__ is np.ndarray and b.__class__ is np.ndarray and a.ndim == 2
            and b.ndim == ndim_b)


def matmul_left(g: Any, x1: Any, x2: Any) -> np.ndarray:
    """Adjoint of ``x1 @ x2`` with respect to ``x1`` (1-D operands, stacks, batch broadcasting)."""
    if _plain(x1, x2, 2) and _shape(g) == (x1.shape[0], x2.shape[1]):
        return g @ x2.T
    g, a, b = _matmul_operands(g, x1, x2)
    return np.reshape(unbroadcast(g @ np.swapaxes(b, -1, -2), a), np.shape(x1))


def matmul_right(g: Any, x1: Any, x2: Any) -> np.ndarray:
    """Adjoint of ``x1 @ x2`` with respect to ``x2`` (1-D operands, stacks, batch broadcasting)."""
    if (_plain(x1, x2, 1) or _plain(x1, x2, 2)) and _shape(g)[:1] == x1.shape[:1]:
        return x1.T @ g
    g, a, b = _matmul_operands(g, x1, x2)
    return np.reshape(unbroadcast(np.swapaxes(a, -1, -2) @ g, b), np.shape(x2))


def dot_left(g: Any, a: Any, b: Any) -> Any:
    """Adjoint of ``np.dot(a, b)`` with respect to ``a``: scalars, vectors, matrices, N-D·1-D and
    N-D·M-D (which contracts ``a``'s last axis with ``b``'s second-to-last)."""
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        return unbroadcast(np.multiply(g, b), a)
    g, b = _cotangent(g, a, b), np.asarray(b)
    contracted = max(b.ndim - 2, 0)
    others = [axis for axis in range(b.ndim) if axis != contracted]
    return np.tensordot(g, b, axes=(list(range(np.ndim(a) - 1, g.ndim)), others))


def dot_right(g: Any, a: Any, b: Any) -> Any:
    """Adjoint of ``np.dot(a, b)`` with respect to ``b`` (same cases as :func:`dot_left`)."""
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        return unbroadcast(np.multiply(g, a), b)
    leading = list(range(np.ndim(a) - 1))
    grad = np.tensordot(a, _cotangent(g, a, b), axes=(leading, leading))  # shape (k, *b's other axes)
    return np.moveaxis(grad, 0, -2) if np.ndim(b) >= 2 else grad


def inner_left(g: Any, a: Any, b: Any) -> Any:
    """Adjoint of ``np.inner(a, b)`` (a sum over both last axes) with respect to ``a``."""
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        return unbroadcast(np.multiply(g, b), a)
    g = _cotangent(g, a, b)
    return np.tensordot(g, b, axes=(list(range(np.ndim(a) - 1, g.ndim)),
                                    list(range(np.ndim(b) - 1))))


def inner_right(g: Any, a: Any, b: Any) -> Any:
    """Adjoint of ``np.inner(a, b)`` with respect to ``b``."""
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        return unbroadcast(np.multiply(g, a), b)
    leading = list(range(np.ndim(a) - 1))
    return np.tensordot(_cotangent(g, a, b), a, axes=(leading, leading))


def inverse_permutation(axes: Any) -> tuple[int, ...] | None:
    """The axes that undo ``np.transpose(x, axes)``; ``None`` (reverse all axes) is its own inverse."""
    if axes is None:
        return None
    axes = [int(a) for a in np.ravel(axes)]
    return tuple(int(i) for i in np.argsort([a % len(axes) for a in axes]))


# -- indexing ---------------------------------------------------------------------------------------------


def _has_integer_array(index: Any) -> bool:
    """Whether ``index`` holds an integer array or list (which may select an element twice)."""
    parts = index if isinstance(index, tuple) else (index,)
    return any(isinstance(part, (list, np.ndarray)) and np.asarray(part).dtype != np.bool_
               for part in parts)


def _item_of_sequence(g: Any, length: int, index: int) -> np.ndarray:
    """The adjoint of ``items[index]`` for a tuple or list of possibly different shapes: an object
    array of ``0.0`` with ``g`` at ``index`` (object arrays add item by item)."""
    out = np.empty(length, dtype=object)
    out[:] = [0.0] * length
    out[index] = g
    return out


def unindex(g: Any, like: Any, index: Any) -> Any:
    """Adjoint of ``like[index]``: zeros shaped like ``like`` with ``g`` added at ``index`` (repeated
    integer indices accumulate).  Any NumPy index: ints, slices, None, Ellipsis, masks, arrays."""
    if isinstance(like, (tuple, list)) and isinstance(index, int):
        return _item_of_sequence(g, len(like), index)
    out = np.zeros(np.shape(like), dtype=_gradient_dtype(like))
    if _has_integer_array(index):
        np.add.at(out, index, g)
    else:  # basic indexing and boolean masks select each element at most once
        out[index] = g
    return _scalar_if_0d(out)


# -- norms and special functions ------------------------------------------------------------------------


def ratio(x: Any, r: Any) -> Any:
    """``x / r``, with 0 where ``r`` is 0: the derivative convention where a norm or a standard
    deviation is 0 (a subgradient; for ``np.std`` of one element it is the exact derivative of a
    function that is identically 0)."""
    zero = np.equal(r, 0)
    return np.where(zero, 0.0, np.divide(x, np.where(zero, 1.0, r)))[()]


_ratio = ratio


def unnorm(g: Any, x: Any, r: Any, ord: Any = None, axis: Any = None,
           keepdims: bool = False) -> Any:
    """Adjoint of ``r = np.linalg.norm(x, ord, axis, keepdims)``: vector p-norms (incl. 0, ±inf),
    Frobenius, and the matrix ±1, ±2, ±inf and nuclear norms.  A zero norm gets a zero gradient."""
    x = np.asarray(x, dtype=_gradient_dtype(x))
    axes = _axes(axis, x.ndim)
    g = _cotangent(g, x.dtype)
    gk = _restore(np.broadcast_to(g, np.shape(r)), x.shape, axis, keepdims)
    rk = _restore(r, x.shape, axis, keepdims)
    if ord is None or ord == "fro" or (ord == 2 and len(axes) == 1):
        return _scalar_if_0d(gk * _ratio(x, rk))
    if len(axes) == 1:
        if ord == 0:
            return np.zeros_like(x)
        if np.isinf(ord):
            return gk * _select_weights(np.abs(x), rk, axes[0], True) * np.sign(x)
        return gk * np.sign(x) * np.abs(x) ** (ord - 1) * _ratio(1.0, rk ** (ord - 1))
    row, col = axes
    if ord == "nuc" or ord in (2, -2):
        u, _, vh = np.linalg.svd(np.moveaxis(x, (row, col), (-2, -1)), full_matrices=False)
        if ord != "nuc":
            pick = 0 if ord == 2 else -1  # singular values come sorted, largest first
            u, vh = u[..., :, [pick]], vh[..., [pick], :]
        return gk * np.moveaxis(u @ vh, (-2, -1), (row, col))
    summed, compared = (row, col) if ord in (1, -1) else (col, row)  # column sums / row sums
    sums = np.sum(np.abs(x), axis=summed, keepdims=True)
    return gk * _select_weights(sums, rk, compared, True) * np.sign(x)


def sinc_slope(x: Any, y: Any) -> Any:
    """Derivative of ``y = np.sinc(x)``: ``(cos(pi x) - y) / x``, and 0 at ``x = 0``."""
    return _ratio(np.cos(np.pi * np.asarray(x)) - y, x)[()]


def safe_log(x: Any) -> Any:
    """``log(x)`` where ``x > 0`` and ``0`` elsewhere: the exponent-gradient of ``x ** y``."""
    x = np.asarray(x)
    positive = x > 0
    return np.where(positive, np.log(np.where(positive, x, 1.0)), 0.0)[()]


# -- gradient plumbing ------------------------------------------------------------------------------------


def zeros_like(value: Any) -> Any:
    """A zero gradient for ``value``: ``0.0`` for Python numbers, a float array otherwise."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return 0.0
    return np.zeros(np.shape(value), dtype=_gradient_dtype(value))


def _is_complex(value: Any) -> bool:
    if isinstance(value, (tuple, list)):
        return any(_is_complex(item) for item in value)
    dtype = getattr(value, "dtype", None)
    return dtype.kind == "c" if isinstance(dtype, np.dtype) else isinstance(value, complex)


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


# -- containers and in-place updates -----------------------------------------------------------------


def _references(value: Any) -> int:
    return sys.getrefcount(value)


def _calibrate() -> int:
    """References an array held by one local variable has, seen from inside a helper it is passed
    to (the helper's parameter and the count's own argument included)."""
    only = np.zeros(1)
    return _references(only)


_SOLE = _calibrate() if hasattr(sys, "getrefcount") else -1


def _sole_owner(array: Any, references: int) -> bool:
    """Whether the generated code holds ``array`` in one variable only and nothing else (no other
    variable, no view) can see a change made in place."""
    return (references <= _SOLE and array.__class__ is np.ndarray and array.base is None
            and array.flags.writeable)


def zero_index(g: Any, index: Any) -> Any:
    """The adjoint of ``x`` before ``x[index] = v``: ``g`` with the overwritten part zeroed.  When
    nothing else refers to ``g`` it is zeroed in place (O(size of the part)); otherwise a copy."""
    references = sys.getrefcount(g)  # first, before any other reference to g is made
    if _sole_owner(g, references) and np.issubdtype(g.dtype, np.inexact):
        g[index] = 0
        return g
    out = np.array(g, dtype=np.result_type(g, 1.0), copy=True)
    out[index] = 0
    return out


# Helpers whose contribution, when added to an existing adjoint, has an in-place twin: the reverse
# pass writes ``x_bar = _rt.add_at(x_bar, g, x, i)`` instead of ``x_bar = x_bar + _rt.unindex(...)``.
ACCUMULATE_IN_PLACE = {"unindex": "add_at"}


def add_at(acc: Any, g: Any, like: Any, index: Any) -> Any:
    """``acc + unindex(g, like, index)``, adding into ``acc`` in place when nothing else refers to it
    (so a loop reading ``x[i]`` accumulates its adjoint in O(1) per step, not O(len(x)))."""
    references = sys.getrefcount(acc)  # first, before any other reference to acc is made
    if isinstance(like, (tuple, list)):
        return acc + unindex(g, like, index)
    if (_sole_owner(acc, references) and acc.shape == _shape(like)
            and np.can_cast(np.result_type(g), acc.dtype, casting="same_kind")):
        if _has_integer_array(index):
            np.add.at(acc, index, g)
        else:
            acc[index] += g
        return acc
    return acc + unindex(g, like, index)


def set_index(a: Any, index: Any, value: Any) -> Any:
    """``a`` with ``a[index] = value``, as a new array (the tangent of an element assignment)."""
    out = np.array(a, dtype=np.result_type(a, value, 1.0), copy=True)
    out[index] = value
    return out


def fit(value: Any, like: Any) -> Any:
    """``value`` brought to ``like``'s shape: summed over broadcast axes, or broadcast up (a fresh
    array either way when shapes differ)."""
    shape = _shape(like)
    if _shape(value) == shape:
        return value
    try:
        return np.array(np.broadcast_to(value, shape))
    except ValueError:
        return unbroadcast(value, like)


def safe_reciprocal(x: Any) -> Any:
    """``1 / x`` where ``x > 0`` and ``0`` elsewhere (the derivative of :func:`safe_log`)."""
    x = np.asarray(x)
    positive = x > 0
    return np.where(positive, 1.0 / np.where(positive, x, 1.0), 0.0)[()]


def own(value: Any) -> Any:
    """A copy of a saved array or list that a pullback may change without touching the original."""
    return list(value) if isinstance(value, list) else np.copy(value)


def appended(items: Any, item: Any) -> list:
    """``items`` with ``item`` appended, in place (the tangent of ``xs.append(v)`` mirrors the
    primal's own in-place append, so a tangent list and its ``pop`` stay in step)."""
    items.append(item)
    return items


def extended(items: Any, more: Any) -> list:
    """``items + list(more)`` as a new list (the tangent of ``xs.extend(more)``)."""
    return [*items, *more]


def unconcatenate(g: Any, arrays: Any, axis: Any = 0) -> list:
    """Adjoint of ``np.concatenate(arrays, axis)``: ``g`` cut back into the pieces' sizes."""
    if axis is None:
        sizes = [np.size(a) for a in arrays]
        pieces = np.split(np.ravel(g), np.cumsum(sizes)[:-1])
        return [np.reshape(p, np.shape(a)) for p, a in zip(pieces, arrays, strict=True)]
    sizes = [np.shape(a)[axis] for a in arrays]
    return np.split(g, np.cumsum(sizes)[:-1], axis=axis)


def unhstack(g: Any, arrays: Any) -> list:
    """Adjoint of ``np.hstack(arrays)``: the pieces back in their own shapes (numbers and 0-d
    arrays were one element each; 1-D pieces are joined on axis 0, others on axis 1)."""
    pieces = [np.atleast_1d(a) for a in arrays]
    parts = unconcatenate(g, pieces, 0 if pieces[0].ndim == 1 else 1)
    return [np.reshape(p, np.shape(a)) if isinstance(a, np.ndarray) else np.reshape(p, ())[()]
            for p, a in zip(parts, arrays, strict=True)]


def unvstack(g: Any, arrays: Any) -> list:
    """Adjoint of ``np.vstack(arrays)``: rows cut back to each piece (1-D pieces were one row)."""
    pieces = unconcatenate(g, [np.atleast_2d(a) for a in arrays], 0)
    return [np.reshape(p, np.shape(a)) for p, a in zip(pieces, arrays, strict=True)]


def spread(g: Any, items: Any) -> Any:
    """Adjoint of the builtin ``sum(items)``: every item receives ``g``."""
    return np.array([g] * len(items))


# -- split motion: a pullback that rewinds in-place updates puts them back ----------------------------


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


# -- placeholders (see tangentish/passes/flow.py) ---------------------------------------------------


class _Unbound:
    """The value of a variable that has none yet on this path of the program (Python would not
    have bound it).  Any use raises, as reading an unbound variable does."""

    def __repr__(self) -> str:
        return "_rt.UNBOUND"

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise UnboundLocalError("a local variable is used before it has a value on this path "
                                "(in the original function this read would fail too)")


for _method in ("__array__", "__bool__", "__float__", "__int__", "__index__", "__len__",
                "__iter__", "__getitem__", "__setitem__", "__call__", "__neg__", "__pos__",
                "__abs__", "__array_ufunc__", "__array_function__") + tuple(
        f"__{p}{op}__" for op in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow",
                                  "matmul", "lt", "le", "gt", "ge") for p in ("", "r")):
    setattr(_Unbound, _method, _Unbound._refuse)

UNBOUND = _Unbound()


# -- aliasing (see tangentish/passes/aliases.py) ---------------------------------------------------


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
