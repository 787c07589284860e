"""Rule-table rows of ``tangentish/rules/numpy_fft.py`` (the transforms: ``n``/``s``, ``axis``/
``axes`` and each ``norm``) and ``tangentish/rules/complex_forms.py`` (each operation a complex
value may meet), real losses of real inputs: ``sum(abs(F(x)) ** 2 * w)`` and
``sum(real(F(x)) * a + imag(F(x)) * b)``; second order through them as well (the rules of the
helpers the adjoints call: ``ff_helpers``)."""

from __future__ import annotations

import numpy as np

from tangentish import runtime as rt

from .common import W2, W3, W4, W6, W33, W34, W43, Row

_rng = np.random.default_rng(5750)
C34 = _rng.standard_normal((3, 4)) + 1j * _rng.standard_normal((3, 4))
W53 = _rng.standard_normal((5, 3))


def ff_power(x):  # x of shape (8,): a power spectrum, the signal cut and zero-padded
    return (np.sum(np.abs(np.fft.rfft(x, n=10)) ** 2 * W6)
            + np.sum(np.abs(np.fft.fft(x, 6, norm="ortho")) ** 2 * W6))


def ff_parts(x):  # x of shape (3, 4): real and imaginary parts along either axis
    z = np.fft.fft(x, axis=0)
    w = np.fft.ifft(x, n=3, norm="forward")
    return np.sum(np.real(z) * W34 + np.imag(z) * C34.real) + np.sum(w.real * W33 + w.imag * W33.T)


def ff_filter(x):  # x of shape (8,): a spectral filter and a complex-input irfft
    h = np.exp(-np.arange(5) / 2.0)
    y = np.fft.irfft(np.fft.rfft(x) * h, 8)
    u = np.fft.irfft(np.fft.fft(x)[:4] * 1j, 7, norm="ortho")
    return np.sum(y * np.arange(8.0)) + np.sum(u ** 2)


def ff_two(x):  # x of shape (3, 4): the two-axis transforms
    z = np.fft.fft2(x) + np.fft.ifft2(x, s=(2, 5))[:, :4].sum()
    r = np.fft.rfft2(x, norm="ortho")
    y = np.fft.irfft2(r * C34[:, :3], s=(3, 4))
    return np.sum(np.abs(z) ** 2 * W34) + np.sum(y * W34)


def ff_many(x):  # x of shape (3, 4): the n-axis transforms, axes and s
    z = np.fft.fftn(x, axes=(1,)) * np.fft.ifftn(x, s=(3, 4), axes=(0, 1), norm="forward")
    r = np.fft.rfftn(x, s=(5, 4), axes=(0, 1))
    y = np.fft.irfftn(r, s=(5, 6), axes=(0, 1))
    return np.sum(np.real(z) * W34) + np.sum(np.imag(r) * W53) + np.sum(y * W6)


def ff_ops(x):  # x of shape (3, 4): each operation a complex value may meet
    z = np.fft.fft(x)
    w = (z * np.conj(z) - 2j * z) / (z + 3.0) - 0.5 * x
    v = np.negative(np.multiply(w, 1j)) + np.divide(np.add(z, x), np.subtract(z, 4.0 - 1j))
    u = np.exp(1j * x) * np.square(z) ** 2 + np.power(v, 3) + abs(-z) + z.conj()
    shifted = np.fft.fftshift(u).T.reshape(2, 6).ravel()
    return (np.sum(np.abs(u) * W34) + np.sum(np.angle(v + 1.0) * W34) + np.sum(shifted.imag)
            + np.sum(np.mean(z, axis=0).real * W4) + np.sum(z[1:, 2] * W3[:2]).real
            + np.sum(np.angle(z[0], deg=True) * W4) + np.sum(np.real(z.sum(axis=1) / 7.0)))


def ff_hermitian(x):  # x of shape (8,): ihfft cut to n, hfft of a complex input to n, normed
    y = np.fft.hfft(np.fft.ihfft(x, 6) * (1.0 + 0.5j), 7, norm="ortho")
    return np.sum(np.sin(y[:6]) * W6) + y[6]


def ff_helpers(x):  # x of shape (8,): the helpers complex adjoints call, as a gradient calls them
    z = np.fft.rfft(x) + 0.5j
    back = rt.dft_adjoint(z * W6[:5], x, "rfft", None, -1, None)
    ahead = rt.dft(x * x, z, x, "rfft", None, -1, "ortho")
    unit = rt.phase(z, np.abs(z)) + rt.angle_partial(z, False)
    kept = x[:5] > 0.0  # (a singular partial's quotient on its support: 0 / 0 off it)
    ratio = rt.divided(kept, x[:5] * z, np.where(kept, z + 2.0, 0.0)) + rt.divided(
        x[3:] < 0.5, x[3:], z + 3.0)
    return (np.sum(back * np.arange(8.0)) + np.sum(np.abs(ahead) ** 2 * W6[:5])
            + np.sum(ratio.real * W6[:5] + ratio.imag)
            + np.sum(rt.onto(unit * rt.real_seed(x[:5]), z).imag) + np.sum(rt.onto(z, x[0]))
            + np.sum(rt.part_of(z, x).real * W6[:5]) + np.sum(rt.part_of(z, z).imag))


def cx_joins(x):  # x of shape (3, 4): joins, where and products of complex and real values
    z = np.exp(1j * x)
    both = np.concatenate([z, x[:1]]) @ np.conj(z.T) + np.stack((x[0], z[1]), axis=1) @ C34[:2, :3]
    kept = np.where(x > 0.0, z * W34, x ** 2) + np.matmul(x[:, :3], z) - np.dot(z[0], x[1])
    sides = np.hstack([z[0], x[1]]).reshape(2, 4) * np.vstack((x[2], z[1]))
    return (np.sum(np.abs(both) ** 2 * W43) + np.sum(kept.real * W34 + kept.imag * W34[::-1])
            + np.sum(sides.imag * W2[:, None]))


def cx_sources(x):  # x of shape (6,): complex values made from reals, written and cast
    z = complex(x[0], x[1]) * np.complex128(x[2]) + 1j * x[3]
    a = np.array([z, x[4], x[5] * 1j], dtype=complex) * np.asarray(x[:3], dtype=complex)
    spectrum = np.zeros(4, dtype=complex)
    spectrum[1:] = a * x[3:]
    spectrum[0] = x[0]
    spectrum[::2] *= np.exp(1j * x[4:])
    r = x.astype(complex)
    r[1:3] = r[1:3] @ (np.exp(1j * x[:2, None]) * x[2:4])
    r[2] = z
    return np.sum(np.abs(np.fft.ifft(spectrum)) ** 2 * W4) + np.sum(np.angle(r + 3.0) * W6)


def cx_product_helpers(x):  # x of shape (3, 4): the helpers of products' adjoints, complex
    z = np.exp(1j * x)
    left = rt.matmul_left(z * W34, x[:, :3], z) + rt.dot_left(z[1], x[0, :3], z)
    right = rt.matmul_right(z * W34, x[:, :3], z) * rt.dot_right(z[2], z[0, :3], x)
    return np.sum(np.abs(left) ** 2 * W33) + np.sum(right.real * W34 + right.imag * W34[::-1])


def cx_holomorphic(x):  # x of shape (6,): the holomorphic forms, away from their branch cuts
    z = x * (0.6 + 0.3j) + 0.2j
    w = (np.sqrt(z) * W6 + np.log(z) + np.log2(z) * 1j - np.log10(z) + np.log1p(z) * W6
         + np.expm1(z) * 1j + np.sin(z) - np.cos(z) * W6 + np.tan(z) + np.sinh(z) * 1j)
    v = (np.cosh(z) + np.tanh(z) * W6 + np.arcsin(z) * 1j + np.arccos(z) + np.arctan(z) * W6
         - np.arcsinh(z) + np.arccosh(z) * 1j + np.arctanh(z) + np.reciprocal(z) * W6)
    return np.sum(w.real * W6 + w.imag) + np.sum(np.abs(v) ** 2 * W6)


S6 = np.array([1.0, -1.0, 1.0, -1.0, -1.0, 1.0])


def cx_scimath(x):  # x of shape (6,) in (0.5, 2): np.emath's on both sides of their domains
    # (power and logn: rules/complex_scimath.py)
    u = x * S6
    w = (np.emath.sqrt(u) * W6 + np.emath.log(u) + np.emath.log2(u) * 1j + np.emath.log10(u)
         + np.emath.arcsin(0.4 * u) + np.emath.arcsin(2.5 * u) * W6 + np.emath.arccos(2.5 * u)
         + np.emath.arccos(0.4 * u) * 1j + np.emath.arctanh(0.4 * u) + np.emath.arctanh(2.5 * u)
         + np.emath.power(u, 0.5 * x) * W6 + np.emath.logn(x + 1.0, u) * 1j)  # (both operands)
    return np.sum(w.real * W6 + w.imag) + np.sum(np.abs(w) ** 2)


def cx_products(x):  # x of shape (6,): vdot, real_if_close, the 2-norm, cumsum, recast, unonto
    z = np.exp(1j * x) * x
    w = x[::-1] + 2j * x
    dots = np.vdot(z, w) + np.vdot(w[:3], x[:3]) * 1j
    kept = np.real_if_close(z * np.conj(z)) + np.linalg.norm(z * W6) + np.linalg.norm(w.reshape(2, 3))
    cast = rt.recast(z * W6, x, complex) + rt.recast(x * x, z) + rt.unonto(x * W6, z, x)
    return (np.abs(dots) ** 2 + np.sum(kept * W6) + np.sum(np.abs(np.cumsum(z * w)) * W6)
            + np.sum(cast.real * W6 + cast.imag))


def cx_polyval(x):  # x of shape (6,): polyval of complex coefficients or points, norm over an axis
    c = x[:3] * (1.0 + 0.5j)
    p = np.polyder(np.poly(np.array([1.0 + 2j, 1.0 - 2j, 0.5])))
    z = np.reshape(x, (2, 3)) * np.exp(1j * np.reshape(x, (2, 3)))
    return (np.abs(np.polyval(c, 0.5 + 0.2j)) + np.sum(np.polyval(p, x).real * W6)
            + np.sum(np.abs(np.polyval(c, x + 1j)) * W6) + np.sum(np.linalg.norm(z, axis=1) * W2))


def cx_squared_magnitudes(x):  # x of shape (3, 4): |z| ** 2 as _rt.squared_magnitude, real and
    z = np.fft.rfft(x, axis=1)  # complex (passes/squared_magnitudes.py: smooth at 0)
    return (np.sum(np.abs(z) ** 2 * W33) + np.linalg.norm(x, axis=0) ** 2 @ W4
            + np.sum(np.hypot(x[0], x[1]) ** 2 * W4) + np.sum(rt.squared_magnitude(x[2]) * W4)
            + np.sum(rt.squared_hypot(x[2], x[0]) * W4) + rt.squared_distance(x[1], x[2])
            + rt.squared_as(np.sum(x[1] * x[1])) + rt.squared_hypot(x[0, 0], x[2, 1], "{} ** 2.0"))


ROWS: list[Row] = [
    Row(cx_squared_magnitudes, ((3, 4),)),
    Row(ff_power, ((8,),)),
    Row(ff_parts, ((3, 4),)),
    Row(ff_filter, ((8,),)),
    Row(ff_two, ((3, 4),)),
    Row(ff_many, ((3, 4),)),
    Row(ff_ops, ((3, 4),), domain=(0.5, 2.0)),
    Row(ff_helpers, ((8,),)),
    Row(ff_hermitian, ((8,),)),
    Row(cx_joins, ((3, 4),)),
    Row(cx_sources, ((6,),)),
    Row(cx_product_helpers, ((3, 4),)),
    Row(cx_holomorphic, ((6,),), domain=(0.5, 1.5)),
    Row(cx_scimath, ((6,),), domain=(0.5, 2.0)),
    Row(cx_products, ((6,),)),
    # (the helpers of polyval's and of norm's adjoints over an axis have no complex rules)
    Row(cx_polyval, ((6,),), refuses_second_order="may be complex"),
]
