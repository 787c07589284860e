"""Statistics as outside code writes it (re-imagined, none copied): weighted quantiles and medians
through ``np.argsort``/``np.sort`` and ``np.interp``, trimmed and winsorised means, Gaussian kernel
density estimates and their leave-one-out likelihood, Gaussian-process marginal likelihood with
a Cholesky factor and solves written with ``np.linalg.solve`` (no ``solve_triangular``), kriging
predictions, empirical CDF distances, a mixture log-likelihood, robust M-estimation by IRLS and
the Box-Cox log-likelihood.  ``tests/test_idioms17_stats.py`` differentiates each in every
mode."""

import numpy as np


def weighted_quantile(values, weights, q=0.3):
    order = np.argsort(values)
    v, w = values[order], weights[order]
    cw = np.cumsum(w) - 0.5 * w
    cw /= np.sum(w)
    return np.interp(q, cw, v)


def weighted_median_sort(x, w):
    idx = np.argsort(x)
    cum = np.cumsum(w[idx])
    k = np.searchsorted(cum, 0.5 * cum[-1])
    return x[idx][k] * w[idx][k]


def quantiles_by_sort(x, qs=(0.25, 0.5, 0.75)):
    s = np.sort(x)
    n = len(s)
    out = []
    for q in qs:
        pos = q * (n - 1)
        lo = int(np.floor(pos))
        frac = pos - lo
        out.append(s[lo] * (1 - frac) + s[min(lo + 1, n - 1)] * frac)
    return out[2] - out[0] + out[1] ** 2


def trimmed_mean(x, prop=0.2):
    s = np.sort(x)
    k = int(prop * len(s))
    return s[k:len(s) - k].mean()


def winsorised_var(x, lo=0.1, hi=0.9):
    a, b = np.quantile(x, [lo, hi])
    y = np.clip(x, a, b)
    return np.var(y, ddof=1)


def kde_gaussian(x_eval, data, bw):
    u = (x_eval[:, None] - data[None, :]) / bw
    dens = np.exp(-0.5 * u ** 2).sum(axis=1) / (len(data) * bw * np.sqrt(2 * np.pi))
    return np.sum(np.log(dens))


def kde_loo_likelihood(log_bw, data):
    bw = np.exp(log_bw)
    d = data[:, None] - data[None, :]
    K = np.exp(-0.5 * (d / bw) ** 2) / (bw * np.sqrt(2 * np.pi))
    np.fill_diagonal(K, 0.0)
    loo = K.sum(axis=1) / (len(data) - 1)
    return np.mean(np.log(loo))


def scott_bandwidth_kde(data, x):
    bw = 1.06 * data.std() * len(data) ** (-1 / 5)
    return np.mean(np.exp(-0.5 * ((x - data) / bw) ** 2)) / bw


def _rbf(X1, X2, ell, sf):
    d2 = np.sum((X1[:, None, :] - X2[None, :, :]) ** 2, axis=-1)
    return sf ** 2 * np.exp(-0.5 * d2 / ell ** 2)


def gp_marginal_likelihood(log_params, X, y):
    ell, sf, sn = np.exp(log_params)
    K = _rbf(X, X, ell, sf) + sn ** 2 * np.eye(len(X))
    L = np.linalg.cholesky(K)
    alpha = np.linalg.solve(L.T, np.linalg.solve(L, y))
    return 0.5 * y @ alpha + np.sum(np.log(np.diag(L))) + 0.5 * len(y) * np.log(2 * np.pi)


def gp_predict_mean_var(Xs, X, y, ell=0.8, noise=0.1):
    K = _rbf(X, X, ell, 1.0) + noise * np.eye(len(X))
    Ks = _rbf(Xs, X, ell, 1.0)
    L = np.linalg.cholesky(K)
    v = np.linalg.solve(L, Ks.T)
    mean = Ks @ np.linalg.solve(L.T, np.linalg.solve(L, y))
    var = 1.0 - np.sum(v ** 2, axis=0)
    return np.sum(mean) + np.sum(var)


def gp_slogdet_form(ell, X, y, noise=0.05):
    K = _rbf(X, X, ell, 1.0) + noise * np.eye(X.shape[0])
    sign, logdet = np.linalg.slogdet(K)
    return 0.5 * (y @ np.linalg.solve(K, y) + logdet)


def ecdf_distance(x, y):
    grid = np.linspace(-2, 2, 9)
    Fx = np.mean(1 / (1 + np.exp(-(grid[:, None] - x[None, :]) * 4)), axis=1)
    Fy = np.mean(1 / (1 + np.exp(-(grid[:, None] - y[None, :]) * 4)), axis=1)
    return np.max(np.abs(Fx - Fy)) + np.sum((Fx - Fy) ** 2)


def wasserstein_1d_sorted(x, y):
    return np.mean(np.abs(np.sort(x) - np.sort(y)))


def mixture_loglik(params, x):
    logits, mus, log_sigmas = params
    w = np.exp(logits - np.max(logits))
    w /= w.sum()
    sig = np.exp(log_sigmas)
    comp = np.exp(-0.5 * ((x[:, None] - mus) / sig) ** 2) / (sig * np.sqrt(2 * np.pi))
    return np.sum(np.log(comp @ w))


def irls_huber_location(x, c=1.0, iters=4):
    mu = np.median(x)
    for _ in range(iters):
        r = x - mu
        w = np.minimum(1.0, c / np.maximum(np.abs(r), 1e-12))
        mu = np.sum(w * x) / np.sum(w)
    return mu


def boxcox_loglik(lmbda, x):
    y = (x ** lmbda - 1) / lmbda
    n = len(x)
    return -n / 2 * np.log(np.var(y)) + (lmbda - 1) * np.sum(np.log(x))


def pearson_spearmanish(x, y):
    xc, yc = x - x.mean(), y - y.mean()
    r = (xc @ yc) / np.sqrt((xc @ xc) * (yc @ yc))
    return np.arctanh(r)


def covariance_shrinkage(X, shrink=0.2):
    S = np.cov(X, rowvar=False)
    mu = np.trace(S) / S.shape[0]
    St = (1 - shrink) * S + shrink * mu * np.eye(S.shape[0])
    return np.linalg.slogdet(St)[1]


def bootstrap_fixed_indices(x, idx):
    means = np.array([x[row].mean() for row in idx])
    return np.std(means)


def moments_skew_kurt(x):
    m = x.mean()
    s = x.std()
    skew = np.mean(((x - m) / s) ** 3)
    kurt = np.mean(((x - m) / s) ** 4) - 3
    return skew ** 2 + 0.5 * kurt


def histogram_soft(x, edges=np.linspace(-2.0, 2.0, 5), tau=0.3):  # noqa: B008  (the idiom)
    centers = 0.5 * (edges[1:] + edges[:-1])
    resp = np.exp(-((x[:, None] - centers) / tau) ** 2)
    counts = resp.sum(0)
    p = counts / counts.sum()
    return -np.sum(p * np.log(p))


def student_t_loglik(nu, x):
    from scipy.special import gammaln
    return np.sum(gammaln((nu + 1) / 2) - gammaln(nu / 2) - 0.5 * np.log(nu * np.pi)
                  - (nu + 1) / 2 * np.log1p(x ** 2 / nu))
