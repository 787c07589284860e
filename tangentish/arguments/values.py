"""Values given to a derivative: real floats and floating arrays, integers promoted to float64,
everything else refused with what it is and what to pass instead::

    check_argument(3, "w", "loss")       ->  3.0
    check_argument([1.0], "w", "loss")   ->  ArgumentError: ... w: it is a list ...
    check_tangent(np.ones(2), np.ones(3), "x_dot", "jvp_f_wrt_x")  ->  ArgumentValueError: ... shape
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np

from ..errors import ArgumentError, ArgumentValueError
from ..runtime._common import in_output_dtype, not_a_real_output
from .wrt import caller_location


def is_dataclass(value: Any) -> bool:
    """``dataclasses.is_dataclass(value)``, without importing :mod:`dataclasses` (a first
    ``grad()`` would pay milliseconds for it): no dataclass exists before it is imported."""
    module = sys.modules.get("dataclasses")
    return module is not None and module.is_dataclass(value)


def check_argument(value: Any, name: str, fn_name: str) -> Any:
    """A value under ``wrt``, as the derivative will see it: floats and floating arrays unchanged,
    integers (and integer arrays) promoted to float64; everything else refused."""
    kind = value.__class__
    if kind is float or (kind is np.ndarray and value.dtype.kind == "f"):
        return value
    return as_real(value, f"cannot differentiate {fn_name} with respect to {name}: it", name)


def as_real(value: Any, subject: str, name: str) -> Any:
    """``value`` if it is a real float or floating array, promoted to float64 if it is an integer
    (or integer array), else an :class:`ArgumentError` saying "<subject> is <what it is>"."""
    if isinstance(value, np.ndarray):
        refuse_matrix(value, name, subject)
        refuse_masked(value, name, subject)
        if value.dtype.kind == "f":
            return value
        if value.dtype.kind in "iu":
            return value.astype(np.float64)
        raise _value_error(subject, _array_kind(value.dtype))
    if isinstance(value, (float, np.floating)):
        return value
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)):
        try:
            return float(value) if isinstance(value, int) else np.float64(value)
        except OverflowError:
            raise _value_error(subject, (f"the integer {value}, too large for a float",
                                         "pass a float")) from None
    raise _value_error(subject, _scalar_kind(value))


def _array_kind(dtype: np.dtype) -> tuple[str, str]:
    if dtype.kind == "b":
        return "a boolean array", "convert it with x.astype(float) if it holds numbers"
    if dtype.kind == "c":
        return "a complex array", _COMPLEX_HINT
    return f"an array of dtype {dtype}", "pass an array of floats"


_COMPLEX_HINT = ("tangentish differentiates real functions of real inputs only: pass the real and "
                 "imaginary parts as two float arguments")


def _scalar_kind(value: Any) -> tuple[str, str]:
    if isinstance(value, (bool, np.bool_)):
        return f"a bool ({value!r})", "a flag cannot be differentiated; pass a float if it is a number"
    if isinstance(value, (complex, np.complexfloating)):
        return f"a complex number ({value!r})", _COMPLEX_HINT
    if value is None:
        return "None", "pass a float or an array for it (a parameter whose default is None " \
                       "needs a value to be differentiated)"
    if isinstance(value, (list, tuple, dict)) or (is_dataclass(value)
                                                   and not isinstance(value, type)):
        return (f"a {type(value).__name__}", "containers under wrt are differentiated by the "
                "transforms of your function (grad, jvp, vjp, jacobian, hessian, hvp, "
                "check_grads), not by transforms of a derivative (jvp(grad(f))): use "
                "tangentish.hessian/hvp, pass np.asarray(...) if it is one array, or give each "
                "array a parameter of its own")
    kind = type(value).__name__
    article = "an" if kind[:1].lower() in "aeiou" else "a"
    return f"{article} {kind}", "differentiated arguments are floats or NumPy arrays of floats"


def _value_error(subject: str, kind: tuple[str, str]) -> ArgumentError:
    what, hint = kind
    return ArgumentError(f"{subject} is {what}", caller_location(), hint=hint)


def refuse_matrix(value: Any, name: str, subject: str) -> None:
    """``np.matrix`` redefines ``*`` and ``**``: refused wherever it is passed."""
    if isinstance(value, np.matrix):
        raise ArgumentError(f"{subject} is an np.matrix, whose `*` is a matrix product and whose "
                            "results stay 2-d, which tangentish's derivative rules do not follow",
                            caller_location(), hint=f"pass np.asarray({name}) instead")


def refuse_masked(value: Any, name: str, subject: str) -> None:
    """Masked arrays: the mask would be dropped or mishandled by derivative rules."""
    if isinstance(value, np.ma.MaskedArray):
        raise ArgumentError(f"{subject} is a masked array; masks are not differentiated",
                            caller_location(), hint=f"pass {name}.filled(...) or np.asarray({name})")


def check_seed(seed: Any, what: str = "seed") -> int:
    """A seed for ``numpy.random.default_rng``: a non-negative int."""
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)):
        raise ArgumentError(f"the {what} must be a non-negative integer, got {seed!r}",
                            caller_location(), hint="e.g. seed=0")
    if seed < 0:
        raise ArgumentValueError(f"the {what} must be a non-negative integer, got {seed}",
                                 caller_location(), hint="e.g. seed=0")
    return int(seed)


def close_keyword(key: str, allowed: list[str]) -> str:
    """``; did you mean 'wrt'?`` for a misspelt keyword, or an empty string."""
    import difflib  # (errors only: kept out of the first grad()'s imports)

    close = difflib.get_close_matches(key, allowed, n=1)
    return f"did you mean {close[0]!r}? " if close else ""


def check_tangent(value: Any, primal: Any, name: str, label: str) -> Any:
    """A forward-mode tangent: real, of its primal's shape, in its primal's floating dtype."""
    if value.__class__ is np.ndarray and primal.__class__ is np.ndarray and (
            value.dtype == primal.dtype and value.shape == primal.shape):
        return value
    value = as_real(value, f"the tangent {name} given to {label}", name)
    if np.shape(value) != np.shape(primal):
        raise ArgumentValueError(f"the tangent {name} given to {label} has shape "
                                 f"{np.shape(value)}, but {name[:-4]} has shape {np.shape(primal)}",
                                 caller_location(),
                                 hint="a tangent has the shape of the argument it moves")
    value = like_dtype(value, primal)
    # (a Python float as np.float64: its tangent arithmetic is NumPy's, so `x_dot / x` at x = 0
    # in a branch np.where discards is inf, not Python's ZeroDivisionError)
    return np.float64(value) if value.__class__ in (float, int) else value


def like_dtype(value: Any, like: Any) -> Any:
    """``value`` in ``like``'s floating dtype (float64 for a Python float), the way a derivative
    keeps its argument's dtype."""
    target = getattr(like, "dtype", None)
    if target is None or target.kind != "f":
        target = np.dtype(np.float64)
    dtype = getattr(value, "dtype", None)
    if dtype == target or (dtype is None and target == np.float64):
        return value  # a Python float is a float64
    return value.astype(target) if isinstance(value, np.ndarray) else target.type(value)


def check_seed_value(value: Any, subject: str, name: str) -> Any:
    """A seed (``out_bar``) or cotangent: real, or a tuple of them for a tuple output."""
    if isinstance(value, tuple):
        return tuple(check_seed_value(v, subject, name) for v in value)
    return as_real(value, subject, name)


def is_constant(value: Any) -> bool:
    """Whether a returned leaf is a constant (not a float or a floating array)."""
    if isinstance(value, (float, np.floating)):
        return False
    return not (isinstance(value, np.ndarray) and value.dtype.kind == "f")


def constant_cotangent(given: Any, value: Any, label: str) -> Any:
    """The cotangent of a constant output leaf: ``None`` or zero, handed on as a float zero."""
    if given is not None:
        try:
            zero = not np.any(np.asarray(given, dtype=float))
        except (TypeError, ValueError):
            zero = False
        if not zero:
            raise ArgumentValueError(
                f"the cotangent given to the pullback of {label} is not zero, but the output "
                f"there is {type(value).__name__} {_short(value)}, a constant",
                caller_location(), hint="give None (or 0) for outputs that are not floats: "
                "ints, bools, None, strings and integer arrays have no derivative")
    shape = np.shape(value) if isinstance(value, np.ndarray) else ()
    return np.zeros(shape) if shape else 0.0


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def check_cotangent(value: Any, output: Any, label: str) -> Any:
    """A cotangent for a ``vjp`` pullback: real and of the output's shape (one per value for a
    tuple output), in the output's floating dtype."""
    if value.__class__ is float and output.__class__ is float:  # (a float64, as a seed is:
        return np.float64(value)  # the adjoint in NumPy's arithmetic, runtime.in_output_dtype)
    if isinstance(output, (tuple, list)):
        if not isinstance(value, (tuple, list)) or len(value) != len(output):
            raise ArgumentValueError(f"the cotangent given to the pullback of {label} must be a "
                                     f"{type(output).__name__} of {len(output)} values, one per "
                                     "output value", caller_location(),
                                     hint="match the output's structure")
        return type(output)(constant_cotangent(v, o, label) if is_constant(o) and not
                            isinstance(o, (tuple, list)) else check_cotangent(v, o, label)
                            for v, o in zip(value, output, strict=True))
    if not_a_real_output(output):  # (None, a string, a bool: a zero cotangent, or None, only)
        return constant_cotangent(value, output, label)
    value = as_real(value, f"the cotangent given to the pullback of {label}", "cotangent")
    if np.shape(value) != np.shape(output) and np.ndim(value) == 0 and np.size(output) == 1:
        value = np.full(np.shape(output), value)  # (one value, shaped (1, 1): its cotangent)
    if np.shape(value) != np.shape(output):
        default = " (the default cotangent 1.0 needs a scalar output)" if np.ndim(value) == 0 \
            else ""
        raise ArgumentValueError(f"the cotangent given to the pullback of {label} has shape "
                                 f"{np.shape(value)}, but the output has shape "
                                 f"{np.shape(output)}{default}", caller_location(),
                                 hint=f"pass an array of shape {np.shape(output)}")
    return in_output_dtype(value, output)


def check_aux_pair(value: Any, fn_name: str) -> tuple:
    """Under ``has_aux=True`` the function returns ``(output, aux)``: a tuple or list of two."""
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return tuple(value)
    what = (f"a {type(value).__name__} of {len(value)} values"
            if isinstance(value, (tuple, list)) else f"a {type(value).__name__}")
    raise ArgumentError(f"with has_aux=True, {fn_name} must return a pair (output, aux), but it "
                        f"returned {what}", caller_location(),
                        hint="return `output, aux`, or drop has_aux=True")
