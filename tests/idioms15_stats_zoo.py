"""Programs written the way scikit-learn and SciPy style code writes statistics and losses, and
the way signal and image code writes filters and stencils (re-imagined, none copied): robust
regression losses, log-likelihoods of common distributions, kernel density estimates, a
Gaussian-process marginal likelihood through ``cholesky`` and ``solve``, ``np.convolve``,
``np.diff``, finite-difference stencils on 2-D grids, ``np.roll`` and ``np.pad``.
``tests/test_idioms15.py`` differentiates each in every mode against central differences."""

import math

import numpy as np

LOG_2PI = np.log(2.0 * np.pi)

# --- robust losses ---------------------------------------------------------------------------


def huber_sklearn(w, X, y, epsilon=1.35, alpha=1e-2):
    residual = y - X @ w
    abs_r = np.abs(residual)
    outliers = abs_r > epsilon
    squared = np.sum(residual[~outliers] ** 2)
    linear = 2.0 * epsilon * np.sum(abs_r[outliers]) - np.count_nonzero(outliers) * epsilon ** 2
    return squared + linear + alpha * np.dot(w, w)


def pseudo_huber(r, delta=0.8):
    return np.sum(delta ** 2 * (np.sqrt(1.0 + (r / delta) ** 2) - 1.0))


def tukey_biweight(r, c=1.5):
    u = r / c
    inside = np.abs(u) < 1.0
    rho = np.where(inside, (c ** 2 / 6.0) * (1.0 - (1.0 - u ** 2) ** 3), c ** 2 / 6.0)
    return rho.sum()


def cauchy_loss(r, scale=0.7):
    return np.sum(np.log1p((r / scale) ** 2)) * scale ** 2 / 2


def quantile_regression(w, X, y, q=0.3):
    diff = y - X.dot(w)
    return np.mean(np.maximum(q * diff, (q - 1) * diff))


def epsilon_insensitive(w, X, y, eps=0.1):
    err = np.abs(X @ w - y) - eps
    err[err < 0] = 0.0
    return np.mean(err ** 2)


def log_cosh_loss(pred, target):
    d = pred - target
    return np.mean(d + np.logaddexp(0.0, -2.0 * d) - np.log(2.0))


def modified_huber(w, X, y):
    z = y * (X @ w)
    loss = np.where(z >= -1, np.maximum(0, 1 - z) ** 2, -4 * z)
    return loss.mean()


# --- log-likelihoods -------------------------------------------------------------------------


def normal_nll(params, x):
    mu, log_sigma = params
    sigma = np.exp(log_sigma)
    return -np.sum(-0.5 * ((x - mu) / sigma) ** 2 - log_sigma - 0.5 * LOG_2PI)


def gamma_loglik(log_shape, log_rate, x):
    a, b = np.exp(log_shape), np.exp(log_rate)
    n = len(x)
    return n * (a * np.log(b) - math.lgamma(a)) + (a - 1) * np.log(x).sum() - b * x.sum()


def student_t_logpdf(x, df, loc=0.0, scale=1.0):
    from scipy.special import gammaln
    z = (x - loc) / scale
    lp = gammaln((df + 1) / 2) - gammaln(df / 2) - 0.5 * np.log(df * np.pi) - np.log(scale)
    return np.sum(lp - (df + 1) / 2 * np.log1p(z ** 2 / df))


def poisson_deviance(log_mu, y):
    mu = np.exp(log_mu)
    ylogy = np.where(y > 0, y * np.log(np.where(y > 0, y, 1.0) / mu), 0.0)
    return 2 * np.sum(ylogy - (y - mu))


def negative_binomial_nll(log_mu, y, alpha=0.5):
    from scipy.special import gammaln
    mu = np.exp(log_mu)
    r = 1.0 / alpha
    ll = (gammaln(y + r) - gammaln(r) - gammaln(y + 1) + r * np.log(r / (r + mu))
          + y * np.log(mu / (r + mu)))
    return -ll.sum()


def bernoulli_logit_ll(w, X, y):
    logits = X @ w
    return np.sum(y * logits - np.logaddexp(0, logits))


def multinomial_ll(logits, counts):
    logp = logits - np.log(np.sum(np.exp(logits)))
    return float(counts @ logp)


def exponential_mle(log_rate, x):
    rate = np.exp(log_rate)
    return -(x.size * np.log(rate) - rate * np.sum(x))


def lognormal_ll(mu, sigma, x):
    logx = np.log(x)
    return np.sum(-logx - np.log(sigma) - 0.5 * LOG_2PI - (logx - mu) ** 2 / (2 * sigma ** 2))


def mvn_logpdf_chol(mu, L, X):
    d = mu.shape[0]
    diff = X - mu
    z = np.linalg.solve(L, diff.T)
    maha = np.sum(z * z, axis=0)
    logdet = 2.0 * np.sum(np.log(np.abs(np.diag(L))))
    return np.sum(-0.5 * (maha + logdet + d * LOG_2PI))


def von_mises_ll(mu, theta, kappa=2.0):
    from scipy.special import i0
    return np.sum(kappa * np.cos(theta - mu)) - theta.size * np.log(2 * np.pi * i0(kappa))


def beta_binomial(alpha_beta, k, n):
    from scipy.special import betaln
    a, b = alpha_beta[0], alpha_beta[1]
    return np.sum(betaln(k + a, n - k + b) - betaln(a, b))


def weibull_nll(params, t):
    k, lam = np.exp(params)
    z = t / lam
    return -np.sum(np.log(k / lam) + (k - 1) * np.log(z) - z ** k)


def censored_exponential(log_rate, t, observed):
    rate = np.exp(log_rate)
    return -np.sum(observed * np.log(rate) - rate * t)


def dirichlet_logpdf(log_alpha, p):
    from scipy.special import gammaln
    alpha = np.exp(log_alpha)
    return gammaln(alpha.sum()) - gammaln(alpha).sum() + ((alpha - 1) * np.log(p)).sum()


# --- kernel density, GP ----------------------------------------------------------------------


def kde_loglik(log_bw, samples, points):
    h = np.exp(log_bw)
    u = (points[:, None] - samples[None, :]) / h
    dens = np.exp(-0.5 * u ** 2).sum(axis=1) / (len(samples) * h * np.sqrt(2 * np.pi))
    return np.log(dens).sum()


def kde_2d(X, grid, bandwidth=0.6):
    sq = ((grid[:, None, :] - X[None, :, :]) ** 2).sum(-1)
    k = np.exp(-sq / (2 * bandwidth ** 2)) / (2 * np.pi * bandwidth ** 2)
    return np.mean(np.log(k.mean(axis=1) + 1e-12))


def epanechnikov_kde(x, data, h=1.2):
    u = (x[:, np.newaxis] - data) / h
    k = 0.75 * np.clip(1 - u ** 2, 0, None)
    return np.sum(k.mean(axis=1) / h)


def _rbf(X1, X2, length, variance):
    d2 = np.sum(X1 ** 2, 1)[:, None] + np.sum(X2 ** 2, 1)[None, :] - 2 * X1 @ X2.T
    return variance * np.exp(-0.5 * d2 / length ** 2)


def gp_nlml(theta, X, y):
    length, variance, noise = np.exp(theta)
    K = _rbf(X, X, length, variance) + noise * np.eye(len(X))
    L = np.linalg.cholesky(K)
    alpha = np.linalg.solve(L.T, np.linalg.solve(L, y))
    return 0.5 * y @ alpha + np.sum(np.log(np.diag(L))) + 0.5 * len(X) * LOG_2PI


def gp_predict_mean(y, X, Xs, length=0.9):
    K = _rbf(X, X, length, 1.0) + 1e-2 * np.eye(X.shape[0])
    Ks = _rbf(Xs, X, length, 1.0)
    mean = Ks @ np.linalg.solve(K, y)
    return np.sum(mean ** 2)


def gp_scipy_cho(theta, X, y):
    from scipy.linalg import cho_factor, cho_solve
    K = _rbf(X, X, np.exp(theta[0]), 1.0) + np.exp(theta[1]) * np.eye(len(y))
    c, low = cho_factor(K, lower=True)
    a = cho_solve((c, low), y)
    return 0.5 * y.dot(a) + np.log(np.diag(c)).sum()


# --- signal ----------------------------------------------------------------------------------


def fir_smooth(x, taps):
    y = np.convolve(x, taps, mode="valid")
    return np.sum(y ** 2)


def convolve_full_kernel(kernel, x):
    out = np.convolve(x, kernel)
    return np.sum(np.sin(out))


def total_variation_1d(x, lam=0.3, y=None):
    y = x if y is None else y
    return 0.5 * np.sum((x - y) ** 2) + lam * np.sum(np.abs(np.diff(x)))


def second_diff_penalty(x):
    d2 = np.diff(x, n=2)
    return d2 @ d2


def diff_with_prepend(x):
    v = np.diff(x, prepend=0.0)
    return np.sum(v ** 2 * np.arange(1, len(x) + 1))


def moving_average_valid(x, w=3):
    kernel = np.ones(w) / w
    smooth = np.convolve(x, kernel, "same")
    return np.sum((x - smooth) ** 2)


def autocorr_lag(x, lag=2):
    x = x - x.mean()
    return np.sum(x[:-lag] * x[lag:]) / np.sum(x * x)


def circular_conv(x, h):
    n = len(x)
    y = np.zeros_like(x)
    for k in range(len(h)):
        y = y + h[k] * np.roll(x, k)
    return np.sum(y ** 2) / n


def spectral_energy_dft(x):
    n = x.shape[0]
    k = np.arange(n)
    angles = 2 * np.pi * np.outer(k, k) / n
    re, im = np.cos(angles) @ x, -np.sin(angles) @ x
    return np.sum(re ** 2 + im ** 2) / n


def preemphasis(x, coeff=0.97):
    y = np.append(x[0], x[1:] - coeff * x[:-1])
    return np.sum(y ** 2)


def envelope_ema(x, alpha=0.3):
    e = np.empty_like(x)
    e[0] = abs(x[0])
    for i in range(1, len(x)):
        e[i] = alpha * abs(x[i]) + (1 - alpha) * e[i - 1]
    return e.sum()


# --- images and grids ------------------------------------------------------------------------


def laplacian_5pt(u, h=0.5):
    lap = (u[2:, 1:-1] + u[:-2, 1:-1] + u[1:-1, 2:] + u[1:-1, :-2] - 4 * u[1:-1, 1:-1]) / h ** 2
    return np.sum(lap ** 2)


def laplacian_roll(u):
    lap = (np.roll(u, 1, axis=0) + np.roll(u, -1, axis=0) + np.roll(u, 1, axis=1)
           + np.roll(u, -1, axis=1) - 4 * u)
    return 0.5 * np.sum(u * lap)


def dirichlet_energy_pad(u):
    p = np.pad(u, 1, mode="constant")
    gx = p[1:, 1:-1] - p[:-1, 1:-1]
    gy = p[1:-1, 1:] - p[1:-1, :-1]
    return (gx ** 2).sum() + (gy ** 2).sum()


def edge_pad_blur(img):
    p = np.pad(img, ((1, 1), (1, 1)), mode="edge")
    blur = (p[:-2, :-2] + p[:-2, 1:-1] + p[:-2, 2:] + p[1:-1, :-2] + p[1:-1, 1:-1]
            + p[1:-1, 2:] + p[2:, :-2] + p[2:, 1:-1] + p[2:, 2:]) / 9.0
    return np.mean((img - blur) ** 2)


def reflect_pad_signal(x):
    p = np.pad(x, (2, 2), mode="reflect")
    return np.sum(p[:-4] * p[4:])


def sobel_magnitude(img):
    kx = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=float)
    H, W = img.shape
    gx = np.zeros((H - 2, W - 2))
    gy = np.zeros((H - 2, W - 2))
    for i in range(3):
        for j in range(3):
            patch = img[i:i + H - 2, j:j + W - 2]
            gx += kx[i, j] * patch
            gy += kx[j, i] * patch
    return np.sum(np.sqrt(gx ** 2 + gy ** 2 + 1e-6))


def tv_image_isotropic(u, eps=1e-3):
    dx = np.diff(u, axis=1)[:-1, :]
    dy = np.diff(u, axis=0)[:, :-1]
    return np.sum(np.sqrt(dx ** 2 + dy ** 2 + eps))


def heat_explicit_2d(u0, steps=4, r=0.2):
    u = u0.copy()
    for _ in range(steps):
        u[1:-1, 1:-1] = u[1:-1, 1:-1] + r * (u[2:, 1:-1] + u[:-2, 1:-1] + u[1:-1, 2:]
                                             + u[1:-1, :-2] - 4 * u[1:-1, 1:-1])
    return np.sum(u ** 2)


def downsample_mean(img):
    H, W = img.shape
    pooled = img.reshape(H // 2, 2, W // 2, 2).mean(axis=(1, 3))
    return np.sum(np.tanh(pooled))


def wrap_pad_periodic(u):
    p = np.pad(u, ((0, 0), (1, 1)), mode="wrap")
    grad = (p[:, 2:] - p[:, :-2]) / 2.0
    return np.sum(grad ** 2)


def gradient_numpy_2d(f):
    gy, gx = np.gradient(f)
    return np.sum(gx * gx + gy * gy)


def histogram_equalize_soft(img, centers=np.linspace(-1, 1, 5), width=0.4):  # noqa: B008
    w = np.exp(-((img.ravel()[:, None] - centers) / width) ** 2)
    hist = w.sum(axis=0) / w.sum()
    return -np.sum(hist * np.log(hist))


def unsharp_mask(img, amount=0.5):
    p = np.pad(img, 1, mode="edge")
    blur = (p[:-2, 1:-1] + p[2:, 1:-1] + p[1:-1, :-2] + p[1:-1, 2:]) / 4.0
    sharp = img + amount * (img - blur)
    return np.sum(np.clip(sharp, -1.0, 1.0) ** 2)
