"""NumPy written the way other projects write it (idioms31, part two): statistics (maximum
likelihood of a normal and a Student-t, a beta-binomial, a kernel density, the evidence of Bayesian
linear regression, an AR(2) likelihood, the pinball loss), optimisation loops unrolled (gradient
descent, heavy-ball momentum, Adam, Newton's square root; Rosenbrock and Rastrigin) and signal
processing (an FIR filter by ``np.convolve``, exponential smoothing, a power spectrum, a windowed
energy, an autocorrelation, a moving average, a chirp's phase)."""

from __future__ import annotations

import numpy as np
from scipy import special

# statistics


def normal_mle(params, data):
    mu, log_sigma = params
    sigma = np.exp(log_sigma)
    z = (data - mu) / sigma
    return np.sum(0.5 * z ** 2 + log_sigma + 0.5 * np.log(2 * np.pi))


def student_t_nll(params, data):
    loc, log_scale, log_df = params
    scale, df = np.exp(log_scale), np.exp(log_df)
    z = (data - loc) / scale
    logpdf = (special.gammaln((df + 1) / 2) - special.gammaln(df / 2)
              - 0.5 * np.log(df * np.pi) - log_scale
              - (df + 1) / 2 * np.log1p(z ** 2 / df))
    return -np.sum(logpdf)


def beta_binomial_loglik(log_ab, successes, trials):
    a, b = np.exp(log_ab)
    log_choose = (special.gammaln(trials + 1) - special.gammaln(successes + 1)
                  - special.gammaln(trials - successes + 1))
    return np.sum(log_choose + special.betaln(successes + a, trials - successes + b)
                  - special.betaln(a, b))


def kde_log_density(x_query, samples, bandwidth=0.5):
    diffs = (x_query[:, None] - samples[None, :]) / bandwidth
    log_kernel = -0.5 * diffs ** 2 - 0.5 * np.log(2 * np.pi)
    return np.sum(special.logsumexp(log_kernel, axis=1) - np.log(len(samples) * bandwidth))


def blr_log_evidence(log_alpha_beta, X, y):
    alpha, beta = np.exp(log_alpha_beta)
    n, d = X.shape
    A = alpha * np.eye(d) + beta * X.T @ X
    m = beta * np.linalg.solve(A, X.T @ y)
    fit = beta / 2 * np.sum((y - X @ m) ** 2) + alpha / 2 * m @ m
    _, logdet = np.linalg.slogdet(A)
    return (d / 2 * np.log(alpha) + n / 2 * np.log(beta) - fit - 0.5 * logdet
            - n / 2 * np.log(2 * np.pi))


def ar2_loglik(params, y):
    phi1, phi2, log_s = params
    resid = y[2:] - phi1 * y[1:-1] - phi2 * y[:-2]
    s2 = np.exp(2 * log_s)
    return -0.5 * np.sum(resid ** 2) / s2 - len(resid) * log_s


def pinball_loss(q_pred, y, taus=(0.1, 0.5, 0.9)):
    total = 0.0
    for q, tau in zip(q_pred, taus):  # noqa: B905  (as people write it)
        diff = y - q
        total += np.mean(np.maximum(tau * diff, (tau - 1) * diff))
    return total


def label_smoothed_xent(logits, labels, eps=0.1):
    k = logits.shape[1]
    log_p = logits - special.logsumexp(logits, axis=1, keepdims=True)
    target = np.full(logits.shape, eps / k)
    target[np.arange(len(labels)), labels] += 1.0 - eps
    return -np.sum(target * log_p) / len(labels)


# optimisation loops


def quadratic_gd(x0, lr, A, b, steps=8):
    x = x0
    for _ in range(steps):
        grad = A @ x - b
        x = x - lr * grad
    return 0.5 * x @ A @ x - b @ x


def heavy_ball(x0, A, lr=0.1, beta=0.9, steps=10):
    x, v = x0, np.zeros_like(x0)
    for _ in range(steps):
        v = beta * v - lr * (A @ x)
        x = x + v
    return np.sum(x ** 2)


def adam_unrolled(w0, X, y, lr=0.05, steps=6, b1=0.9, b2=0.999, eps=1e-8):
    w = w0
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for t in range(1, steps + 1):
        g = X.T @ (X @ w - y) / len(y)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        m_hat = m / (1 - b1 ** t)
        v_hat = v / (1 - b2 ** t)
        w = w - lr * m_hat / (np.sqrt(v_hat) + eps)
    return np.mean((X @ w - y) ** 2)


def newton_sqrt(a, iterations=6):
    x = a if a > 1.0 else 1.0
    for _ in range(iterations):
        x = 0.5 * (x + a / x)
    return x


def rosenbrock_nd(x):
    return np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2)


def rastrigin(x, A=10.0):
    return A * len(x) + np.sum(x ** 2 - A * np.cos(2 * np.pi * x))


# signal processing


def fir_filter_energy(taps, x):
    y = np.convolve(x, taps, mode="same")
    return np.sum(y ** 2)


def exp_smoothing_sse(alpha, y):
    level = y[0]
    sse = 0.0
    for obs in y[1:]:
        sse += (obs - level) ** 2
        level = alpha * obs + (1 - alpha) * level
    return sse


def band_power(x, lo=1, hi=4):
    spectrum = np.abs(np.fft.rfft(x)) ** 2 / len(x)
    return np.sum(spectrum[lo:hi]) / np.sum(spectrum)


def hann_energy(x):
    n = len(x)
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / (n - 1))
    frame = x * window
    return np.log(np.sum(frame ** 2) + 1e-3)


def autocorr_penalty(x, max_lag=3):
    xc = x - x.mean()
    full = np.correlate(xc, xc, mode="full")
    mid = len(x) - 1
    acf = full[mid:mid + max_lag + 1] / full[mid]
    return np.sum(acf[1:] ** 2)


def moving_average_residual(x, width=3):
    kernel = np.ones(width) / width
    smooth = np.convolve(x, kernel, mode="valid")
    return np.sum((x[width // 2: width // 2 + len(smooth)] - smooth) ** 2)


def chirp_fit(params, t, observed):
    f0, k, phase = params
    model = np.sin(2 * np.pi * (f0 * t + 0.5 * k * t ** 2) + phase)
    return np.mean((model - observed) ** 2)
