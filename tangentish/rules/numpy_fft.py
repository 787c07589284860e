"""``np.fft``: the transforms, linear maps whose adjoints are transforms (``_rt.dft_adjoint``),
and the rearrangements.  Their values are complex: ``passes/complex_paths.py`` states the
convention (the adjoint of a complex ``z`` is ``dL/dRe(z) + 1j * dL/dIm(z)``) and lets a complex
value meet only operations whose rules follow it.  ``hfft``/``ihfft`` are NumPy's ``irfft``/``rfft``
with a conjugate and the other normalization (``_rt.dft_adjoint``'s ``"hfft"``/``"ihfft"``).

NumPy 2 imports ``numpy.fft`` on first use, and importing it costs a first ``grad()`` a few
milliseconds, so this module is registered like ``scipy.special``'s rules: imported on the first
lookup that misses once ``numpy.fft`` is imported (before that, no code can call these).
"""

# ruff: noqa: F821  (rules name `_rt`, which exists in generated code only)

import numpy as np

from ..extend import d, linear

linear(np.fft.fftshift, lambda r, x, axes=None: np.fft.ifftshift(d[r], axes))
linear(np.fft.ifftshift, lambda r, x, axes=None: np.fft.fftshift(d[r], axes))

# one axis: a length n along axis (the input cut or zero-padded to it)
linear(np.fft.fft, lambda y, a, n=None, axis=-1, norm=None:
       _rt.dft_adjoint(d[y], a, "fft", n, axis, norm))
linear(np.fft.ifft, lambda y, a, n=None, axis=-1, norm=None:
       _rt.dft_adjoint(d[y], a, "ifft", n, axis, norm))
linear(np.fft.rfft, lambda y, a, n=None, axis=-1, norm=None:
       _rt.dft_adjoint(d[y], a, "rfft", n, axis, norm))
linear(np.fft.irfft, lambda y, a, n=None, axis=-1, norm=None:
       _rt.dft_adjoint(d[y], a, "irfft", n, axis, norm))
linear(np.fft.hfft, lambda y, a, n=None, axis=-1, norm=None:
       _rt.dft_adjoint(d[y], a, "hfft", n, axis, norm))
linear(np.fft.ihfft, lambda y, a, n=None, axis=-1, norm=None:
       _rt.dft_adjoint(d[y], a, "ihfft", n, axis, norm))
# several axes: lengths s along axes
linear(np.fft.fft2, lambda y, a, s=None, axes=(-2, -1), norm=None:
       _rt.dft_adjoint(d[y], a, "fft", s, axes, norm))
linear(np.fft.ifft2, lambda y, a, s=None, axes=(-2, -1), norm=None:
       _rt.dft_adjoint(d[y], a, "ifft", s, axes, norm))
linear(np.fft.rfft2, lambda y, a, s=None, axes=(-2, -1), norm=None:
       _rt.dft_adjoint(d[y], a, "rfft", s, axes, norm))
linear(np.fft.irfft2, lambda y, a, s=None, axes=(-2, -1), norm=None:
       _rt.dft_adjoint(d[y], a, "irfft", s, axes, norm))
linear(np.fft.fftn, lambda y, a, s=None, axes=None, norm=None:
       _rt.dft_adjoint(d[y], a, "fft", s, axes, norm))
linear(np.fft.ifftn, lambda y, a, s=None, axes=None, norm=None:
       _rt.dft_adjoint(d[y], a, "ifft", s, axes, norm))
linear(np.fft.rfftn, lambda y, a, s=None, axes=None, norm=None:
       _rt.dft_adjoint(d[y], a, "rfft", s, axes, norm))
linear(np.fft.irfftn, lambda y, a, s=None, axes=None, norm=None:
       _rt.dft_adjoint(d[y], a, "irfft", s, axes, norm))
