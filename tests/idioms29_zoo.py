"""NumPy written the way other projects write it (part one): scipy.optimize-style test problems
and least-squares residuals (Powell's singular function, Brown's badly scaled function, an
exponential fit whose Gauss-Newton step goes through a ``np.column_stack`` Jacobian, Bard's
residuals, the helical valley by ``arctan2``, Freudenstein-Roth by ``norm`` of a list, Trid, Dixon-Price by
``np.arange``), scikit-learn-style losses and regularizers (a logistic loss by ``np.logaddexp``
on labels in {-1, 1}, the squared hinge, Huber by ``np.where``, the elastic net, softmax
regression by ``np.take_along_axis``, the Poisson deviance, the pinball loss, a multinomial
loss by ``scipy.special.logsumexp``) and signal processing (an FIR filter by ``np.convolve``,
the energy of Hann-windowed frames, power by ``np.fft.rfft``, a moving average by ``np.cumsum``,
an autocorrelation by ``np.correlate``, a biquad run by a loop)."""

from __future__ import annotations

import numpy as np
from scipy import special

# scipy.optimize-style problems


def powell_singular(x):
    r = np.array([x[0] + 10.0 * x[1], np.sqrt(5.0) * (x[2] - x[3]),
                  (x[1] - 2.0 * x[2]) ** 2, np.sqrt(10.0) * (x[0] - x[3]) ** 2])
    return np.linalg.norm(r) ** 2


def brown_badly_scaled(p):
    x, y = p
    r1 = x - 1e2
    r2 = y - 2e-2
    r3 = x * y - 2.0
    return r1 ** 2 + r2 ** 2 + r3 ** 2


def exp_fit_gauss_newton(params, t, y):
    a, b = params[0], params[1]
    e = np.exp(-b * t)
    r = a * e - y
    jac = np.column_stack([e, -a * t * e])
    g = jac.T @ r
    return 0.5 * np.dot(r, r) + 0.1 * np.sum(g ** 2)


def bard_residuals(x):
    y = np.array([0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39])
    u = np.arange(1, 9, dtype=float)
    v = 9.0 - u
    w = np.minimum(u, v)
    model = x[0] + u / (v * x[1] + w * x[2])
    return np.sum((y - model) ** 2)


def helical_valley(x):
    theta = np.arctan2(x[1], x[0]) / (2.0 * np.pi)
    r = np.hypot(x[0], x[1])
    f = np.array([10.0 * (x[2] - 10.0 * theta), 10.0 * (r - 1.0), x[2]])
    return f @ f


def freudenstein_roth(x):
    f1 = -13.0 + x[0] + ((5.0 - x[1]) * x[1] - 2.0) * x[1]
    f2 = -29.0 + x[0] + ((x[1] + 1.0) * x[1] - 14.0) * x[1]
    return np.linalg.norm([f1, f2]) ** 2


def trid(x):
    return np.sum((x - 1.0) ** 2) - np.sum(x[1:] * x[:-1])


def dixon_price(x):
    i = np.arange(2, x.size + 1)
    return (x[0] - 1.0) ** 2 + np.sum(i * (2.0 * x[1:] ** 2 - x[:-1]) ** 2)


# scikit-learn-style losses


def logistic_loss_pm(w, X, y, alpha=0.1):
    z = X @ w
    return np.mean(np.logaddexp(0.0, -y * z)) + 0.5 * alpha * np.dot(w, w)


def squared_hinge(w, b, X, y, C=1.0):
    margin = y * (X @ w + b)
    loss = np.maximum(0.0, 1.0 - margin) ** 2
    return 0.5 * w @ w + C * loss.sum()


def huber_regression(w, X, y, epsilon=1.35, sigma=1.0):
    r = (y - X @ w) / sigma
    small = np.abs(r) <= epsilon
    per = np.where(small, 0.5 * r ** 2, epsilon * np.abs(r) - 0.5 * epsilon ** 2)
    return sigma * per.sum() + 1e-3 * np.sum(w ** 2)


def elastic_net(w, X, y, alpha=0.05, l1_ratio=0.3):
    n = X.shape[0]
    resid = y - X.dot(w)
    penalty = l1_ratio * np.abs(w).sum() + 0.5 * (1.0 - l1_ratio) * np.square(w).sum()
    return 0.5 / n * resid @ resid + alpha * penalty


def softmax_regression(W, X, labels):
    logits = X @ W
    logits = logits - logits.max(axis=1, keepdims=True)
    log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    picked = np.take_along_axis(log_p, labels[:, np.newaxis], axis=1)
    return -picked.mean()


def poisson_deviance(w, X, y):
    mu = np.exp(X @ w)
    safe = np.where(y > 0, y, 1.0)
    term = np.where(y > 0, y * np.log(safe / mu), 0.0)
    return 2.0 * np.sum(term - (y - mu))


def pinball_loss(w, X, y, q=0.8):
    diff = y - X @ w
    return np.mean(np.where(diff >= 0, q * diff, (q - 1.0) * diff))


def multinomial_logsumexp(W, b, X, Y):
    scores = X @ W + b
    lse = special.logsumexp(scores, axis=1)
    return np.sum(lse - np.sum(Y * scores, axis=1)) / X.shape[0]


# signal processing


def fir_filter_energy(x, taps):
    y = np.convolve(x, taps, mode="same")
    return np.sum(y ** 2)


def hann_frame_energy(signal, frame=4, hop=2):
    window = np.hanning(frame)
    energies = []
    for start in range(0, len(signal) - frame + 1, hop):
        seg = signal[start:start + frame] * window
        energies.append(np.dot(seg, seg))
    return np.log(np.array(energies) + 1e-3).sum()


def rfft_power(x):
    spectrum = np.fft.rfft(x)
    power = np.abs(spectrum) ** 2
    return np.sum(power[1:] * np.arange(1, power.size))


def moving_average_cumsum(x, k=3):
    c = np.cumsum(np.concatenate([[0.0], x]))
    avg = (c[k:] - c[:-k]) / k
    return np.sum(np.tanh(avg))


def autocorrelation(x):
    x = x - x.mean()
    ac = np.correlate(x, x, mode="full")[x.size - 1:]
    return np.sum(ac[1:] ** 2) / ac[0] ** 2


def biquad(x, b, a):
    y = np.zeros_like(x)
    x1 = x2 = y1 = y2 = 0.0
    for n in range(len(x)):
        y[n] = b[0] * x[n] + b[1] * x1 + b[2] * x2 - a[0] * y1 - a[1] * y2
        x2, x1 = x1, x[n]
        y2, y1 = y1, y[n]
    return y
