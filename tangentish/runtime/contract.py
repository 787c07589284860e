"""Contractions: what the adjoints of ``einsum``, ``tensordot``, ``kron`` and ``convolve`` need.

The adjoints themselves are plain NumPy calls (``np.einsum(<subscripts>, g, y)``,
``np.tensordot(g, b, <axes>)``); the helpers here compute the subscripts and axes (integers and
strings, which carry no derivative) or do the one rearrangement NumPy cannot say in one call.
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np

from ..errors import UnsupportedConstructError
from ._common import _gradient_dtype, _scalar_if_0d, _shape
from .broadcast import unbroadcast

# -- einsum ------------------------------------------------------------------------------------------

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"  # (string.ascii_letters)


def _parse(subscripts: Any, operands: tuple) -> tuple[list[str], str]:
    """Input and output letters of an einsum, with ``...`` spelled out per operand."""
    text = einsum_checked(subscripts).replace(" ", "")
    inputs_text, arrow, output = text.partition("->")
    inputs = inputs_text.split(",")
    if len(inputs) != len(operands):
        raise UnsupportedConstructError(
            f"np.einsum subscripts {subscripts!r} name {len(inputs)} operands, got {len(operands)}")
    spare = [c for c in _LETTERS if c not in text]
    widths = [np.ndim(op) - len(s.replace("...", "")) for s, op in zip(inputs, operands,
                                                                      strict=True)]
    extra = max([w for s, w in zip(inputs, widths, strict=True) if "..." in s], default=0)
    dots = "".join(spare[:extra])
    expanded = [s.replace("...", dots[extra - w:] if w else "") for s, w in zip(inputs, widths,
                                                                               strict=True)]
    if arrow:
        output = output.replace("...", dots)
    else:
        letters = "".join(s.replace("...", "") for s in inputs)
        output = dots + "".join(sorted(c for c in set(letters) if letters.count(c) == 1))
    return expanded, output


def einsum_checked(subscripts: Any) -> str:
    """``subscripts`` when it is a subscripts string; the interleaved form is refused."""
    if not isinstance(subscripts, str):
        raise UnsupportedConstructError(
            "np.einsum is differentiated in its subscripts-string form only (not interleaved)",
            hint="write np.einsum('ij,jk->ik', a, b) instead of the interleaved form")
    return subscripts


def _unique(letters: str) -> str:
    return "".join(dict.fromkeys(letters))


def _kept(inputs: list[str], output: str, k: int) -> str:
    """Letters of operand ``k`` that the output or another operand also has."""
    others = output + "".join(s for i, s in enumerate(inputs) if i != k)
    return "".join(c for c in _unique(inputs[k]) if c in others)


def _sizes(inputs: list[str], operands: tuple) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for letters, op in zip(inputs, operands, strict=True):
        for c, n in zip(letters, _shape(op), strict=True):
            sizes[c] = max(sizes.get(c, 1), n)
    return sizes


def _given(*operands: Any) -> tuple:
    """The operands a call passed (the rules pass up to five, ``None`` for the others)."""
    return tuple(op for op in operands if op is not None)


def einsum_adjoint_subscripts(subscripts: Any, k: int, x: Any, y: Any = None, z: Any = None,
                              w: Any = None, v: Any = None) -> str:
    """Subscripts of ``np.einsum(<these>, g, *others)``: the gradient of operand ``k`` over the
    letters it shares with the output and the other operands (see :func:`einsum_spread`)."""
    inputs, output = _parse(subscripts, _given(x, y, z, w, v))
    others = [s for i, s in enumerate(inputs) if i != k]
    return ",".join([output, *others]) + "->" + _kept(inputs, output, k)


def einsum_spread(value: Any, subscripts: Any, k: int, x: Any, y: Any = None, z: Any = None,
                  w: Any = None, v: Any = None) -> Any:
    """``value`` (over operand ``k``'s shared letters) brought to operand ``k``'s shape: summed
    where the operand had length 1 and was broadcast, repeated along letters only it has, and
    written on the diagonal where it repeats a letter (``'ii->i'``)."""
    operands = _given(x, y, z, w, v)
    inputs, output = _parse(subscripts, operands)
    letters, kept = inputs[k], _kept(inputs, output, k)
    unique = _unique(letters)
    own = dict(zip(letters, _shape(operands[k]), strict=True))
    value = np.asarray(value, dtype=np.result_type(value, _gradient_dtype(operands[k])))
    stretched = tuple(i for i, c in enumerate(kept) if own[c] == 1 and value.shape[i] != 1)
    if stretched:
        value = value.sum(axis=stretched, keepdims=True)
    value = value.reshape(value.shape + (1,) * (len(unique) - len(kept)))
    order = list(kept) + [c for c in unique if c not in kept]
    value = np.broadcast_to(np.transpose(value, [order.index(c) for c in unique]),
                            [own[c] for c in unique])
    if len(unique) == len(letters):
        return _scalar_if_0d(np.transpose(value, [unique.index(c) for c in letters]).copy())
    out = np.zeros([own[c] for c in letters], dtype=value.dtype)
    grid = np.ogrid[tuple(slice(own[c]) for c in unique)]
    out[tuple(grid[unique.index(c)] for c in letters)] = value
    return out


def einsum_gather(c: Any, subscripts: Any, k: int, x: Any, y: Any = None, z: Any = None,
                  w: Any = None, v: Any = None) -> Any:
    """The transpose of :func:`einsum_spread`: ``c`` (shaped like operand ``k``) read on its
    diagonals, summed over the letters only it has, broadcast over the others' lengths."""
    operands = _given(x, y, z, w, v)
    inputs, output = _parse(subscripts, operands)
    kept = _kept(inputs, output, k)
    sizes = _sizes(inputs, operands)
    reduced = np.einsum(f"{inputs[k]}->{kept}", c)
    return np.array(np.broadcast_to(reduced, [sizes[x] for x in kept]))


# -- tensordot ---------------------------------------------------------------------------------------


def _tensordot_axes(a: Any, b: Any, axes: Any) -> tuple[list[int], list[int]]:
    na, nb = np.ndim(a), np.ndim(b)
    if np.ndim(axes) == 0:
        n = int(axes)
        return list(range(na - n, na)), list(range(n))
    first, second = axes
    first = [int(i) % na for i in np.atleast_1d(first)]
    second = [int(i) % nb for i in np.atleast_1d(second)]
    return first, second


def tensordot_adjoint_axes(a: Any, b: Any, axes: Any, k: int) -> tuple[list[int], list[int]]:
    """``axes`` of the ``np.tensordot`` giving the adjoint of operand ``k`` (0: ``a``, 1: ``b``) of
    ``np.tensordot(a, b, axes)``: ``tensordot(g, b, ...)`` or ``tensordot(a, g, ...)``."""
    ax_a, ax_b = _tensordot_axes(a, b, axes)
    free_a = [i for i in range(np.ndim(a)) if i not in ax_a]
    free_b = [j for j in range(np.ndim(b)) if j not in ax_b]
    g_ndim = len(free_a) + len(free_b)
    if k == 0:
        return list(range(len(free_a), g_ndim)), free_b
    return free_a, list(range(len(free_a)))


def tensordot_adjoint_order(a: Any, b: Any, axes: Any, k: int) -> list[int]:
    """The permutation that puts that adjoint's axes in operand ``k``'s order."""
    ax_a, ax_b = _tensordot_axes(a, b, axes)
    if k == 0:
        free = [i for i in range(np.ndim(a)) if i not in ax_a]
        raw = free + [ax_a[i] for i in np.argsort(ax_b)]
    else:
        free = [j for j in range(np.ndim(b)) if j not in ax_b]
        raw = [ax_b[i] for i in np.argsort(ax_a)] + free
    return [int(i) for i in np.argsort(raw)]


# -- kron and convolve -------------------------------------------------------------------------------


def _kron_blocks(g: Any, a: Any, b: Any) -> tuple[np.ndarray, tuple, tuple, int]:
    ndim = max(np.ndim(a), np.ndim(b))
    sa = (1,) * (ndim - np.ndim(a)) + tuple(_shape(a))
    sb = (1,) * (ndim - np.ndim(b)) + tuple(_shape(b))
    return np.reshape(g, [n for pair in zip(sa, sb, strict=True) for n in pair]), sa, sb, ndim


def unkron_left(g: Any, a: Any, b: Any) -> Any:
    """Adjoint of ``np.kron(a, b)`` with respect to ``a``: each block of ``g`` contracted with ``b``."""
    blocks, _, sb, ndim = _kron_blocks(g, a, b)
    out = np.tensordot(blocks, np.reshape(b, sb), axes=(list(range(1, 2 * ndim, 2)),
                                                         list(range(ndim))))
    return _scalar_if_0d(np.reshape(out, _shape(a)))


def unkron_right(g: Any, a: Any, b: Any) -> Any:
    """Adjoint of ``np.kron(a, b)`` with respect to ``b``: the blocks of ``g`` weighted by ``a``."""
    blocks, sa, _, ndim = _kron_blocks(g, a, b)
    out = np.tensordot(blocks, np.reshape(a, sa), axes=(list(range(0, 2 * ndim, 2)),
                                                         list(range(ndim))))
    return _scalar_if_0d(np.reshape(out, _shape(b)))


def unconvolve(g: Any, a: Any, v: Any, mode: str = "full") -> np.ndarray:
    """Adjoint of ``np.convolve(a, v, mode)`` with respect to ``a``: ``g`` placed in the full
    output and correlated with ``v``, in the shape of ``a`` (NumPy takes a 0-d one as 1-d)."""
    m, n = np.size(a), np.size(v)
    full = np.zeros(m + n - 1, dtype=np.result_type(g, _gradient_dtype(a), _gradient_dtype(v)))
    start = {"full": 0, "same": (min(m, n) - 1) // 2, "valid": min(m, n) - 1}[mode]
    full[start:start + np.size(g)] = g
    return np.reshape(np.correlate(full, np.ravel(v), "valid"), np.shape(a))


def uncorrelate_first(g: Any, a: Any, v: Any, mode: str = "valid") -> np.ndarray:
    """Adjoint of ``np.correlate(a, v, mode)`` with respect to ``a``: that of ``np.convolve(a,
    v[::-1], mode)``, except that NumPy correlates a shorter ``a`` as ``v`` with ``a``, reversed,
    whose ``'same'`` window starts one later when ``len(a)`` is even."""
    if mode == "same" and np.size(a) < np.size(v):
        return np.flip(unconvolve(np.flip(g), np.flip(a), v, mode))
    return unconvolve(g, a, np.flip(v), mode)


def uncorrelate_second(g: Any, a: Any, v: Any, mode: str = "valid") -> np.ndarray:
    """Adjoint of ``np.correlate(a, v, mode)`` with respect to ``v`` (see the one of ``a``)."""
    if mode == "same" and np.size(a) < np.size(v):
        return unconvolve(np.flip(g), v, np.flip(a), mode)
    return np.flip(unconvolve(g, v, a, mode))


def cross_reach(a: Any, b: Any, axisa: int = -1, axisb: int = -1, axisc: int = -1,
                axis: Any = None) -> Any:
    """Where ``np.cross(a, b, ...)`` of ``a`` and ``b`` of at least 0 (a mask and ``_rt.weighs``
    of the other operand: a cross product's adjoint) may be non-zero: each component the sum, not
    the difference, of the two products it takes (``a[1] * b[2] + a[2] * b[1]``), so none cancel;
    a vector of length 2 has a third component 0, two of them give the third component alone."""
    if axis is not None:
        axisa = axisb = axisc = axis
    a = np.moveaxis(np.asarray(a, dtype=float), axisa, -1)
    b = np.moveaxis(np.asarray(b, dtype=float), axisb, -1)
    flat = a.shape[-1] == 2 and b.shape[-1] == 2
    a, b = (np.concatenate([v, np.zeros(v.shape[:-1] + (1,))], axis=-1) if v.shape[-1] == 2 else v
            for v in (a, b))
    out = np.stack([a[..., k] * b[..., m] + a[..., m] * b[..., k] for k, m in ((1, 2), (2, 0),
                                                                           (0, 1))], axis=-1)
    return out[..., 2] != 0 if flat else np.moveaxis(out, -1, axisc) != 0


def unpolyval(g: Any, p: Any, x: Any) -> np.ndarray:
    """Adjoint of ``np.polyval(p, x)`` with respect to ``p``: ``sum g * x**(n-1-i)`` for each ``i``."""
    x = np.broadcast_to(x, np.broadcast_shapes(np.shape(x), np.shape(g)))
    powers = np.vander(np.ravel(x), np.size(p))
    return np.ravel(np.broadcast_to(g, x.shape)) @ powers


def unpolyder(g: Any, p: Any, m: int = 1) -> np.ndarray:
    """Adjoint of ``np.polyder(p, m)``: the coefficients' factors transposed."""
    n = np.size(p)
    g = np.ravel(g)
    out = np.zeros(n, dtype=np.result_type(g, _gradient_dtype(p)))
    if n <= m:
        return out
    factors = np.ones(n - m)
    for k in range(m):
        factors = factors * np.arange(n - 1 - k, m - 1 - k, -1)
    out[: n - m] = g[-(n - m):] * factors
    return out


# -- numpy.polynomial series -------------------------------------------------------------------------


def _basis(x: Any, n: int, vander: Any) -> np.ndarray:
    """The ``n`` basis functions of a series kind at ``x``, basis first: ``(n,) + x.shape``."""
    return np.moveaxis(vander(np.asarray(x), n - 1), -1, 0)


def series_at(h: Any, x: Any, vander: Any, tensor: bool = True) -> np.ndarray:
    """``<kind>val(x, h, tensor)`` from the kind's pseudo-Vandermonde matrix ``vander``
    (``chebvander`` for ``chebval``): the series of coefficients ``h`` at ``x``."""
    h = np.asarray(h)
    return _summed(h, _basis(x, len(h), vander), tensor)


def series_slope(h: Any, x: Any, vander: Any, tensor: bool = True) -> np.ndarray:
    """The slope in ``x`` of :func:`series_at` (each point's own): the series of the derivative's
    coefficients, each basis function's derivative at the points weighed by ``h``."""
    h = np.asarray(h)
    return _summed(h, _slopes(x, len(h), vander), tensor)


def _summed(h: np.ndarray, basis: np.ndarray, tensor: bool) -> np.ndarray:
    if tensor:  # h.shape[1:] + x.shape
        return np.tensordot(h, basis, axes=(0, 0))
    return sum(h[k] * basis[k] for k in range(len(h)))  # (the two broadcast)


def _slopes(x: Any, n: int, vander: Any) -> np.ndarray:
    """The derivatives of the ``n`` basis functions of ``vander``'s kind at ``x``, basis first
    (the kind's ``<kind>der`` beside its ``<kind>vander``: ``chebder`` for ``chebvander``)."""
    der = getattr(sys.modules[vander.__module__], vander.__name__.replace("vander", "der"))
    return np.moveaxis(vander_slopes(np.asarray(x), n - 1, vander, der), -1, 0).reshape(
        (n,) + np.shape(x))


def series_coefficients(c: Any) -> np.ndarray:
    """The coefficients a ``numpy.polynomial`` series object keeps of ``c`` (``Polynomial(c)``,
    ``Chebyshev(c)``...: passes/series_objects.py): NumPy's own conversion, a 1-d array of
    at least one float (or complex) coefficient, raising NumPy's ``ValueError`` for anything
    else (a 2-d array: ``polyval`` would read it as several series)."""
    from numpy.polynomial import polyutils

    return polyutils.as_series([c], trim=False)[0]


def unseries(g: Any, x: Any, c: Any, vander: Any, tensor: bool = True) -> np.ndarray:
    """Adjoint of ``<kind>val(x, c, tensor)`` in its coefficients ``c``: each coefficient's
    basis function at the points times ``g``, summed over the points (``tensor``: ``g`` is
    ``c.shape[1:] + x.shape``; otherwise the two broadcast)."""
    c = np.asarray(c)
    return _unsummed(g, c, _basis(x, len(c), vander), tensor)


def unseries_slope(g: Any, x: Any, c: Any, vander: Any, tensor: bool = True) -> np.ndarray:
    """Adjoint of :func:`series_slope` in its coefficients (``c`` gives their shape): each basis
    function's derivative at the points times ``g``, summed over the points."""
    c = np.asarray(c)
    return _unsummed(g, c, _slopes(x, len(c), vander), tensor)


def _unsummed(g: Any, c: np.ndarray, basis: np.ndarray, tensor: bool) -> np.ndarray:
    if tensor:
        g = np.broadcast_to(g, c.shape[1:] + basis.shape[1:])
        points = list(range(c.ndim - 1, g.ndim))
        out = np.tensordot(basis, g, axes=(list(range(1, basis.ndim)), points))
    else:
        out = np.stack([unbroadcast(np.asarray(g) * b, c[0]) for b in basis])
    return out.astype(_gradient_dtype(c), copy=False)


def unseries_der(g: Any, c: Any, der: Any, m: int = 1, scl: Any = 1, axis: int = 0) -> np.ndarray:
    """Adjoint of ``<kind>der(c, m, scl, axis)`` (``der`` the kind's, ``chebder``...): the
    derivative's matrix, read off the unit coefficient vectors, transposed."""
    c = np.asarray(c)
    n = c.shape[axis]
    matrix = der(np.eye(n), m, scl, 0)  # (rows of the derivative, n)
    out = np.tensordot(matrix, np.moveaxis(np.asarray(g), axis, 0), axes=(0, 0))
    return np.moveaxis(out, 0, axis).astype(_gradient_dtype(c), copy=False)


def vander_slopes(x: Any, deg: Any, vander: Any, der: Any, m: int = 1) -> np.ndarray:
    """The ``m``-th derivative in ``x`` of each column of ``vander(x, deg)``, a kind's
    pseudo-Vandermonde matrix (``legvander`` with ``der`` its ``legder``): basis function ``k``'s
    ``m``-th derivative at the points, the series of ``der(e_k, m)`` (0 past the degree); of
    the matrix's shape (a number's is ``(1, deg + 1)``, as NumPy makes it)."""
    x, n = np.atleast_1d(x), int(deg) + 1
    if n <= m:
        return np.zeros(x.shape + (n,), dtype=np.result_type(x, 1.0))
    basis = vander(x, n - 1 - m)
    matrix = der(np.eye(n), m, 1, 0)  # (n - m, n): column k holds the m-th derivative of B_k
    return basis @ matrix.astype(basis.dtype, copy=False)  # (float32 points: float32 slopes)
