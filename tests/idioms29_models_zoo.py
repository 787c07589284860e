"""NumPy written the way other projects write it (part eight): models as classes and the SciPy
calls statistics code makes: a model whose ``loss`` calls ``predict`` which calls a
``@property``, a ``@staticmethod`` activation, a ``@classmethod`` constructor used outside, a
callable object (``__call__``) passed its parameters, ``scipy.stats.norm.logpdf`` and
``t.logpdf`` likelihoods, ``scipy.special.gammaln``/``betaln``/``log_softmax``/``logit``,
``scipy.signal.lfilter`` as an AR filter, ``scipy.signal.convolve`` of a kernel, and a
Kalman filter's update loop with ``np.linalg.inv``."""

from __future__ import annotations

import numpy as np
from scipy import signal, special, stats


class Logistic:
    def __init__(self, X, y, l2=0.1):
        self.X, self.y, self.l2 = X, y, l2

    @property
    def n(self):
        return self.X.shape[0]

    @staticmethod
    def act(z):
        return special.expit(z)

    def predict(self, w):
        return self.act(self.X @ w)

    def loss(self, w):
        p = self.predict(w)
        nll = -np.sum(self.y * np.log(p) + (1 - self.y) * np.log1p(-p)) / self.n
        return nll + 0.5 * self.l2 * w @ w


class Poly:
    def __init__(self, degree):
        self.powers = np.arange(degree + 1)

    @classmethod
    def quadratic(cls):
        return cls(2)

    def __call__(self, coef, x):
        return (x[:, None] ** self.powers) @ coef


def classmethod_model(coef, x, y):
    model = QUADRATIC
    return np.mean((model(coef, x) - y) ** 2)


QUADRATIC = Poly.quadratic()


def stats_likelihood(params, data):
    mu, log_s, log_nu = params
    normal = np.sum(stats.norm.logpdf(data, loc=mu, scale=np.exp(log_s)))
    student = np.sum(stats.t.logpdf(data, df=np.exp(log_nu), loc=mu, scale=np.exp(log_s)))
    return -(normal + student)


def special_functions(a, b, logits):
    return (special.gammaln(a).sum() + special.betaln(a, b).sum()
            + np.sum(special.log_softmax(logits) * np.arange(logits.size))
            + np.sum(special.logit(special.expit(b))))


def ar_filter(x, a):
    y = signal.lfilter([1.0], [1.0, -a], x)
    return np.sum(y ** 2)


def convolve_kernel(img, k):
    out = signal.convolve(img, k, mode="valid")
    return np.sum(np.tanh(out))


def kalman_nll(q, r, ys):
    x, P = 0.0, 1.0
    nll = 0.0
    F = np.array([[1.0]])
    for y in ys:
        P_pred = F @ np.array([[P]]) @ F.T + q
        S = P_pred + r
        K = P_pred @ np.linalg.inv(S)
        innov = y - x
        nll = nll + 0.5 * (np.log(2 * np.pi * S[0, 0]) + innov ** 2 / S[0, 0])
        x = x + K[0, 0] * innov
        P = (1.0 - K[0, 0]) * P_pred[0, 0]
    return nll
