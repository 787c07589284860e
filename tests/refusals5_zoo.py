"""Programs tangentish refused until refusals5 (test_refusals5.py), a section per construct the
branch lifted."""

from __future__ import annotations

import dataclasses
import functools
from typing import NamedTuple

import numpy as np

import tangentish

# --- a method of a module's object with a derivative of its own, calling another method ---


class Model:
    def __init__(self):
        self.k = 0.7
        self.v = np.array([0.3, -0.2, 0.5])

    @tangentish.checkpoint  # (a derivative of its own: `self.inner(...)` stays a call in outer's)
    def inner(self, a, *, scale=2.0):
        return np.tanh(a * self.k) * scale + np.sum(self.v) * a

    @tangentish.checkpoint
    def outer(self, a):
        h = self.inner(a, scale=1.5)
        return np.sum(np.sin(h) * a) + self.k * np.sum(h ** 2)


MODEL = Model()


def method_calls_method(x):
    return MODEL.outer(x) + 0.5 * np.sum(x ** 2)


class Big:
    def __init__(self):
        self.c = np.array([0.2, -0.1])

    @tangentish.checkpoint
    def part(self, a):
        return np.cos(a) * self.c[0] + a * self.c[1]

    def whole(self, a):  # (over 30 statements: a derivative of its own, not inlined)
        s = self.part(a)
        t = np.sin(s) + 0.1 * a
        u = t * t - 0.05 * a
        v = np.tanh(u) * 0.9
        w = v + s * 0.3
        p = np.cos(w) - a * 0.2
        q = p ** 2 + 0.5
        r = np.log(q)
        s = r + t - u
        t = s / (1.0 + s * s)
        u = np.arctan(t) + v
        v = u * w - 0.1
        w = np.exp(-v * v)
        p = w + q * 0.01
        q = np.sqrt(p * p + 1.0)
        r = q - p
        s = np.sinh(r * 0.5)
        t = s + np.cosh(r * 0.1)
        u = t * 0.7 + a
        v = np.abs(u) + 0.2
        w = 1.0 / v
        p = w * np.sin(u)
        q = p - 0.3 * w
        r = np.expm1(q * 0.1)
        s = r + self.part(q)
        t = s * s * 0.2
        u = np.log1p(t)
        v = u + 0.05 * s
        w = np.tanh(v) * 1.1
        p = w + 0.01 * a * a
        return np.sum(p)


BIG = Big()


def large_method_calls_method(x):
    return BIG.whole(x) * 2.0


# --- helpers cached with functools ---


@functools.lru_cache(maxsize=128)
def _discount(rate, t):
    return (1.0 + rate) ** -t


def lru_cached_discounts(rate):
    return sum(_discount(rate, t) for t in range(1, 5))


@functools.cache
def _shaped(a, b=2.0):
    return np.sin(a) * b + a * a


def cache_with_keyword(a, c):
    return _shaped(a, b=c) * _shaped(c) + a


@functools.cache
def _square(v):
    return v * v


def cached_on_array(x):  # (Python's lru_cache raises TypeError: an array is unhashable)
    return np.sum(_square(x))


# --- helpers taking **kwargs ---


def _layer(x, **opts):
    return x * opts.get("scale", 1.0) + opts.get("bias", 0.0)


def kwargs_helper(x, w):
    return np.sum(np.tanh(_layer(x, scale=w)) ** 2) + np.sum(_layer(x, bias=0.5))


# --- methods of a dataclass or named tuple built in the function ---


@dataclasses.dataclass
class Params:
    w: np.ndarray
    b: float = 0.5

    def predict(self, x):
        return self.w * x + self.b

    def loss(self, x, target=1.0):
        return np.sum((self.predict(x) - target) ** 2)

    def scaled(self, k):
        return Params(self.w * k, self.b)


def dataclass_method(w, x):
    p = Params(w, 0.3)
    return p.loss(x, target=0.5)


def dataclass_method_returns_record(w, x):
    p = Params(w)
    q = p.scaled(2.0)
    return q.loss(x) + p.loss(x)


def dataclass_method_in_loop(w, x):
    s = 0.0
    for i in range(3):
        p = Params(w * (i + 1.0), float(i))
        s = s + p.loss(x)
    return s


class Pair(NamedTuple):
    a: float
    c: float

    def product(self):
        return self.a * self.c


def namedtuple_method(w, x):
    n = Pair(np.sum(w * x), 2.0)
    return n.product() * np.sum(x)


# --- np.maximum.at and np.minimum.at ---

SEGMENTS = np.array([0, 2, 2, 1, 0])


def maximum_at_segments(scores):
    m = np.full(3, -np.inf)
    np.maximum.at(m, SEGMENTS, scores)
    return np.sum(np.tanh(m) * np.array([1.0, -2.0, 0.5]))


def minimum_at_onto_array(a, v):
    out = a * 1.5
    np.minimum.at(out, np.array([1, 1, 3]), v)
    return np.sum(out ** 2)


def maximum_at_rows(a, v):
    out = a.copy()
    np.maximum.at(out, (np.array([0, 1, 0]), np.array([2, 0, 2])), v)
    return np.sum(np.sin(out))


def maximum_at_ties(v):  # (ties between values sent to one element: they share its derivative)
    out = np.zeros(2)
    np.maximum.at(out, np.array([0, 0, 1]), np.array([1.0, 1.0, 0.0]) * v[0] + v)
    return np.sum(out * np.array([1.0, 3.0]))


# --- loops over enumerate of a list of lambdas ---


def enumerate_lambdas(x):
    fs = [lambda v, k=k: k * np.sin(v) + v for k in range(3)]
    s = 0.0
    for i, f in enumerate(fs):
        s = s + (i + 1.0) * np.sum(f(x))
    return s


def enumerate_lambdas_comprehension(x):
    fs = [lambda v, p=p: v ** p for p in (1.0, 2.0, 3.0)]
    return sum(i * np.sum(f(x)) for i, f in enumerate(fs, start=1))


def reversed_lambdas(x):
    fs = [lambda v, c=c: np.cos(c * v) for c in (0.5, 1.5)]
    h = x
    for f in reversed(fs):
        h = f(h)
    return np.sum(h)


# --- an alias of a dict's float item, updated in place ---


def dict_float_alias(x, cfg):
    w = cfg["w"]
    w += 1.0
    return np.sum(w * x * cfg["w"])


# --- what stays refused, saying why ---


@dataclasses.dataclass
class Counter:
    total: float

    def bump(self, v):
        self.total = self.total + v
        return self.total


def dataclass_method_writing_a_field(x):
    c = Counter(0.0)
    return c.bump(np.sum(x))


def _options_listed(x, **opts):  # (sorted(opts) is followed since refusals8: a key computed)
    for key in opts:
        x = x * opts[key + ""]
    return x


def _options_sorted(x, **opts):
    for key in sorted(opts):
        x = x * opts[key]
    return x


def kwargs_sorted(x, w):
    return np.sum(_options_sorted(x, a=w, b=2.0))


def kwargs_read_otherwise(x, w):
    return np.sum(_options_listed(x, a=w, b=2.0))
