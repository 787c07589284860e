"""NumPy written the way people write it (idioms32, part three): the same kinds in other
spellings: ``scipy.linalg.solve(..., assume_a="pos")`` and ``cho_factor(check_finite=False)``,
``einsum(..., optimize=True)``, ``scipy.special.softmax``/``log_softmax``, ``np.nanmean`` and
``np.nansum`` losses, top-k attention by ``argsort``, ``take_along_axis``, ``np.pad`` in its
``reflect``, ``linear_ramp`` and ``constant_values`` forms, ``np.apply_along_axis``, an RK4 in
``solve_ivp``'s ``f(t, y)`` convention, an information filter, a masked softmax with ``-inf``,
``logsumexp(..., return_sign=True)``, ``np.gradient``, ``np.roll`` stencils, Gauss-Newton by
``lstsq`` and ``pinv``, and the pseudo-Vandermonde matrices of ``numpy.polynomial``."""

from __future__ import annotations

import numpy as np
import scipy.linalg as sla
from scipy.special import log_softmax, logsumexp, softmax


def solve_pos(log_params, X, y):
    ell, sn2 = np.exp(log_params)
    d2 = (X[:, None] - X[None, :]) ** 2
    K = np.exp(-0.5 * d2 / ell ** 2) + sn2 * np.eye(len(y))
    alpha = sla.solve(K, y, assume_a="pos")
    return 0.5 * y @ alpha + 0.5 * np.linalg.slogdet(K)[1]


def cho_nocheck(log_params, X, y):
    ell, sn2 = np.exp(log_params)
    K = np.exp(-0.5 * (X[:, None] - X[None, :]) ** 2 / ell ** 2) + sn2 * np.eye(len(y))
    cf = sla.cho_factor(K, check_finite=False)
    return y @ sla.cho_solve(cf, y, check_finite=False) + 2 * np.sum(np.log(np.diag(cf[0])))


def einsum_opt(A, B, C):
    return np.einsum("ij,jk,kl->il", A, B, C, optimize=True).sum()


def scipy_softmax_attn(Q, K, V):
    A = softmax(Q @ K.T / np.sqrt(Q.shape[1]), axis=-1)
    return np.sum(A @ V)


def scipy_log_softmax(z, labels):
    return -np.mean(log_softmax(z, axis=1)[np.arange(len(labels)), labels])


def nanmean_loss(pred, target):
    err = np.where(np.isnan(target), np.nan, pred - target)
    return np.nanmean(err ** 2)


def nansum_loss(pred, target):
    return np.nansum((pred - target) ** 2)


def topk_attention(q, K, V, k=2):
    s = K @ q
    idx = np.argsort(s)[-k:]
    w = np.exp(s[idx] - s[idx].max())
    w = w / w.sum()
    return w @ V[idx].sum(axis=1)


def take_along(scores, V):
    idx = np.argmax(scores, axis=1)[:, None]
    best = np.take_along_axis(scores, idx, axis=1)
    return np.sum(best) + np.sum(np.take_along_axis(V, idx, axis=1) ** 2)


def pad_reflect_1d(x):
    p = np.pad(x, (2, 1), mode="reflect")
    return np.sum((p[2:] - p[:-2]) ** 2)


def pad_linear_ramp(x):
    p = np.pad(x, 2, mode="linear_ramp", end_values=0.0)
    return np.sum(p ** 2 * np.arange(len(p)))


def pad_const_values(img):
    p = np.pad(img, ((1, 0), (0, 2)), constant_values=0.5)
    return np.sum(np.diff(p, axis=0) ** 2) + np.sum(np.diff(p, axis=1) ** 2)


def apply_along(M):
    return np.sum(np.apply_along_axis(lambda r: r @ r, 1, M))


def rk4_solve_ivp_style(y0, t_eval):
    def f(t, y):
        return np.array([y[1], -np.sin(y[0]) - 0.1 * y[1]])
    ys = [y0]
    for t0, t1 in zip(t_eval[:-1], t_eval[1:]):  # noqa: B905
        h = t1 - t0
        y = ys[-1]
        k1 = f(t0, y)
        k2 = f(t0 + h / 2, y + h / 2 * k1)
        k3 = f(t0 + h / 2, y + h / 2 * k2)
        k4 = f(t1, y + h * k3)
        ys.append(y + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4))
    return np.sum(np.array(ys)[:, 0] ** 2)


def information_filter(q, ys):
    Y, yv = 1.0, 0.0
    for y in ys:
        P = 1.0 / Y + q
        Y, yv = 1.0 / P + 1.0 / 0.2, yv / (Y * P) + y / 0.2
    return yv / Y + np.log(Y)


def where_scalar_branches(x):
    return np.sum(np.where(x > 0, x ** 2, 0.1) * np.where(x < 1.5, 1.0, x))


def masked_softmax(scores, mask):
    s = np.where(mask, scores, -np.inf)
    s = s - np.max(s, axis=-1, keepdims=True)
    e = np.where(mask, np.exp(s), 0.0)
    return np.sum(e / e.sum(axis=-1, keepdims=True) * scores)


def lse_return_sign(x, b):
    v, s = logsumexp(x, b=b, return_sign=True)
    return v * s


def stable_softplus_sum(x):
    return np.sum(np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x))))


def lse_pairwise_reduce(x):
    acc = x[0]
    for v in x[1:]:
        acc = np.logaddexp(acc, v)
    return acc


def vander_np_linalg_lstsq(x, y):
    V = np.vander(x, 3)
    c = np.linalg.lstsq(V, y, rcond=None)[0]
    return c @ c


def legendre_vander(c, x):
    V = np.polynomial.legendre.legvander(x, len(c) - 1)
    return np.sum((V @ c) ** 2)


def trace_einsum_batched(A):
    return np.einsum("bii->b", A @ A).sum() + np.einsum("...ii->...", A).prod()


def image_gradient_np(img):
    gy, gx = np.gradient(img)
    return np.sum(gx ** 2 + gy ** 2)


def median_free_blur(img):
    p = np.pad(img, 1, mode="edge")
    stack = np.stack([p[i:i + img.shape[0], j:j + img.shape[1]] for i in range(3)
                      for j in range(3)])
    return np.sum(np.mean(stack, axis=0) ** 2) + np.sum(np.var(stack, axis=0))


def roll_filter(img):
    lap = np.roll(img, 1, 0) + np.roll(img, -1, 0) + np.roll(img, 1, 1) + np.roll(img, -1, 1) \
        - 4 * img
    return np.sum(lap ** 2)


def gauss_newton_lstsq(theta, t, y):
    for _ in range(2):
        e = np.exp(-theta[1] * t)
        r = theta[0] * e - y
        J = np.stack([e, -theta[0] * t * e], axis=1)
        step = np.linalg.lstsq(J, -r, rcond=None)[0]
        theta = theta + step
    return np.sum((theta[0] * np.exp(-theta[1] * t) - y) ** 2)


def gn_pinv(theta, t, y):
    e = np.exp(-theta[1] * t)
    J = np.stack([e, -theta[0] * t * e], axis=1)
    theta = theta - np.linalg.pinv(J) @ (theta[0] * e - y)
    return np.sum((theta[0] * np.exp(-theta[1] * t) - y) ** 2)
