"""NumPy written the way people write it (idioms33, part three): the same kinds of models in
less common spellings: ufunc methods (``outer``, ``accumulate``, ``reduce``), reductions with
``where=`` and ``initial=``, Cholesky factors filled through ``np.tril_indices``, sorting and
order statistics, ``np.searchsorted`` and ``np.digitize`` buckets, FFT convolutions,
``scipy.integrate``'s ``trapezoid`` and ``cumulative_trapezoid``, ``scipy.stats`` and
``scipy.special`` densities, a generator seeded inside the
function, ``functools.reduce`` and ``itertools.accumulate``, and a model class."""

from __future__ import annotations

import functools
import itertools
import math

import numpy as np
from scipy import special, stats
from scipy.integrate import cumulative_trapezoid, trapezoid

# ufunc methods


def drawdown_accumulate(log_returns):
    """The maximum drawdown of a price path: a running peak by ``np.maximum.accumulate``."""
    wealth = np.exp(np.cumsum(log_returns))
    peak = np.maximum.accumulate(wealth)
    return np.max(1.0 - wealth / peak) + np.mean(wealth)


def subtract_outer_kernel(x, ell):
    d = np.subtract.outer(x, x)
    K = np.exp(-0.5 * d ** 2 / ell ** 2)
    return np.sum(K @ x)


def logaddexp_reduce(x):
    return np.logaddexp.reduce(x) + np.sum(np.logaddexp.accumulate(x))


def multiply_outer_rank1(u, v):
    return np.sum(np.sin(np.multiply.outer(u, v)))


def add_reduce_axis(X):
    return np.sum(np.add.reduce(X ** 2, axis=0) ** 0.5)


# Reductions with where= and initial=


def masked_mean_where(x, valid):
    return np.mean(x ** 2, where=valid) + np.sum(x, where=valid)


def relu_max_initial(x):
    """The largest activation or zero: ``np.max(..., initial=0.0)``."""
    return np.max(np.tanh(x) * 2.0 - 1.0, initial=0.0) + np.sum(x ** 2)


# Cholesky factors and triangular fills


def cholesky_param_nll(params, X):
    """A covariance ``L L^T`` from an unconstrained vector: ``L[np.tril_indices(n)] = params``,
    the diagonal made positive by ``np.exp``."""
    n = X.shape[1]
    L = np.zeros((n, n))
    L[np.tril_indices(n)] = params
    L[np.diag_indices(n)] = np.exp(np.diag(L))
    Sigma = L @ L.T
    sign, logdet = np.linalg.slogdet(Sigma)
    sol = np.linalg.solve(Sigma, X.T)
    return 0.5 * np.sum(X.T * sol) + 0.5 * len(X) * logdet


def fill_diagonal_jitter(A, y):
    K = A @ A.T
    np.fill_diagonal(K, np.diag(K) + 0.5)
    return y @ np.linalg.solve(K, y)


def triu_penalty(W):
    upper = np.triu(W, 1)
    return np.sum(upper ** 2) + np.sum(np.tril(W) * W)


# Sorting and order statistics


def trimmed_mean_sort(x):
    s = np.sort(x)
    return np.mean(s[1:-1] ** 2)


def ndcg_sorted_gains(scores, rel):
    """Gains of the relevances gathered in the order ``np.argsort`` gives, weighted by softmax
    scores taken in the same order."""
    order = np.argsort(-scores)
    p = np.exp(scores[order]) / np.sum(np.exp(scores))
    discounts = 1.0 / np.log2(np.arange(2, len(scores) + 2))
    return np.sum(p * (2.0 ** rel[order] - 1) * discounts)


def median_abs_deviation(x):
    med = np.median(x)
    return np.median(np.abs(x - med)) + 0.1 * np.sum(x ** 2)


# Buckets and histograms


def histogram_weights(w, samples):
    counts, edges = np.histogram(samples, bins=4, range=(-2.0, 2.0), weights=np.exp(w))
    centers = 0.5 * (edges[1:] + edges[:-1])
    return np.sum(counts * centers ** 2) / np.sum(counts)


def searchsorted_hazard(log_h, cuts, t):
    """Piecewise-constant hazard at times ``t``: the interval by ``np.searchsorted``."""
    k = np.searchsorted(cuts, t, side="right") - 1
    return -np.sum(log_h[k]) + np.sum(np.exp(log_h[k]) * (t - cuts[k]))


def digitize_tariff(prices, usage, edges):
    band = np.digitize(usage, edges)
    return np.sum(prices[band] * usage) + np.sum(prices ** 2)


# FFT


def fft_convolution(x, h):
    n = len(x) + len(h) - 1
    y = np.fft.irfft(np.fft.rfft(x, n) * np.fft.rfft(h, n), n)
    return np.sum(y ** 2)


def fft_lowpass_real(x):
    X = np.fft.fft(x)
    X[3:-2] = 0.0
    smooth = np.fft.ifft(X).real
    return np.sum((smooth - x) ** 2)


# Quadrature of sampled data


def cdf_match_cumtrapz(logits, grid, target_cdf):
    """A density on a grid normalized by ``trapezoid``, its CDF by ``cumulative_trapezoid``
    (``initial=0``), compared with a target CDF (a Cramer-von Mises style distance)."""
    pdf = np.exp(logits)
    pdf = pdf / trapezoid(pdf, grid)
    cdf = cumulative_trapezoid(pdf, grid, initial=0)
    return trapezoid((cdf - target_cdf) ** 2, dx=grid[1] - grid[0])


def hazard_survival_cumtrapz(log_h, t):
    """Survival ``exp(-integral of the hazard)`` by ``cumulative_trapezoid`` with a spacing."""
    H = cumulative_trapezoid(np.exp(log_h), dx=t[1] - t[0], initial=0)
    return -np.sum(log_h[1::2]) + np.sum(H)


# scipy densities


def norm_logpdf_model(params, x):
    mu, log_s = params
    return -np.sum(stats.norm.logpdf(x, loc=mu, scale=np.exp(log_s)))


def beta_binomial_nll(log_ab, k, n):
    a, b = np.exp(log_ab)
    ll = special.betaln(k + a, n - k + b) - special.betaln(a, b)
    return -np.sum(ll)


def xlogy_entropy(logits):
    p = special.softmax(logits)
    return -np.sum(special.xlogy(p, p)) + special.logsumexp(logits)


def probit_loglik(beta, X, y):
    z = X @ beta
    return -np.sum(y * special.log_ndtr(z) + (1 - y) * special.log_ndtr(-z))


# Generators and functional Python


def reparam_mc(mu_logsig):
    """A Monte Carlo ELBO-style term: noise from a generator seeded inside the function."""
    rng = np.random.default_rng(0)
    eps = rng.standard_normal((16, 2))
    mu, log_sig = mu_logsig[:2], mu_logsig[2:]
    z = mu + np.exp(log_sig) * eps
    return np.mean(np.sum(z ** 2, axis=1)) - np.sum(log_sig)


def reduce_matmul_chain(mats, v):
    M = functools.reduce(np.dot, mats)
    return v @ M @ v


def accumulate_partial_sums(x):
    parts = list(itertools.accumulate(x * x))
    return sum(math.sqrt(p) for p in parts)


def builtin_math_mix(params):
    a, b = float(params[0]), float(params[1])
    r = math.hypot(a, b)
    theta = math.atan2(b, a)
    return r * math.cos(2 * theta) + math.lgamma(1.5 + a * a) + math.fsum([a, b, r])


class Polynomial:
    """A model object: coefficients fixed at construction, called on the input."""

    def __init__(self, coef):
        self.coef = np.asarray(coef)

    def __call__(self, x):
        powers = x[:, None] ** np.arange(len(self.coef))
        return powers @ self.coef


POLY = Polynomial([0.5, -1.0, 0.25])


def model_object_call(x):
    return np.sum(np.sin(POLY(x)))


def ellipsis_einsum(A, x):
    return np.sum(np.einsum("...ij,...j->...i", A, x) ** 2)


def gradient_spacing(u, dx):
    du = np.gradient(u, dx)
    return np.sum(du ** 2)


def kron_block(a, B):
    K = np.kron(np.diag(a), B)
    return np.trace(K @ K.T) + np.sum(np.block([[B, B], [B.T, -B]]))
