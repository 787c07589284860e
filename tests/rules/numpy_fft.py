"""Rule-table rows of ``tangentish/rules/numpy_fft.py`` (the transforms: ``n``/``s``, ``axis``/
``axes`` and each ``norm``) and ``tangentish/rules/complex_forms.py`` (each operation a complex
value may meet), real losses of real inputs: ``sum(abs(F(x)) ** 2 * w)`` and
``sum(real(F(x)) * a + imag(F(x)) * b)``; second order through them as well (the rules of the
helpers the adjoints call: ``ff_helpers``)."""

from __future__ import annotations

import numpy as np

from tangentish import runtime as rt

from .common import W3, W4, W6, W33, W34, Row

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


def ff_helpers(x):  # x of shape (8,): the helpers complex adjoints call, as a gradient calls them
    z = np.fft.rfft(x) + 0.5j
    back = rt.dft_adjoint(z * W6[:5], x, "rfft", None, -1, None)
    ahead = rt.dft(x * x, z, x, "rfft", None, -1, "ortho")
    unit = rt.phase(z, np.abs(z)) + rt.angle_partial(z, False)
    return (np.sum(back * np.arange(8.0)) + np.sum(np.abs(ahead) ** 2 * W6[:5])
            + np.sum(rt.onto(unit * rt.real_seed(x[:5]), z).imag) + np.sum(rt.onto(z, x[0])))


ROWS: list[Row] = [
    Row(ff_power, ((8,),)),
    Row(ff_parts, ((3, 4),)),
    Row(ff_filter, ((8,),)),
    Row(ff_two, ((3, 4),)),
    Row(ff_many, ((3, 4),)),
    Row(ff_ops, ((3, 4),), domain=(0.5, 2.0)),
    Row(ff_helpers, ((8,),)),
]
