"""Complex intermediates of a real function (see ``passes/complex_paths.py`` for the convention):
the adjoint of a complex value ``z`` is ``dL/dRe(z) + 1j * dL/dIm(z)``, and a real operand takes
the real part of what reaches it.  The adjoints of ``np.fft``'s transforms are transforms too:
the adjoint of a DFT is the inverse DFT with the other normalization (``"backward"`` and
``"forward"`` swap, ``"ortho"`` stays), cut or zero-padded back to the input's length."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..errors import UnsupportedValueError
from ._common import _is_complex, _shape, _zero_padded
from .broadcast import fit, unbroadcast
from .items import settle

_DUAL = {None: "forward", "backward": "forward", "forward": "backward", "ortho": "ortho"}
_HERMITIAN = {"hfft": "irfft", "ihfft": "rfft"}
"""NumPy's definitions of the Hermitian transforms: ``hfft(a)`` is ``irfft(np.conj(a))`` and
``ihfft(a)`` is ``np.conj(rfft(a))``, each with the other normalization."""


def onto(grad: Any, like: Any) -> Any:
    """``grad`` summed to ``like``'s shape; its real part if ``like`` is real (the adjoint of a
    real operand of a complex operation: the imaginary part is the derivative along a direction
    the real operand cannot move in).  For a list or tuple ``like`` (the arrays ``np.concatenate``
    joins, the numbers ``np.array`` gathers), ``grad`` holds one adjoint per item, each taken onto
    its item."""
    if isinstance(like, (list, tuple)):
        return settle([onto(grad[i], item) for i, item in enumerate(like)])
    grad = unbroadcast(grad, like)
    return _as(grad if _is_complex(like) else np.real(grad), like)


def unonto(g: Any, grad: Any, like: Any) -> Any:
    """The adjoint of ``onto(grad, like)`` in ``grad`` at ``g`` (``like``'s form): ``g`` spread
    to ``grad``'s shape, its real part where ``grad`` is real; for a list or tuple ``like``, item
    by item, in ``grad``'s form (a list, or as :func:`.items.settle` makes one)."""
    if isinstance(like, (list, tuple)):
        items = [unonto(g[i], grad[i], item) for i, item in enumerate(like)]
        return items if isinstance(grad, (list, tuple)) else settle(items)
    return onto(fit(g, grad), grad)


def part_of(value: Any, into: Any) -> Any:
    """``value``, or its real part where the array ``into`` it is written into is real (NumPy
    keeps the real part there: the tangent of ``a[b] = v`` of a real ``a`` and a complex ``v``)."""
    return np.real(value) if isinstance(into, np.ndarray) and not _is_complex(into) else value


def _as(grad: Any, like: Any) -> Any:
    """``grad`` in ``like``'s dtype where ``like`` is an inexact array (a float32 input's
    gradient is float32, as the real rules' are)."""
    dtype = getattr(like, "dtype", None)
    if dtype is None or dtype.kind not in "fc" or getattr(grad, "dtype", dtype) == dtype:
        return grad
    return np.asarray(grad).astype(dtype, copy=False)[()]


def real_seed(grad: Any) -> Any:
    """``grad`` unchanged if real: the adjoint of a real value (``z.real``, ``np.abs(z)``) is
    real, unless a complex number reached it along a path the transform could not see (a complex
    argument that is not differentiated, met by a rule written for real numbers): that raises."""
    if _is_complex(grad):
        raise UnsupportedValueError(
            "a complex derivative reached a real value: a complex number came onto the "
            "differentiated path where tangentish could not see it (an argument that is not "
            "differentiated holding complex numbers?)", hint="pass complex constants as their "
            "real and imaginary parts, or build them inside the function (np.fft, 1j)")
    return grad


def phase(z: Any, r: Any) -> Any:
    """``z / r`` (``r = abs(z)`` in the adjoint of ``abs``, per unit of seed), 0 where ``r`` is 0
    (the convention of norms at 0, as ``ratio``), complex kept complex."""
    zero = np.equal(r, 0)
    return np.where(zero, 0.0, np.divide(z, np.where(zero, 1.0, r)))[()]


_WRITTEN = {  # the spellings of a magnitude squared passes/squared_magnitudes.py lowers
    "np.abs(z) ** 2": lambda z: np.abs(z) ** 2,
    "np.abs(z) ** 2.0": lambda z: np.abs(z) ** 2.0,
    "np.square(np.abs(z))": lambda z: np.square(np.abs(z)),
    "np.power(np.abs(z), 2)": lambda z: np.power(np.abs(z), 2),
    "np.power(np.abs(z), 2.0)": lambda z: np.power(np.abs(z), 2.0),
    "abs(z) ** 2": lambda z: abs(z) ** 2,
    "abs(z) ** 2.0": lambda z: abs(z) ** 2.0,
    "np.square(abs(z))": lambda z: np.square(abs(z)),
    "np.power(abs(z), 2)": lambda z: np.power(abs(z), 2),
    "np.power(abs(z), 2.0)": lambda z: np.power(abs(z), 2.0),
}


def squared_magnitude(z: Any, written: str = "np.abs(z) ** 2") -> Any:
    """``abs(z) ** 2`` computed as ``written`` says (so of the type, dtype and value the function
    computes: ``np.abs(1.0) ** 2`` a float64, ``abs(1.0) ** 2`` a Python float, float32 squared
    in float64 under NumPy 1's scalar promotion), and differentiated as ``Re(z)**2 + Im(z)**2``,
    smooth at 0 where ``abs`` is not (rules/runtime_forms.py): what ``np.abs(z) ** 2`` and
    ``np.linalg.norm(z) ** 2`` (summed, of ``np.asarray(z) * 1.0``) are lowered to
    (``passes/squared_magnitudes.py``), so their second derivative at an exact 0 is 2, not the 0
    of ``sign(0)``."""
    return _WRITTEN[written](z)


def squared_hypot(a: Any, b: Any, written: str = "{} ** 2") -> Any:
    """``np.hypot(a, b) ** 2`` as ``a * a + b * b``, computed in the float dtype ``hypot`` picks
    (float16 for int8, float32 for float32 and a Python float), then of the type the square
    ``written`` gives it (:func:`squared_as`): smooth at ``a = b = 0``, where ``hypot`` is not,
    so its second derivative there is 2, not the 0 of the chain rule through the kink
    (passes/squared_magnitudes.py)."""
    dtype = np.result_type(np.hypot(a, b))
    a, b = np.asarray(a, dtype=dtype), np.asarray(b, dtype=dtype)
    return squared_as((a * a + b * b)[()], written)


_SQUARES = {  # the spellings of a square of a magnitude passes/squared_magnitudes.py lowers
    "{} ** 2": lambda m: m ** 2,
    "{} ** 2.0": lambda m: m ** 2.0,
    "np.square({})": np.square,
    "np.power({}, 2)": lambda m: np.power(m, 2),
    "np.power({}, 2.0)": lambda m: np.power(m, 2.0),
}


def squared_as(total: Any, written: str = "{} ** 2") -> Any:
    """``total``, a sum of squares in the type and dtype of its root (a norm), squared as
    ``written`` squares the root, so of the value and type the function's own has: under NumPy
    1's scalar promotion a float32 NumPy scalar ``** 2`` (or ``np.power(m, 2)``) is a float64,
    ``np.square(m)`` a float32; under NumPy 2 all three are float32 (an array keeps its dtype
    under every square).  Its derivative is the identity's (rules/runtime_forms.py)."""
    return _SQUARES[written](np.sqrt(total))


def squared_distance(p: Any, q: Any) -> float:
    """``math.dist(p, q) ** 2`` as the sum of the squared differences, a Python float (smooth
    where the points meet, as :func:`squared_hypot`); ``math.dist`` itself checks the points
    first (two of the same length)."""
    math.dist(p, q)
    diff = np.array(p, dtype=float) - np.array(q, dtype=float)
    return float(np.sum(diff * diff))


def angle_partial(z: Any, deg: Any) -> Any:
    """``1j * z / abs(z) ** 2`` (times 180/pi for degrees), 0 at 0: the adjoint of ``np.angle``
    per unit of seed (d angle = Im(dz / z))."""
    r2 = np.real(z * np.conj(z))
    zero = np.equal(r2, 0)
    out = np.where(zero, 0.0, np.divide(1j * z, np.where(zero, 1.0, r2)))
    return (out * (180.0 / np.pi) if deg else out)[()]


def _plan(x: Any, s: Any, axes: Any) -> tuple[tuple[int, ...], tuple[int, ...] | None]:
    """NumPy's axes of a transform of ``x`` from its ``s``/``n`` and ``axes``/``axis`` (ints
    or sequences), non-negative, and the lengths ``s`` (None: the input's own)."""
    ndim = len(_shape(x))
    s = None if s is None else (s,) if np.ndim(s) == 0 else tuple(s)
    if axes is None:
        axes = range(ndim) if s is None else range(ndim - len(s), ndim)
    axes = (axes,) if np.ndim(axes) == 0 else tuple(axes)
    return tuple(int(a) % ndim for a in axes), s


def _fit(value: np.ndarray, shape: tuple[int, ...], axes: tuple[int, ...]) -> np.ndarray:
    """``value`` cut or zero-padded at the end of each of ``axes`` to ``shape``'s length there
    (the adjoint of the padding or cutting a transform of length ``n`` does to its input)."""
    for axis in axes:
        have, want = value.shape[axis], shape[axis]
        if have > want:
            value = value[(slice(None),) * axis + (slice(0, want),)]
        elif have < want:
            value = _zero_padded(value, axis, 0, want - have)
    return value


def dft_adjoint(grad: Any, x: Any, kind: str, s: Any, axes: Any, norm: Any) -> Any:
    """The adjoint of ``np.fft.<kind>n(x, s, axes, norm)`` (``kind``: fft, ifft, rfft, irfft;
    the one-axis and two-axis forms with their ``n``/``axis`` as ``s``/``axes``; hfft and ihfft,
    through :data:`_HERMITIAN`, the adjoint of ``np.conj`` being ``np.conj``) at ``grad``."""
    if kind == "hfft":
        return np.conj(dft_adjoint(grad, x, _HERMITIAN[kind], s, axes, _DUAL[norm]))
    if kind == "ihfft":
        return dft_adjoint(np.conj(grad), x, _HERMITIAN[kind], s, axes, _DUAL[norm])
    axes, s = _plan(x, s, axes)
    dual, grad, shape = _DUAL[norm], np.asarray(grad), _shape(x)
    if kind == "irfft":  # x = irfft(X): X's adjoint is rfft(g), interior frequencies counted twice
        real_seed(grad)
        n = grad.shape[axes[-1]]
        out = np.fft.rfftn(grad, axes=axes, norm=dual)
        twice = np.full(out.shape[axes[-1]], 2.0)
        twice[0] = 1.0
        if n % 2 == 0:
            twice[-1] = 1.0
        out = out * twice.reshape((-1,) + (1,) * (out.ndim - axes[-1] - 1))
    else:
        if kind == "rfft":  # the half spectrum it kept, the rest zeros: the full spectrum's adjoint
            n = s[-1] if s is not None else shape[axes[-1]]
            grad = _zero_padded(grad, axes[-1], 0, n - grad.shape[axes[-1]])
        back = np.fft.fftn if kind == "ifft" else np.fft.ifftn
        out = back(grad, axes=axes, norm=dual)
    out = _fit(out, shape, axes)
    return _as(out if _is_complex(x) else np.real(out), x)


def dft(value: Any, grad: Any, x: Any, kind: str, s: Any, axes: Any, norm: Any) -> Any:
    """``np.fft.<kind>n`` of ``value`` (shaped as ``x``) to ``grad``'s lengths: the transform
    whose adjoint ``dft_adjoint(grad, x, kind, s, axes, norm)`` is (its own adjoint: a derivative
    of a derivative).  Real where ``grad`` is real."""
    if kind == "hfft":
        return dft(np.conj(value), grad, x, _HERMITIAN[kind], s, axes, _DUAL[norm])
    if kind == "ihfft":
        return np.conj(dft(value, grad, x, _HERMITIAN[kind], s, axes, _DUAL[norm]))
    axes, s = _plan(x, s, axes)
    lengths = [np.shape(grad)[a] for a in axes]
    if kind == "rfft":  # (grad holds the half spectrum: the signal's length is n)
        lengths[-1] = s[-1] if s is not None else _shape(x)[axes[-1]]
    forward = {"fft": np.fft.fftn, "ifft": np.fft.ifftn, "rfft": np.fft.rfftn,
               "irfft": np.fft.irfftn}[kind]
    out = forward(value, s=lengths, axes=axes, norm=norm)
    return _as(out if _is_complex(grad) else np.real(out), grad)
