"""Programs whose constructs refusals10 lifted (``test_refusals10.py``): writes through a row of
the transpose of an array of unknown rank, ..."""

import numpy as np

# --- y.T[j] op= v of an array whose rank the function does not show (one derivative, any rank) ---


def transposed_row_added(x, v):
    y = x * 1.0
    y.T[0] += v
    return np.sum(y * y)


def transposed_row_scaled(x, v):
    y = np.sin(x)
    y.T[1] *= v
    return np.sum(y ** 2)


def transposed_row_set(x, v):
    y = x * 2.0
    y.T[-1] = v * y.T[0]
    return np.sum(np.cos(y))


# --- np.seterr saved and restored (refused: the hint names np.errstate) ---


def seterr_restored(x):
    old = np.seterr(all="ignore")
    y = np.log(x)
    np.seterr(**old)
    return np.sum(y)


def transposed_row_of_a_parameter(x, v):
    x.T[0] *= v
    return np.sum(np.sin(x))
