"""NumPy written the way people write it (idioms38): a helper rebinding the items of a loop
over a 1-D array it is handed (``for xi in b: xi /= s``, NumPy scalars: ``b`` unchanged) where
the argument is a temporary (``normalise(np.sort(v))``: the helper keeps a derivative of its own,
checked when it runs to be handed no 2-D array, whose rows would change in place); a lambda
called where it is made; ``p._asdict()`` of a namedtuple parameter; a classmethod constructor
(``Linear.from_flat(p).loss(X, y)``); the forms around them that
already worked (a list's ``insert`` in a loop, ``np.put_along_axis`` into ``np.zeros_like``)."""

from __future__ import annotations

import collections
import functools

import numpy as np


def _squash_items(b, s):
    total = 0.0
    for xi in b:
        xi /= s + xi ** 2  # (a number of a 1-D array: rebound, ``b`` unchanged)
        total = total + xi
    return total + np.sum(b * b)


def _scaled_pairs(a, b, s):
    acc = 0.0
    for i, (ai, bi) in enumerate(zip(a, b, strict=True)):
        bi *= s * (i + 1)
        acc = acc + ai * bi
    return acc + np.sum(np.asarray(b) ** 2)


def sorted_items_rebound(v, s):
    """The helper handed temporaries (a sorted copy, a reversed product), ``s`` differentiated."""
    return _squash_items(np.sort(v), s) + _squash_items(v[::-1] * 1.0, 2.0 * s)


def zipped_items_rebound(v, w):
    """``for i, (ai, bi) in enumerate(zip(a, b)): bi *= ...`` on a temporary and a list."""
    return _scaled_pairs(np.tanh(v), [w[0], w[1], w[2]], 0.5) + _scaled_pairs(v, np.exp(w), w[0])


def _fields_display(q):
    params = {"w": q[0], "b": q[1]}
    params["w2"] = params["w"] * 0.5  # (a key of the helper's own dict: no argument changed)
    acc = 0.0
    for key in params.keys():  # noqa: SIM118 (written as people write it: fuzz 10684/1)
        acc = acc + params[key] * 0.5
    for xi in q:
        xi *= 1.5
        acc = acc + np.sin(xi)
    return acc


def dict_of_items(v):
    """A helper's own dict holding items of its argument, a key written (fuzz 10684/1)."""
    return _fields_display(v * 2.0) + _fields_display(np.cumsum(v))


def lambda_called_inline(qs, x):
    """``(lambda a: ...)(qs)``: a lambda called where it is made."""
    return (lambda a: a[0] * a[1] + np.sum(a ** 2))(qs) * x + (lambda t, u=2.0: u * np.sin(t))(x)


Params = collections.namedtuple("Params", "w b")


def asdict_ridge(p, X, y):
    """``p._asdict()`` of a namedtuple under ``wrt``: a dict of its fields."""
    d = p._asdict()
    r = X @ d["w"] + d["b"] - y
    return np.mean(r ** 2) + 0.1 * sum(np.sum(v ** 2) for v in d.values())


def insert_front(x):
    """A list grown at its front in a loop (``out.insert(0, v)``)."""
    out = []
    for xi in x:
        out.insert(0, np.sin(xi) * 2.0)
    out.insert(1, x[0] * x[-1])
    return out[0] * out[1] + out[-1] * np.sum(np.array(out))


def put_along_filled(V):
    """``np.put_along_axis`` into ``np.zeros_like``, the filled array read after."""
    idx = np.argmax(V, axis=1)[:, None]
    filled = np.zeros_like(V)
    np.put_along_axis(filled, idx, np.take_along_axis(V, idx, axis=1) ** 2, axis=1)
    return np.sum(filled * V) + np.sum(np.tanh(filled))


def rows_rebound(V):
    """A 2-D temporary handed to the helper: its rows would change in place (refused when run)."""
    return _squash_items(np.sort(V, axis=0), 2.0)


class Linear:
    def __init__(self, w, b):
        self.w = w
        self.b = b

    @classmethod
    def from_flat(cls, p, scale=1.0):
        """A classmethod constructor: one ``return cls(...)`` of its parameters."""
        return cls(scale * p[:-1], b=p[-1])

    def loss(self, X, y):
        return np.mean((X @ self.w + self.b - y) ** 2)


def classmethod_constructor(p, X, y):
    """``Linear.from_flat(p).loss(X, y)`` and a named one built again with another scale."""
    half = Linear.from_flat(p, scale=0.5)
    return Linear.from_flat(p).loss(X, y) + 0.1 * half.loss(X, y)


def _weighted_loss(w, X, y, reg=0.1, power=2.0):
    r = X @ w - y
    return np.mean(np.abs(r) ** power) + reg * np.sum(w ** 2)


def _gradient_free_steps(objective, w, steps=2):
    best = objective(w)
    for k in range(steps):
        w = w * (1.0 - 0.1 * (k + 1))
        best = best + objective(w)
    return best


def _pair_objective(fn, a, b):
    return fn(a) * fn(b)


def partial_through_helpers(w, X, y):
    """``functools.partial`` handed to helpers: by keyword (a name and a constant), and a
    positional argument bound first."""
    lam = 0.05
    return _gradient_free_steps(functools.partial(_weighted_loss, X=X, y=y, reg=lam), w) + \
        _pair_objective(functools.partial(np_dot_scaled, 0.5), w, w[::-1])


def np_dot_scaled(s, v):
    return s * np.dot(v, v)


def insert_into_parameter(x, hist):
    """``.insert`` on a list the function is handed: refused, the hint naming lists."""
    for xi in x:
        hist.insert(0, xi * 2.0)
    return hist[0] * hist[1]
