"""What a derivative may return: real values, each gradient of its argument's shape and dtype.

Run on every call by the API wrapper, after the generated code and before the user sees anything,
so that a complex number, a wrong shape or a wrong dtype is an error and never a result::

    check_gradient(np.ones(3) * 1j, np.ones(3), "x", "grad_f_wrt_x")  ->  UnsupportedValueError
    check_gradient(np.ones(2), np.ones(3), "x", "grad_f_wrt_x")       ->  InternalError (shape)
    check_gradient(np.ones(3), np.ones(3, np.float32), "x", ...)      ->  float32 array
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np

from ..errors import InternalError, UnsupportedValueError
from ..runtime._common import in_output_dtype
from .outputs import Outputs, output_tangent, output_value
from .values import like_dtype
from .wrt import Wrt, caller_location

_COMPLEX_HINT = ("tangentish differentiates real functions of real inputs only: split complex "
                 "values into real and imaginary parts (two float arrays) in the function")
_REAL_SCALARS = (float, np.float64)  # the common case, checked first
_F64 = np.dtype(np.float64)
_REPORT = "this is a bug in tangentish: please report it with the function and tangentish.source(f)"


def _is_complex(value: Any) -> bool:
    dtype = getattr(value, "dtype", None)
    if dtype is not None:
        return dtype.kind == "c"
    return isinstance(value, complex)


def check_output(value: Any, label: str) -> None:
    """The output of the differentiated function (returned by ``value_and_grad``, ``jvp`` and
    ``vjp``) is real: a complex value there means complex numbers were on the differentiated path."""
    if value.__class__ in _REAL_SCALARS:
        return
    if isinstance(value, (tuple, list)):
        for item in value:
            check_output(item, label)
    elif _is_complex(value):
        raise UnsupportedValueError(f"{label}: the function returned a complex value "
                                    f"({np.asarray(value).dtype}) that depends on the "
                                    "differentiated arguments", caller_location(),
                                    hint=_COMPLEX_HINT)


def check_gradients(grads: Any, primals: list, wrt: Wrt, label: str) -> Any:
    """One gradient, or a tuple of them in ``wrt`` order, each checked by :func:`check_gradient`."""
    if wrt.single:
        return check_gradient(grads, primals[0], wrt.names[0], label)
    if not isinstance(grads, tuple) or len(grads) != len(wrt.names):
        raise InternalError(f"{label} returned {type(grads).__name__} instead of a tuple of "
                            f"{len(wrt.names)} gradients", caller_location(), hint=_REPORT)
    if len(primals) == len(grads):  # the common case in one loop: each one check_gradient
        for g, p in zip(grads, primals, strict=True):  # would return as it is
            if not plain_gradient(g, p):
                break
        else:
            return _unshared(grads)
    return _unshared(tuple([check_gradient(g, p, n, label)  # (a list: no generator each call)
                            for g, p, n in zip(grads, primals, wrt.names, strict=True)]))


def apart_from(grads: Any, given: Any) -> Any:
    """``grads`` (one gradient or a tuple) with a copy of any array that may share memory with an
    array of ``given`` (a cotangent, or a tuple of them): a pullback whose adjoint is the
    cotangent itself (``x_bar = out_bar``) must not hand the caller's array back."""
    arrays = [g for g in (given if isinstance(given, (tuple, list)) else (given,))
              if g.__class__ is np.ndarray]
    if not arrays:
        return grads
    if not isinstance(grads, tuple):
        return _copy_if_shared(grads, arrays)
    return tuple(_copy_if_shared(g, arrays) for g in grads)


def separator(mode: str, has_aux: bool) -> Callable[[Any, dict], Any]:
    """``separate(result, given)``: what a ``mode`` derivative returned, with each derivative in
    it apart from the arrays the caller gave by keyword (the seed ``out_bar=v``, tangents
    ``x_dot=t``): the adjoint of ``x + y`` or ``x * 1.0`` is ``out_bar`` itself, the tangent of
    ``x.T`` a view of ``x_dot``, and changing what the derivative returned must not change them."""
    def separate(result: Any, given: dict) -> Any:
        arrays = [g for g in given.values() if g.__class__ is np.ndarray]
        if not arrays:
            return result
        if mode == "jvp":
            value, tangent, *aux = result
            return (value, _apart(tangent, arrays), *aux)
        if mode == "value_and_grad":
            return result[0], _apart(result[1], arrays)
        if mode == "grad" and has_aux:
            return _apart(result[0], arrays), result[1]
        return _apart(result, arrays) if mode == "grad" else result
    return separate


def _apart(value: Any, arrays: list) -> Any:
    """``value`` (an array, or a tuple, list or dict of them, nested) with a copy of each array
    that may share memory with one of ``arrays``."""
    if isinstance(value, tuple):
        items = [_apart(v, arrays) for v in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, list):
        return [_apart(v, arrays) for v in value]
    if isinstance(value, dict):
        return {k: _apart(v, arrays) for k, v in value.items()}
    return _copy_if_shared(value, arrays)


def _copy_if_shared(gradient: Any, arrays: list) -> Any:
    if gradient.__class__ is np.ndarray and any(np.may_share_memory(gradient, a) for a in arrays):
        return gradient.copy()
    return gradient


def _unshared(grads: tuple) -> tuple:
    """``grads`` with a copy for each array that may share memory with an earlier one (the adjoint
    of ``x + y`` is one array for both when no broadcasting happened): every gradient handed out
    can be changed without changing another.  Distinct arrays that own their memory (the common
    case) are told apart without asking NumPy."""
    seen = set()
    for g in grads:
        if g.__class__ is np.ndarray:
            if g.base is not None or id(g) in seen:
                break
            seen.add(id(g))
    else:
        return grads
    kept: list = []
    for g in grads:
        kept.append(_copy_if_shared(g, [k for k in kept if k.__class__ is np.ndarray]))
    return tuple(kept)


def plain_gradient(gradient: Any, primal: Any) -> bool:
    """Whether :func:`check_gradient` returns ``gradient`` as it is, at a glance: a real scalar
    for a float, an ndarray of the same dtype and shape for an ndarray (the common case; of a 0-d
    array the gradient is a NumPy scalar)."""
    if primal.__class__ is float:
        return gradient.__class__ in _REAL_SCALARS
    return gradient.__class__ is np.ndarray and primal.__class__ is np.ndarray and \
        gradient.dtype == primal.dtype and gradient.shape == primal.shape and primal.ndim > 0


def plain_gradients(grads: Any, args: tuple, positions: tuple[int, ...]) -> bool:
    """Whether :func:`check_gradients` returns the tuple ``grads`` (of the arguments at
    ``positions``) as it is, at a glance: each one plain (:func:`plain_gradient`), no array a view
    or the same array as another."""
    if grads.__class__ is not tuple or len(grads) != len(positions):
        return False
    arrays = 0
    for g, position in zip(grads, positions, strict=True):
        if not plain_gradient(g, args[position]):
            return False
        if g.__class__ is np.ndarray:
            if g.base is not None:
                return False
            arrays += 1
    return arrays < 2 or len({id(g) for g in grads if g.__class__ is np.ndarray}) == arrays


def check_gradient(gradient: Any, primal: Any, name: str, label: str) -> Any:
    """A gradient: real, of its argument's shape, returned in its argument's floating dtype
    (float64 for a Python float or a promoted integer)."""
    if plain_gradient(gradient, primal):
        return gradient
    if _is_complex(gradient):
        raise UnsupportedValueError(f"{label}: the gradient with respect to {name} came out "
                                    "complex: complex numbers are on the differentiated path",
                                    caller_location(), hint=_COMPLEX_HINT)
    shape = np.shape(gradient)
    if shape != np.shape(primal):
        raise InternalError(f"{label} computed a gradient of shape {shape} for {name} of shape "
                            f"{np.shape(primal)}", caller_location(), hint=_REPORT)
    kind = getattr(gradient, "dtype", np.dtype(float)).kind
    if kind not in "fiub":
        raise InternalError(f"{label} computed a gradient of dtype {gradient.dtype} for {name}",
                            caller_location(), hint=_REPORT)
    if isinstance(gradient, int) or primal.__class__ is float:  # (a literal zero; a 0-d array
        gradient = float(gradient)  # a rule's np.where made for a Python float: a float again)
    gradient = like_dtype(gradient, primal)
    if primal.__class__ is not float and np.ndim(primal) == 0 and \
            not isinstance(gradient, np.generic):  # (of a NumPy scalar or a 0-d array: a NumPy
        return np.asarray(gradient, dtype=_dtype_of(primal))[()]  # scalar, as NumPy's own are)
    return gradient


def _dtype_of(value: Any) -> np.dtype:
    dtype = getattr(value, "dtype", None)
    return dtype if dtype is not None and dtype.kind == "f" else _F64


def check_output_tangent(tangent: Any, value: Any, label: str) -> Any:
    """A forward-mode result: real, of the output's shape and in its floating dtype (a float32
    output gets a float32 tangent, a float64 one a float64 tangent even where a Python float met
    float32 operands in the tangent's arithmetic, or the tangent is an integer zero), item by
    item for a tuple."""
    if tangent.__class__ is int or tangent.__class__ is bool:  # (a zero by structure: a number)
        tangent = float(tangent)
    if tangent.__class__ in _REAL_SCALARS and value.__class__ in _REAL_SCALARS:
        return tangent
    if value.__class__ is float and tangent.__class__ is np.ndarray and tangent.shape == () and \
            tangent.dtype == _F64:  # (a Python float's zero spelled np.zeros_like: a float, as
        return float(tangent)  # _rt.zeros_like's 0.0 is; passes/output_zeros.py)
    if isinstance(value, (tuple, list)):
        if isinstance(tangent, np.ndarray) and tangent.ndim and len(tangent) == len(value):
            tangent = list(tangent)  # a list's zero in its array form (runtime/items.py)
        if not isinstance(tangent, (tuple, list)) or len(tangent) != len(value):
            raise InternalError(f"{label} returned tangents that do not match its "
                                f"{len(value)} outputs", caller_location(), hint=_REPORT)
        return (tuple if isinstance(value, tuple) else list)(check_output_tangent(t, v, label)
                             for t, v in zip(tangent, value, strict=True))
    if _is_complex(tangent):
        raise UnsupportedValueError(f"{label}: the directional derivative came out complex: "
                                    "complex numbers are on the differentiated path",
                                    caller_location(), hint=_COMPLEX_HINT)
    if np.shape(tangent) != np.shape(value):
        raise InternalError(f"{label} computed a directional derivative of shape "
                            f"{np.shape(tangent)} for an output of shape {np.shape(value)}",
                            caller_location(), hint=_REPORT)
    given = getattr(tangent, "dtype", _F64)
    wanted = _F64 if value.__class__ is float else getattr(value, "dtype", None)  # (a Python
    if wanted is not None and wanted == _F64 and given != _F64 and given.kind in "fiub":  # float
        tangent = np.asarray(tangent, dtype=_F64)  # is a float64; np.clip(0.5, y32) is float64;
        return tangent if isinstance(value, np.ndarray) else tangent[()]  # so is 0.5 + i of an
    tangent = in_output_dtype(tangent, value)  # integer i; np.dtype(None) is too)
    if not isinstance(value, np.ndarray):
        return tangent[()] if isinstance(tangent, np.ndarray) and tangent.ndim == 0 else tangent
    # (a NumPy scalar's or a float's tangent is a scalar too; a 0-d array's is a 0-d array, also
    # where the cast to its dtype made a scalar of one: np.asarray(t, dtype)[()])
    return tangent if isinstance(tangent, np.ndarray) else np.asarray(tangent)


# -- what a derivative's call returns, checked, by transform ---------------------------------------

def finisher(mode: str, has_aux: bool, wrt: Wrt, label: str, pullback: Callable[..., Any],
             outputs: Outputs | None = None) -> Callable[..., Any]:
    """``finish(result, primals, given=None)``: what the generated function returned, checked
    and shaped as the ``mode`` transform returns it (``pullback(residuals, output=, primals=)``
    makes vjp's); with ``outputs``, the flat tuples generated code returns put back in their
    containers; with ``given`` (the keyword arguments of the call), apart from them
    (:func:`separator`)."""
    outputs = outputs or _PLAIN
    separate = separator(mode, has_aux)
    if mode == "grad" and not has_aux:  # the common case, without a partial

        def finish(result: Any, primals: list, given: dict | None = None) -> Any:
            result = check_gradients(result, primals, wrt, label)
            return separate(result, given) if given else result

        return finish
    done = functools.partial(_FINISH[mode], has_aux=has_aux, wrt=wrt, label=label,
                             pullback=pullback, outputs=outputs)
    return lambda result, primals, given=None: separate(done(result, primals), given) \
        if given else done(result, primals)


_PLAIN = Outputs()


def _finish_grad(result: Any, primals: list, *, has_aux: bool, wrt: Wrt, label: str,
                 outputs: Outputs, **_: Any) -> Any:
    if has_aux:
        grads, aux = result
        return check_gradients(grads, primals, wrt, label), output_value(outputs.aux, aux)
    return check_gradients(result, primals, wrt, label)


def _finish_value_and_grad(result: Any, primals: list, *, has_aux: bool, wrt: Wrt, label: str,
                           outputs: Outputs, **_: Any) -> Any:
    value, grads = result
    check_output(value[0] if has_aux else value, label)
    if has_aux:
        value = (value[0], output_value(outputs.aux, value[1]))
    return value, check_gradients(grads, primals, wrt, label)


def _finish_jvp(result: Any, primals: list, *, label: str, outputs: Outputs, **_: Any) -> Any:
    value, tangent, *aux = result
    check_output(value, label)
    tangent = check_output_tangent(tangent, value, label)
    return (output_value(outputs.output, value), output_tangent(outputs.output, tangent, value),
            *(output_value(outputs.aux, a) for a in aux))


def _finish_vjp(result: Any, primals: list, *, has_aux: bool, label: str,
                pullback: Callable[..., Any], outputs: Outputs, **_: Any) -> Any:
    value, residuals = result
    if has_aux:
        value, aux = value
        aux = output_value(outputs.aux, aux)
    check_output(value, label)
    made = pullback(residuals, output=value, primals=primals)
    value = output_value(outputs.output, value)
    return (value, made, aux) if has_aux else (value, made)


_FINISH = {"grad": _finish_grad, "value_and_grad": _finish_value_and_grad, "jvp": _finish_jvp,
           "vjp": _finish_vjp}
