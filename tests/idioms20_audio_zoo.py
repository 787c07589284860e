"""Audio effects written by hand, sample by sample, as plug-in prototypes in NumPy are
(re-imagined, none copied): an envelope follower with separate attack and release (a branch per
sample), a feed-forward compressor with a soft knee in dB, a noise gate smoothed by a one-pole, a
biquad from RBJ cookbook coefficients run in direct form I and in transposed direct form II with
state in a list, a cascade of biquads from a list of dicts, a first-order allpass phaser, a
Schroeder allpass reverb with a circular buffer written in place, a tremolo and a ring modulator,
a tanh waveshaper with oversampling by ``np.repeat``, a bit-crusher made smooth, a DC blocker, a
pre-emphasis filter by slices, an RMS meter with ``np.errstate``, a loudness in LUFS-style
blocks, a spectral centroid by ``np.fft.rfft`` magnitudes, a parametric EQ gain curve on a
frequency grid, a stereo panner with the constant-power law, a crossfade, a chorus by linear
interpolation at a fractional delay, a float32 mono mix kept float32.
``tests/test_idioms20.py`` differentiates each."""

import math

import numpy as np

FS = 8000.0


def envelope_follower(x, attack=0.3, release=0.05):
    env = 0.0
    out = np.zeros_like(x)
    for n, v in enumerate(np.abs(x)):
        coeff = attack if v > env else release
        env += coeff * (v - env)
        out[n] = env
    return np.sum(out ** 2)


def _db(x, floor=1e-9):
    return 20.0 * np.log10(np.maximum(x, floor))


def soft_knee_compressor(x, threshold=-12.0, ratio=4.0, knee=6.0):
    level = _db(np.abs(x))
    over = level - threshold
    gain_db = np.where(
        over <= -knee / 2, 0.0,
        np.where(over >= knee / 2, (1 / ratio - 1) * over,
                 (1 / ratio - 1) * (over + knee / 2) ** 2 / (2 * knee)))
    y = x * 10.0 ** (gain_db / 20.0)
    return np.sum(y ** 2)


def noise_gate(x, threshold=0.2, smooth=0.3):
    g = 0.0
    y = []
    for v in x:
        target = 1.0 / (1.0 + np.exp(-(abs(v) - threshold) * 20.0))
        g = g + smooth * (target - g)
        y.append(g * v)
    return np.sum(np.array(y) ** 2)


def rbj_lowpass(f0, q, fs=FS):
    w0 = 2 * math.pi * f0 / fs
    alpha = math.sin(w0) / (2 * q)
    cw = math.cos(w0)
    b = np.array([(1 - cw) / 2, 1 - cw, (1 - cw) / 2])
    a = np.array([1 + alpha, -2 * cw, 1 - alpha])
    return b / a[0], a / a[0]


def biquad_df1(x, f0, q):
    b, a = rbj_lowpass(f0, q)
    x1 = x2 = y1 = y2 = 0.0
    y = np.empty_like(x)
    for n in range(len(x)):
        yn = b[0] * x[n] + b[1] * x1 + b[2] * x2 - a[1] * y1 - a[2] * y2
        x2, x1 = x1, x[n]
        y2, y1 = y1, yn
        y[n] = yn
    return np.sum(y ** 2)


def biquad_tdf2(x, coeffs):
    b0, b1, b2, a1, a2 = coeffs
    state = [0.0, 0.0]
    out = []
    for v in x:
        y = b0 * v + state[0]
        state[0] = b1 * v - a1 * y + state[1]
        state[1] = b2 * v - a2 * y
        out.append(y)
    return np.dot(out, out)


def eq_cascade(x, sections):
    y = x
    for sec in sections:
        b, a = rbj_lowpass(sec["f0"], sec["q"])
        z1 = z2 = 0.0
        nxt = np.zeros_like(y)
        for n in range(len(y)):
            o = b[0] * y[n] + z1
            z1 = b[1] * y[n] - a[1] * o + z2
            z2 = b[2] * y[n] - a[2] * o
            nxt[n] = o
        y = nxt * sec.get("gain", 1.0)
    return np.sum(y ** 2)


def allpass_phaser(x, coeff, stages=2, mix=0.5):
    y = x.copy()
    for _ in range(stages):
        prev_in = 0.0
        prev_out = 0.0
        for n in range(len(y)):
            cur = y[n]
            out = -coeff * cur + prev_in + coeff * prev_out
            prev_in, prev_out = cur, out
            y[n] = out
    return np.sum((mix * x + (1 - mix) * y) ** 2)


def schroeder_allpass(x, g, delay=3):
    buf = np.zeros(delay)
    idx = 0
    out = np.zeros_like(x)
    for n, v in enumerate(x):
        d = buf[idx]
        w = v + g * d
        out[n] = -g * w + d
        buf[idx] = w
        idx = (idx + 1) % delay
    return np.sum(out ** 2)


def tremolo(x, depth, rate=5.0):
    t = np.arange(len(x)) / FS
    lfo = 1.0 - depth * (0.5 + 0.5 * np.sin(2 * np.pi * rate * t))
    return np.sum((x * lfo) ** 2)


def ring_mod(x, freq):
    t = np.arange(len(x)) / FS
    return np.mean(x * np.sin(2 * np.pi * freq * t)) ** 2


def oversampled_waveshaper(x, drive, factor=4):
    up = np.repeat(x, factor)
    shaped = np.tanh(drive * up) / np.tanh(drive)
    down = shaped.reshape(-1, factor).mean(axis=1)
    return np.sum((down - x) ** 2)


def smooth_bitcrush(x, levels=8.0, sharp=0.6):
    scaled = x * levels
    frac = scaled - np.floor(scaled)
    stepped = np.floor(scaled) + 0.5 * (1 + np.tanh((frac - 0.5) / sharp) / np.tanh(0.5 / sharp))
    return np.sum((stepped / levels) ** 2)


def dc_blocker(x, r=0.995):
    y = np.zeros_like(x)
    y[0] = x[0]
    for n in range(1, len(x)):
        y[n] = x[n] - x[n - 1] + r * y[n - 1]
    return y @ y


def pre_emphasis(x, coeff=0.97):
    y = np.empty_like(x)
    y[0] = x[0]
    y[1:] = x[1:] - coeff * x[:-1]
    return np.sum(y ** 2)


def rms_meter_db(x, block=4):
    frames = x[: len(x) // block * block].reshape(-1, block)
    with np.errstate(divide="ignore"):
        rms = np.sqrt(np.mean(frames ** 2, axis=1))
        db = 20 * np.log10(rms)
    return np.max(db) - np.min(db)


def block_loudness(x, block=4, gate=-70.0):
    power = (x[: len(x) // block * block].reshape(-1, block) ** 2).mean(axis=1)
    lufs = -0.691 + 10 * np.log10(power)
    keep = lufs > gate
    return -0.691 + 10 * np.log10(np.mean(power[keep]))


def spectral_centroid(x):
    mag = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    freqs = np.fft.rfftfreq(len(x), d=1 / FS)
    return np.sum(freqs * mag) / np.sum(mag)


def spectral_centroid_dft(x):
    n = len(x)
    k = np.arange(n // 2 + 1)[:, None]
    angle = 2 * np.pi * k * np.arange(n)[None, :] / n
    w = x * np.hanning(n)
    re, im = np.cos(angle) @ w, -np.sin(angle) @ w
    mag = np.sqrt(re ** 2 + im ** 2)
    freqs = np.fft.rfftfreq(n, d=1 / FS)
    return np.sum(freqs * mag) / np.sum(mag)


def peaking_eq_curve(gain_db, f0, q=1.2, n=32):
    freqs = np.geomspace(50.0, 3500.0, n)
    A = 10 ** (gain_db / 40)
    ratio = freqs / f0
    shape = 1.0 / (1.0 + (q * (ratio - 1.0 / ratio)) ** 2)
    return np.sum((20 * np.log10(1 + (A * A - 1) * shape)) ** 2)


def constant_power_pan(x, pan):
    theta = (pan + 1.0) * np.pi / 4
    left, right = np.cos(theta) * x, np.sin(theta) * x
    return np.sum(left ** 2) - 0.5 * np.sum(right ** 2)


def crossfade(a, b, curve=0.5):
    t = np.linspace(0.0, 1.0, len(a))
    w = t ** curve
    return np.sum(((1 - w) * a + w * b) ** 2)


def chorus(x, delay, depth=0.3):
    n = np.arange(len(x), dtype=float)
    pos = n - delay
    i0 = np.floor(pos).astype(int)
    frac = pos - i0
    i0 = np.clip(i0, 0, len(x) - 2)
    wet = (1 - frac) * x[i0] + frac * x[i0 + 1]
    return np.sum((x + depth * wet) ** 2)


def mono_mix32(channels, gains):
    mix = np.zeros(channels.shape[1], dtype=channels.dtype)
    for ch, g in zip(channels, gains, strict=True):
        mix += g * ch
    return np.sum(mix * mix)
