"""Private plumbing the runtime families share (shapes, axes, dtypes)."""

from __future__ import annotations

from typing import Any

import numpy as np


def _scalar_if_0d(value: Any) -> Any:
    """0-d arrays become NumPy scalars (as NumPy's own reductions return them); others unchanged."""
    return value[()] if isinstance(value, np.ndarray) and value.ndim == 0 else value


def _axes(axis: Any, ndim: int) -> tuple[int, ...]:
    """``axis`` (None, an int or a sequence, possibly negative) as non-negative axes, in order."""
    if axis is None or ndim == 0:  # (of a 0-d value NumPy's sum, max, prod... take axis 0 or
        return tuple(range(ndim))  # -1, reducing nothing: no axis to put back)
    if axis.__class__ is int:  # (the usual case, without NumPy's np.ndim)
        return (axis % ndim,)
    axes = (axis,) if np.ndim(axis) == 0 else tuple(axis)
    return tuple(int(a) % ndim for a in axes)


def _restore(value: Any, shape: tuple[int, ...], axis: Any, keepdims: bool) -> np.ndarray:
    """Re-insert the axes that a reduction over ``axis`` dropped, so ``value`` broadcasts to ``shape``.

    ``value`` is of the reduction's result's shape, or broadcasts to it (a scalar is uniform: the
    mask ``True`` that generated code passes for "everywhere" where a reduction's adjoint spreads
    a support); such a value is broadcast to that shape first, so the axes go back where the
    reduction dropped them, not where ``value``'s own rank would put them."""
    value = np.asarray(value)
    if axis is not None and not keepdims:
        axes = sorted(_axes(axis, len(shape)))
        if value.ndim != len(shape) - len(axes):
            value = np.broadcast_to(value, tuple(n for i, n in enumerate(shape) if i not in axes))
        dims = list(value.shape)
        for a in axes:  # (np.expand_dims(value, axes), without its argument checks)
            dims.insert(a, 1)
        value = value.reshape(dims)
    return value


def _zero_padded(value: np.ndarray, axis: int, before: int, after: int) -> np.ndarray:
    """``np.pad(value, ...)`` with ``before`` and ``after`` zeros along ``axis`` alone, the same
    array (``np.pad`` spends tens of microseconds working out its general arguments)."""
    shape = list(value.shape)
    shape[axis] += before + after
    padded = np.zeros(shape, dtype=value.dtype)
    inner = [slice(None)] * value.ndim
    inner[axis] = slice(before, before + value.shape[axis])
    padded[tuple(inner)] = value
    return padded


def _shape(value: Any) -> tuple[int, ...]:
    """``np.shape(value)``, without the call for arrays, NumPy scalars and Python floats."""
    if value.__class__ is float:
        return ()
    shape = getattr(value, "shape", None)
    return shape if shape is not None else np.shape(value)


_FLOAT64 = np.dtype(np.float64)
FLOAT_SCALARS = (float, np.float64)  # (classes: the fast paths at scalar inputs test them first)


def _gradient_dtype(like: Any) -> np.dtype:
    """The dtype of a gradient for ``like``: its own if inexact (float/complex), else float64."""
    dtype = getattr(like, "dtype", None)
    if dtype is None:
        dtype = np.asarray(like).dtype
    return dtype if dtype.kind in "fc" else _FLOAT64


def in_output_dtype(seed: Any, output: Any) -> Any:
    """A seed or cotangent in the floating dtype of the output it is for: precision follows the
    primal.  A float32 output gets float32 adjoints, and a NumPy float64 output float64 ones, also
    from a Python number (which NumPy promotes as weak: against a float32 scalar in the adjoint,
    ``out_bar / X32.std()``, it would round where the primal, holding a float64, did not); a
    Python-float output's, a float64 too: the adjoint computes in NumPy's arithmetic, as the
    NumPy functions of Python floats on its path did (``g / x``, ``np.log(x)``'s adjoint at
    ``x = 0.0``, is inf as a float64 argument's is, not a ``ZeroDivisionError``)."""
    dtype = _FLOAT64 if output.__class__ is float else getattr(output, "dtype", None)
    if dtype is None or dtype.kind != "f":
        return seed
    own = getattr(seed, "dtype", None)
    if own is not None and own == dtype:  # (`dtype == None` holds for float64: np.dtype(None))
        return seed
    return np.asarray(seed, dtype=dtype)[()]


def per_value_dtype(seeds: Any, output: Any) -> Any:
    """The seeds of a tuple or list ``output``'s values, each in its value's floating dtype as
    :func:`in_output_dtype` gives a single output's (of a Python float's a float64), whether they
    come as a tuple or list, in items form (a 1-d object array: one item a derivative
    differentiated again returns) or stacked (a float array, the items of one shape).  A
    derivative differentiated again returns its gradient uncast inside the code that
    differentiates it (a float64 gradient of a float32 input, the caller having seen the float32
    the API casts it to): the caller's float32 seed for it is widened, and a float64 seed of a
    float32 value narrowed, so an adjoint and its tangent keep the primal's precision (checked
    mode's float32 crashes, grammar fuzz seeds 10778/0 and 10797/2)."""
    if _float_array(seeds) and np.ndim(seeds) and all(_float_array(o) for o in output):
        return in_output_dtype(seeds, np.result_type(*output).type(0))  # (stacked)
    items = isinstance(seeds, np.ndarray) and seeds.dtype == object and seeds.ndim == 1
    if seeds.__class__ not in (tuple, list) and not items:
        return seeds
    cast = [in_output_dtype(g, o) if o.__class__ is float or _float_array(g) and
            _float_array(o) else g for g, o in zip(seeds, output, strict=True)]
    if not items:
        return type(seeds)(cast)
    out = np.empty(len(cast), dtype=object)
    for k, g in enumerate(cast):  # (item by item: equal shapes would broadcast)
        out[k] = g
    return out


def _float_array(value: Any) -> bool:
    """Whether ``value`` is a NumPy array or scalar of a floating dtype."""
    dtype = getattr(value, "dtype", None)
    return isinstance(dtype, np.dtype) and dtype.kind == "f"


def _cotangent(g: Any, *operands: Any) -> np.ndarray:
    """``g`` as an array in the dtype that ``g`` combined with ``operands`` has (a Python-float seed
    does not turn float32 operands into float64); a list or tuple ``g`` (the tangent of a list
    written out, ``np.prod([a, b])``) is an array of its items."""
    if isinstance(g, (list, tuple)):
        g = np.asarray(g)
    return np.asarray(g, dtype=np.result_type(g, *_arrays(operands)))


def _arrays(operands: tuple) -> list:
    """The operands, a list or tuple among them (a constant NumPy read as an array: ``np.dot(W,
    x)`` of a module's list ``W``) as that array (``np.result_type`` reads a list as a dtype)."""
    return [np.asarray(o) if isinstance(o, (list, tuple)) else o for o in operands]


def _weights(condition: Any, *operands: Any) -> Any:
    """``condition`` as 1.0/0.0 in the operands' float dtype (float32 stays float32)."""
    return np.asarray(condition, dtype=np.result_type(*_arrays(operands), 1.0))[()]


def _select_weights(a: Any, r: Any, axis: Any, keepdims: bool) -> np.ndarray:
    """1/k at the k positions of each group of ``a`` that equal its reduced extreme ``r``, else 0."""
    a = np.asarray(a)
    r = _restore(r, a.shape, axis, keepdims)
    hit = a == r
    if np.isnan(r).any():  # a NaN extreme (np.max propagates NaN): the NaN positions hold it
        hit |= np.isnan(a) & np.isnan(r)
    weights = hit.astype(_gradient_dtype(a))
    count = np.sum(hit, axis=axis, keepdims=True)
    if (count != 1).any():  # ties (dividing costs more than the rest: done only for them)
        weights /= count
    return weights


def not_a_real_output(output: Any) -> str:
    """What ``output`` is when it is no number (None, a string, a bool, an array of them), or "".
    (Its derivative would be 0 by default: a forgotten ``return`` value hid behind it.)"""
    if output is None:
        return "None"
    if isinstance(output, (str, bytes)):
        return f"a {type(output).__name__}"
    if isinstance(output, (bool, np.bool_)):
        return "a bool"
    dtype = getattr(output, "dtype", None)
    if isinstance(dtype, np.dtype) and dtype.kind not in "iuf":
        return f"an array of dtype {dtype}"
    return ""


def _is_complex(value: Any) -> bool:
    if isinstance(value, (tuple, list)):
        return any(_is_complex(item) for item in value)
    dtype = getattr(value, "dtype", None)
    return dtype.kind == "c" if isinstance(dtype, np.dtype) else isinstance(value, complex)


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


class _NoDerivative:
    """The derivative (adjoint or tangent) of a value that has none on this path: of a variable
    holding :data:`UNBOUND`, or of a list or tuple's item holding it (a gradient's tape saves a
    variable that may have no value, and differentiating that gradient again gives the tape an
    adjoint).  No computation reads a value that has none (it would raise first), so this
    derivative only meets other derivatives in sums, as the zero it is: ``g + NO_DERIVATIVE`` is
    ``g``.  Any other use is a bug in tangentish, and raises."""

    __array_ufunc__ = None  # ``array + NO_DERIVATIVE``: NumPy defers to ``__radd__``

    def __repr__(self) -> str:
        return "_rt.NO_DERIVATIVE"

    def __add__(self, other: Any) -> Any:
        return other

    __radd__ = __add__

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("the derivative of a value that has none on this path was used in a "
                        "computation (a bug in tangentish: please report it)")

    __array__ = __array_function__ = __bool__ = __float__ = __int__ = __index__ = _refuse
    __len__ = __iter__ = __getitem__ = __setitem__ = __call__ = __neg__ = __pos__ = _refuse
    __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _refuse
    __matmul__ = __rmatmul__ = __pow__ = __rpow__ = _refuse


NO_DERIVATIVE = _NoDerivative()
