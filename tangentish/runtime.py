"""The only helpers that generated derivative code calls (as ``_rt.<name>``).

Each one is small, pure and documented, so that a reader of generated code can look it up.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .errors import NonScalarOutputError


def unbroadcast(grad: Any, like: Any) -> Any:
    """Sum ``grad`` over the axes that broadcasting added or stretched, to match ``like``'s shape."""
    shape = np.shape(like)
    if np.shape(grad) == shape:
        return grad
    grad = np.asarray(grad)
    extra = grad.ndim - len(shape)
    if extra > 0:
        grad = grad.sum(axis=tuple(range(extra)))
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    if stretched:
        grad = grad.sum(axis=stretched, keepdims=True)
    if not shape:
        return grad[()] if isinstance(grad, np.ndarray) else grad
    return np.broadcast_to(grad, shape) if grad.shape != shape else grad


def unreduce(grad: Any, like: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """Spread the gradient of a reduction (sum over ``axis``) back over ``like``'s shape."""
    shape = np.shape(like)
    grad = np.asarray(grad)
    if axis is not None and not keepdims:
        axes = (axis,) if np.ndim(axis) == 0 else tuple(axis)
        axes = tuple(a % len(shape) for a in axes)
        grad = np.expand_dims(grad, axes)
    return np.broadcast_to(grad, shape).copy() if shape else grad[()]


def reduced_size(like: Any, axis: Any = None) -> int:
    """How many elements a reduction over ``axis`` combines into each output (for ``mean``)."""
    shape = np.shape(like)
    if axis is None:
        return int(np.prod(shape, dtype=np.int64))
    axes = (axis,) if np.ndim(axis) == 0 else tuple(axis)
    return int(np.prod([shape[a] for a in axes], dtype=np.int64))


def zeros_like(value: Any) -> Any:
    """A zero gradient for ``value``: ``0.0`` for Python numbers, a float array otherwise."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return 0.0
    value = np.asarray(value)
    dtype = value.dtype if np.issubdtype(value.dtype, np.inexact) else np.float64
    return np.zeros(value.shape, dtype=dtype)


def seed(output: Any, out_bar: Any, function: str) -> Any:
    """Start the adjoint sweep: the seed of ``grad`` must meet a scalar output (or match its shape)."""
    if np.ndim(output) != 0 and np.shape(out_bar) != np.shape(output):
        shape = np.shape(output)
        if np.ndim(out_bar) == 0:
            raise NonScalarOutputError(
                f"grad({function}) needs a scalar output, but {function} returned an array of "
                f"shape {shape}",
                hint=f"reduce the output (e.g. np.sum), pass a cotangent of shape {shape} as "
                "`out_bar=`, or use tangentish.vjp / tangentish.jacobian",
            )
        raise NonScalarOutputError(
            f"the seed `out_bar` has shape {np.shape(out_bar)} but {function} returned shape "
            f"{shape}",
            hint="pass a cotangent with the same shape as the output",
        )
    return out_bar


def safe_log(x: Any) -> Any:
    """``log(x)`` where ``x > 0`` and ``0`` elsewhere: the exponent-gradient of ``x ** y``."""
    x = np.asarray(x)
    positive = x > 0
    return np.where(positive, np.log(np.where(positive, x, 1.0)), 0.0)[()]
