"""``np.fft``'s rearrangements (the transforms themselves are complex: see ``rule_gaps``).

NumPy 2 imports ``numpy.fft`` on first use, and importing it costs a first ``grad()`` a few
milliseconds, so this module is registered like ``scipy.special``'s rules: imported on the first
lookup that misses once ``numpy.fft`` is imported (before that, no code can call these).
"""

import numpy as np

from ..extend import d, linear

linear(np.fft.fftshift, lambda r, x, axes=None: np.fft.ifftshift(d[r], axes))
linear(np.fft.ifftshift, lambda r, x, axes=None: np.fft.fftshift(d[r], axes))
