"""Programs whose constructs refusals13 lifted (``test_refusals13.py``): ``np.emath.power`` and
``np.emath.logn`` (refused for want of a rule; complex where a real base or argument is negative,
now rules of their own in ``rules/complex_scimath.py``), and the constructs left refused, each
with a hint."""

import numpy as np

# --- np.emath's functions of two arguments (complex for a negative real base or argument) ---


def emath_power(x):  # (x of 4 with negative entries: the value complex there)
    w = np.emath.power(x, 1.5) + np.emath.power(x * x + 0.5, x)
    return np.sum(np.real(w) * np.arange(1.0, 5.0)) + np.sum(np.imag(w) ** 2)


def emath_logn(x):  # (base and argument both followed, the argument negative at some entries)
    w = np.emath.logn(3.0, x) + np.emath.logn(x * x + 2.0, np.abs(x) + 1.0)
    return np.sum(np.abs(w) ** 2) + np.sum(np.real(w))
