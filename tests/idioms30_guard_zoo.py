"""NumPy written the way other projects write it (idioms30, part three): numerically guarded
code (``np.where(x > 0, np.log(x), 0)`` under ``np.errstate``, ``np.log1p``/``np.expm1``,
``np.nan_to_num``, a zero denominator replaced), linear algebra (``eigh``, ``lstsq``,
``pinv``, ``det``, ``inv``, ``norm(ord=...)``) and complex numbers and FFT power spectra
(an IIR filter's response on the unit circle, Welch-style averaged periodograms, FFT
convolution, phases by ``np.angle``)."""

from __future__ import annotations

import numpy as np

# numerically guarded code


def clipped_entropy(x):
    p = np.clip(x, 0.0, None)
    p = p / p.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        plogp = np.where(p > 0, p * np.log(p), 0.0)
    return -plogp.sum()


def kl_with_zeros(p_logits, q):
    p = np.exp(p_logits) / np.exp(p_logits).sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(q > 0, np.log(p / q), 0.0)
    return np.sum(np.where(q > 0, q * -ratio, 0.0))


def log1mexp(x):
    """log(1 - exp(-x)) for x > 0, Maechler's two branches."""
    return np.where(x < np.log(2.0), np.log(-np.expm1(-x)), np.log1p(-np.exp(-x)))


def log1mexp_sum(x):
    return np.sum(log1mexp(x) * x)


def softplus_inverse(y):
    return np.sum(y + np.log(-np.expm1(-y)))


def safe_ratio_nan_to_num(a, b):
    with np.errstate(divide="ignore", invalid="ignore"):
        r = a / b
    r = np.nan_to_num(r, nan=0.0, posinf=0.0, neginf=0.0)
    return np.sum(r ** 2)


def guarded_normalise(v):
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    u = v / norms
    return np.sum(u[:, 0])


def relative_error_guard(pred, target):
    denom = np.abs(target)
    denom = np.where(denom < 1e-8, 1.0, denom)
    return np.mean(np.abs(pred - target) / denom)


def log_sum_guarded(x):
    m = np.max(x)
    if not np.isfinite(m):
        return m
    return m + np.log(np.sum(np.exp(x - m)))


def sqrt_where_safe(x):
    pos = x > 0
    safe = np.where(pos, x, 1.0)
    return np.sum(np.where(pos, np.sqrt(safe), 0.0))


# linear algebra


def pca_explained(X, k=2):
    Xc = X - X.mean(axis=0)
    C = Xc.T @ Xc / (len(X) - 1)
    evals, evecs = np.linalg.eigh(C)
    top = evals[::-1][:k]
    recon = Xc @ evecs[:, -k:] @ evecs[:, -k:].T
    return top.sum() / evals.sum() + np.mean((Xc - recon) ** 2)


def lstsq_with_rcond(A, b):
    coef, res, rank, sv = np.linalg.lstsq(A, b, rcond=None)
    return np.sum((A @ coef - b) ** 2) + coef @ coef


def pinv_projector(B, x):
    P = B @ np.linalg.pinv(B)
    return x @ P @ x


def det_inv_mix(M):
    A = M @ M.T + np.eye(len(M))
    return np.log(np.linalg.det(A)) + np.trace(np.linalg.inv(A)) + np.linalg.inv(A)[0, 1]


def matrix_norm_family(M):
    return (np.linalg.norm(M, ord=2) + np.linalg.norm(M, ord="fro")
            + np.linalg.norm(M, ord=1) + np.linalg.norm(M, ord=-np.inf))


def vector_norm_family(x):
    return (np.linalg.norm(x, ord=np.inf) + np.linalg.norm(x, 1) + np.linalg.norm(x, ord=3)
            + np.linalg.norm(x, ord=0.5))


def mahalanobis_eigh(x, S):
    w, V = np.linalg.eigh(S @ S.T + np.eye(3))
    z = V.T @ x / np.sqrt(w)
    return z @ z + np.sum(np.log(w))


def solve_triangular_chain(L_raw, b):
    L = np.tril(L_raw) + 3.0 * np.eye(len(b))
    y = np.linalg.solve(L, b)
    return y @ np.linalg.solve(L.T, y)


# complex numbers and FFT


def iir_response_loss(b, a, target_db):
    w = np.linspace(0.05, np.pi - 0.05, len(target_db))
    z = np.exp(-1j * w)
    num = np.polyval(b[::-1], z)
    den = np.polyval(np.concatenate(([1.0], a))[::-1], z)
    H = num / den
    db = 20 * np.log10(np.abs(H))
    return np.mean((db - target_db) ** 2)


def welch_psd(x, nperseg=4, hop=2):
    win = np.hanning(nperseg + 2)[1:-1]
    frames = np.array([x[i:i + nperseg] * win for i in range(0, len(x) - nperseg + 1, hop)])
    spec = np.abs(np.fft.rfft(frames, axis=1)) ** 2
    psd = spec.mean(axis=0) / np.sum(win ** 2)
    freqs = np.fft.rfftfreq(nperseg)
    return np.sum(freqs * psd) / np.sum(psd)


def fft_convolve(a, b):
    n = len(a) + len(b) - 1
    c = np.fft.irfft(np.fft.rfft(a, n) * np.fft.rfft(b, n), n)
    return np.sum(c ** 2) + c[0] * c[-1]


def phase_alignment(x, y):
    X = np.fft.fft(x)
    Y = np.fft.fft(y)
    cross = X * np.conj(Y)
    phase = np.angle(cross[1:len(x) // 2])
    return np.sum(1 - np.cos(phase)) + np.real(cross[0]) * 1e-2


def complex_rotation(theta, z):
    w = z * np.exp(1j * theta)
    return np.sum(w.real ** 2 - w.imag) + np.abs(np.sum(w))


def dft_by_matrix(x):
    n = len(x)
    k = np.arange(n)
    F = np.exp(-2j * np.pi * np.outer(k, k) / n)
    X = F @ x
    return np.sum(np.abs(X[: n // 2 + 1]) ** 2 * np.arange(n // 2 + 1))
