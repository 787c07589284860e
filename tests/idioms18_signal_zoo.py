"""Signal processing as it is written in DSP notebooks (re-imagined, none copied): FIR filters
with ``np.convolve`` in every mode and by hand, windowed sinc design, Hann/Hamming/Blackman
windows, framing with ``sliding_window_view`` and strides, a DFT as a matrix product, biquad and
one-pole IIR loops carrying state in tuples, cross-correlation alignment, matched filters, LPC
residuals, pre-emphasis, resampling with ``np.interp`` and a Wiener-style denoiser.
``tests/test_idioms18_signal.py`` differentiates each in every mode."""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def fir_convolve_modes(x, h):
    full = np.convolve(x, h)
    same = np.convolve(x, h, mode="same")
    valid = np.convolve(x, h, "valid")
    return np.sum(full ** 2) + np.sum(same * x) + np.sum(np.tanh(valid))


def fir_by_hand(x, taps):
    n, m = len(x), len(taps)
    y = np.zeros(n)
    for i in range(n):
        for k in range(m):
            if i - k >= 0:
                y[i] += taps[k] * x[i - k]
    return np.sum(y ** 2)


def windowed_sinc_lowpass(x, cutoff, numtaps=7):
    n = np.arange(numtaps) - (numtaps - 1) / 2
    h = 2 * cutoff * np.sinc(2 * cutoff * n) * np.hamming(numtaps)
    h /= np.sum(h)
    y = np.convolve(x, h, mode="same")
    return np.mean((y - x) ** 2)


def window_energy(x):
    n = len(x)
    windows = {"hann": np.hanning(n), "hamming": np.hamming(n), "blackman": np.blackman(n)}
    return sum(np.sum((w * x) ** 2) for w in windows.values())


def frames_sliding_view(x, frame=4, hop=2):
    frames = sliding_window_view(x, frame)[::hop]
    win = np.hanning(frame + 2)[1:-1]
    return np.sum(np.log1p((frames * win) ** 2))


def frames_by_index(x, frame=4, hop=2):
    starts = np.arange(0, len(x) - frame + 1, hop)
    idx = starts[:, None] + np.arange(frame)[None, :]
    frames = x[idx]
    rms = np.sqrt(np.mean(frames ** 2, axis=1) + 1e-8)
    return np.sum(rms)


def dft_matrix_power(x):
    N = len(x)
    k = np.arange(N)
    ang = 2 * np.pi * np.outer(k, k) / N
    re = np.cos(ang) @ x
    im = -np.sin(ang) @ x
    power = (re ** 2 + im ** 2) / N
    return np.sum(power[1:N // 2] * np.arange(1, N // 2))


def spectral_centroid(x):
    N = len(x)
    t = np.arange(N)
    freqs = np.arange(N // 2 + 1)
    C = np.cos(2 * np.pi * freqs[:, None] * t[None, :] / N)
    S = np.sin(2 * np.pi * freqs[:, None] * t[None, :] / N)
    mag = np.sqrt((C @ x) ** 2 + (S @ x) ** 2 + 1e-12)
    return np.sum(freqs * mag) / np.sum(mag)


def biquad_loop(x, b, a):
    x1 = x2 = y1 = y2 = 0.0
    out = []
    for xn in x:
        yn = b[0] * xn + b[1] * x1 + b[2] * x2 - a[0] * y1 - a[1] * y2
        x2, x1 = x1, xn
        y2, y1 = y1, yn
        out.append(yn)
    return np.sum(np.array(out) ** 2)


def one_pole_lowpass(x, alpha):
    y = np.empty_like(x)
    state = 0.0
    for i, v in enumerate(x):
        state = alpha * v + (1 - alpha) * state
        y[i] = state
    return np.sum((y - x) ** 2)


def lfilter_direct_form(b, a, x):
    y = np.zeros_like(x)
    for n in range(len(x)):
        acc = 0.0
        for k in range(len(b)):
            if n - k >= 0:
                acc += b[k] * x[n - k]
        for k in range(1, len(a)):
            if n - k >= 0:
                acc -= a[k] * y[n - k]
        y[n] = acc / a[0]
    return y @ y


def xcorr_alignment(x, y):
    c = np.correlate(x, y, mode="full")
    w = np.exp(c - c.max())
    w /= w.sum()
    lags = np.arange(-len(y) + 1, len(x))
    return np.sum(w * lags)


def matched_filter_snr(x, template):
    t = template / np.linalg.norm(template)
    out = np.correlate(x, t, mode="valid")
    return np.max(out) / (np.std(out) + 1e-6)


def lpc_residual(x, order=2):
    R = np.array([np.dot(x[: len(x) - k], x[k:]) for k in range(order + 1)])
    T = np.array([[R[abs(i - j)] for j in range(order)] for i in range(order)])
    a = np.linalg.solve(T, R[1:])
    pred = np.zeros_like(x)
    for k in range(order):
        pred[k + 1:] += a[k] * x[: len(x) - k - 1]
    return np.sum((x - pred)[order:] ** 2)


def preemphasis_energy(x, coeff=0.97):
    y = np.append(x[0], x[1:] - coeff * x[:-1])
    return np.log(np.sum(y ** 2))


def resample_interp(x, factor=1.5):
    n = len(x)
    t_old = np.arange(n)
    t_new = np.linspace(0, n - 1, int(n * factor))
    y = np.interp(t_new, t_old, x)
    return np.sum(np.diff(y) ** 2)


def wiener_denoise(x, noise_var=0.1, width=3):
    kernel = np.ones(width) / width
    local_mean = np.convolve(x, kernel, mode="same")
    local_var = np.convolve(x ** 2, kernel, mode="same") - local_mean ** 2
    local_var = np.maximum(local_var, noise_var)
    y = local_mean + (local_var - noise_var) / local_var * (x - local_mean)
    return np.sum(y ** 2)


def autocorrelation_loss(x, max_lag=3):
    x = x - x.mean()
    ac = []
    for lag in range(1, max_lag + 1):
        ac.append(np.dot(x[:-lag], x[lag:]) / np.dot(x, x))
    return np.sum(np.square(ac))


def zero_phase_filter(x, h):
    y = np.convolve(x, h, mode="same")
    y = np.convolve(y[::-1], h, mode="same")[::-1]
    return np.sum(y * np.cos(np.arange(len(y))))


def envelope_follower(x, attack=0.3, release=0.05):
    env = 0.0
    total = 0.0
    for v in np.abs(x):
        coeff = attack if v > env else release
        env = env + coeff * (v - env)
        total += env
    return total


def downsample_decimate(x, h, q=2):
    y = np.convolve(x, h, mode="full")[: len(x)]
    return np.sum(y[::q] ** 2)


def chirp_fit_loss(params, t, y):
    f0, k, phase = params
    model = np.sin(2 * np.pi * (f0 * t + 0.5 * k * t ** 2) + phase)
    return np.sum((model - y) ** 2)


def cepstral_like(x):
    N = len(x)
    n = np.arange(N)
    M = np.cos(np.pi * np.outer(n + 0.5, n) / N)  # a DCT-II basis
    spec = np.log(np.abs(M.T @ x) + 1e-3)
    return np.sum((M.T @ spec)[:3] ** 2)


def overlap_add(frames, hop=2):
    n_frames, flen = frames.shape
    out = np.zeros(hop * (n_frames - 1) + flen)
    win = np.hanning(flen)
    for i in range(n_frames):
        out[i * hop: i * hop + flen] += win * frames[i]
    return np.sum(out ** 2)


def scipy_lfilter_loss(x, target, alpha=0.2):
    import scipy.signal
    b, a = [alpha], [1.0, alpha - 1.0]  # (a one-pole smoother as DSP code writes it)
    y = scipy.signal.lfilter(b, a, x)
    return np.mean((y - target) ** 2)
