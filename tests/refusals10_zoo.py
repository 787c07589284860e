"""Programs whose constructs refusals10 lifted (``test_refusals10.py``): writes through a row of
the transpose of an array of unknown rank, closures in a list called in a loop (and
``np.seterr(**old)``, refused with a hint naming ``np.errstate``)."""

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


# --- closures stored in a list and called in a loop ---


def closures_in_a_list(x, w):
    fs = [lambda z: z * w, lambda z: np.sin(z), lambda z, k=2.0: k * z + np.sum(x)]
    w = w * 2.0  # (a lambda reads `w` when it is called, as its def does)
    y = x
    for g in fs:
        y = g(y) * 0.5
    return np.sum(y * fs[0](y)) + len(fs)


def closures_passed_on(x):  # (the loop variable handed to a call: left, refused)
    fs = [lambda z: z * x, lambda z: np.sin(z)]
    y = x
    for g in fs:
        y = _apply(g, y)
    return np.sum(y)


def closures_read_late(x):  # (`h` reads `g` when it is called: left as written, refused)
    fs = [lambda z: z * x, lambda z: np.sin(z)]
    y = x
    for g in fs:
        def h(z):
            return g(z) + 1.0  # noqa: B023 (the late binding this row is about)
        y = h(y)
    return np.sum(y)


def _apply(f, v):
    return f(v)


# --- np.seterr saved and restored (refused: the hint names np.errstate) ---


def seterr_restored(x):
    old = np.seterr(all="ignore")
    y = np.log(x)
    np.seterr(**old)
    return np.sum(y)


def transposed_row_of_a_parameter(x, v):
    x.T[0] *= v
    return np.sum(np.sin(x))


# --- a parameter object used PyTorch style (refused with the ways that work) ---


class Params:
    def __init__(self, W, b):
        self.W, self.b = W, b

    def __call__(self, x):
        return np.tanh(x @ self.W + self.b)


def reads_an_object(params, x):
    return np.sum(np.tanh(x @ params.W + params.b))


def calls_an_object(params, x):
    return np.sum(params(x))
