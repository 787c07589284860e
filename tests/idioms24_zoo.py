"""NumPy written the way people write it, in forms the earlier zoos do not take: Python's own
``math`` module on numbers, ``functools.reduce`` over a list of matrices, a class whose
``__call__`` holds the weights, the walrus, star unpacking (``x, y, *rest = p``), ``while True``
with a ``break``, ``sorted`` with a key, ``min``/``max`` builtins over generators; NumPy's
``np.piecewise``/``np.select``/``np.polyval``/``np.interp``/``np.trapezoid``/``np.gradient``,
``np.prod`` of cosines (Griewank), ``np.maximum.accumulate`` (a drawdown), ``np.take_along_axis``,
``np.cov``/``np.corrcoef``/``np.median``, ``np.pad`` by ``"wrap"``/``"edge"``, ``np.roll``
stencils, ``np.hypot``/``np.arctan2``, ``scipy.special.i0e`` (von Mises), ``logsumexp(b=)``,
``log_softmax``; Kuramoto oscillators, a Brusselator by Heun's method, a wave equation by
leapfrog on a ring, a mean-field fixed point by a tolerance loop, GRU/attention/Gumbel-softmax
with dict parameters, Ackley/Griewank/Styblinski-Tang/Michalewicz, a shoelace area by
``np.roll``, rotation matrices built from active numbers, a safe ``sqrt`` by the double
``np.where``."""

from __future__ import annotations

import functools
import math

import numpy as np
import scipy.special

trapezoid = getattr(np, "trapezoid", None) or np.trapz  # (np.trapz before NumPy 2.0)

# --- physics ---


def kuramoto(theta, omega, K=1.3, dt=0.05, steps=6):
    n = len(theta)
    for _ in range(steps):
        coupling = np.sin(theta[None, :] - theta[:, None]).sum(axis=1)
        theta = theta + dt * (omega + K / n * coupling)
    r = np.abs(np.mean(np.cos(theta))) + np.mean(np.sin(theta)) ** 2
    return r


def brusselator_heun(u0, a, b, h=0.05, t_end=0.3):
    def rhs(u):
        x, y = u
        return np.array([a + x * x * y - (b + 1.0) * x, b * x - x * x * y])

    t, u = 0.0, u0
    while t < t_end - 1e-12:
        k1 = rhs(u)
        k2 = rhs(u + h * k1)
        u = u + 0.5 * h * (k1 + k2)
        t += h
    return u


def wave_ring_leapfrog(u0, c, dt=0.1, steps=5):
    u_prev = u0.copy()
    u = u0.copy()
    for _ in range(steps):
        lap = np.roll(u, 1) - 2.0 * u + np.roll(u, -1)
        u_next = 2.0 * u - u_prev + (c * dt) ** 2 * lap
        u_prev, u = u, u_next
    return 0.5 * np.sum((u - u_prev) ** 2) / dt ** 2 + 0.5 * c ** 2 * np.sum((np.roll(u, -1) - u) ** 2)


def mean_field_fixed_point(J, h, beta=0.7, tol=1e-10):
    m = np.zeros_like(h)
    while True:
        new = np.tanh(beta * (J @ m + h))
        if np.max(np.abs(new - m)) < tol:
            break
        m = new
    return -0.5 * m @ J @ m - h @ m


def orbit_polar(pos, vel, dt=0.1, steps=4):
    x, y = pos
    vx, vy = vel
    for _ in range(steps):
        r = math.hypot(x, y)
        ax, ay = -x / r ** 3, -y / r ** 3
        vx, vy = vx + dt * ax, vy + dt * ay
        x, y = x + dt * vx, y + dt * vy
    return np.arctan2(y, x) + np.hypot(vx, vy)


def double_pendulum_energy(state, m1=1.0, m2=0.7, l1=1.0, l2=0.8, g=9.81):
    t1, t2, w1, w2 = state
    kinetic = 0.5 * (m1 + m2) * l1 ** 2 * w1 ** 2 + 0.5 * m2 * l2 ** 2 * w2 ** 2 \
        + m2 * l1 * l2 * w1 * w2 * math.cos(t1 - t2)
    potential = -(m1 + m2) * g * l1 * math.cos(t1) - m2 * g * l2 * math.cos(t2)
    return kinetic + potential


# --- statistics ---


def von_mises_mixture(angles, mus, log_kappas, logits):
    kappa = np.exp(log_kappas)
    log_w = scipy.special.log_softmax(logits)
    # log I0(k) = log(i0e(k)) + k
    log_norm = np.log(2 * np.pi * scipy.special.i0e(kappa)) + kappa
    comp = kappa * np.cos(angles[:, None] - mus[None, :]) - log_norm + log_w
    return -scipy.special.logsumexp(comp, axis=1).sum()


def kde_weighted(x_eval, data, weights, bw):
    z = (x_eval[:, None] - data[None, :]) / bw
    logk = -0.5 * z ** 2 - math.log(math.sqrt(2 * math.pi)) - np.log(bw)
    return np.mean(scipy.special.logsumexp(logk, axis=1, b=weights / weights.sum()))


def student_t_nll(params, y):
    loc, log_scale, log_df = params
    scale, df = math.exp(log_scale), math.exp(log_df)
    z = (y - loc) / scale
    ll = (scipy.special.gammaln((df + 1) / 2) - scipy.special.gammaln(df / 2)
          - 0.5 * math.log(df * math.pi) - math.log(scale)
          - (df + 1) / 2 * np.log1p(z ** 2 / df))
    return -ll.sum()


def mahalanobis_cov(X, mu):
    C = np.cov(X, rowvar=False) + 0.1 * np.eye(X.shape[1])
    d = X - mu
    return np.mean(np.einsum("ij,jk,ik->i", d, np.linalg.inv(C), d))


def corrcoef_penalty(X):
    R = np.corrcoef(X.T)
    off = R - np.diag(np.diag(R))
    return np.sum(off ** 2)


def median_abs_deviation_loss(r):
    med = np.median(r)
    return np.median(np.abs(r - med)) + 0.1 * np.sum(r ** 2)


def wls_normal_equations(beta, X, y, w):
    resid = y - X @ beta
    W = np.diag(w)
    beta_hat = np.linalg.solve(X.T @ W @ X, X.T @ W @ y)
    return resid @ W @ resid + np.sum((beta - beta_hat) ** 2)


def sorted_pairs_loss(scores, labels):
    pairs = sorted(zip(scores, labels, strict=True), key=lambda p: p[1])
    total = 0.0
    for (s1, l1), (s2, l2) in zip(pairs[:-1], pairs[1:], strict=True):
        if l1 != l2:
            total += np.log1p(np.exp(s1 - s2))
    return total


# --- machine learning ---


def gru_sequence(params, xs):
    h = np.zeros(params["Uz"].shape[0])
    if len(xs) == 0:
        return h.sum()
    for x in xs:
        z = scipy.special.expit(params["Wz"] @ x + params["Uz"] @ h)
        r = scipy.special.expit(params["Wr"] @ x + params["Ur"] @ h)
        h_tilde = np.tanh(params["Wh"] @ x + params["Uh"] @ (r * h))
        h = (1 - z) * h + z * h_tilde
    return np.sum(h ** 2)


def masked_attention(Q, K, V, mask):
    scores = Q @ K.T / math.sqrt(Q.shape[-1])
    scores = np.where(mask, scores, -1e9)
    attn = scipy.special.softmax(scores, axis=-1)
    return np.sum((attn @ V) ** 2)


def layer_norm_mlp(x, gamma, beta, W, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    h = (x - mu) / np.sqrt(var + eps) * gamma + beta
    h = h @ W
    swish = h * scipy.special.expit(h)
    mish = h * np.tanh(np.log1p(np.exp(h)))
    return np.mean(swish + mish)


def gumbel_softmax(logits, tau=0.5):
    noise = np.random.default_rng(7).gumbel(size=logits.shape)
    y = (logits + noise) / tau
    y = y - y.max(axis=-1, keepdims=True)
    soft = np.exp(y) / np.exp(y).sum(axis=-1, keepdims=True)
    return np.sum(soft * np.arange(logits.shape[-1]))


def info_nce(za, zb, temperature=0.2):
    za = za / np.linalg.norm(za, axis=1, keepdims=True)
    zb = zb / np.linalg.norm(zb, axis=1, keepdims=True)
    logits = za @ zb.T / temperature
    logp = scipy.special.log_softmax(logits, axis=1)
    return -np.mean(np.diag(logp))


def label_smoothing_ce(logits, targets, eps=0.1):
    k = logits.shape[1]
    logp = logits - scipy.special.logsumexp(logits, axis=1, keepdims=True)
    nll = -np.take_along_axis(logp, targets[:, None], axis=1)[:, 0]
    smooth = -logp.mean(axis=1)
    return np.mean((1 - eps) * nll + eps * smooth) + 0.0 * k


def focal_binary(logits, y, gamma=2.0, alpha=0.25):
    p = scipy.special.expit(logits)
    pt = np.where(y == 1, p, 1 - p)
    at = np.where(y == 1, alpha, 1 - alpha)
    return np.sum(-at * (1 - pt) ** gamma * np.log(pt))


def distillation_kl(student, teacher, T=2.0):
    p = scipy.special.softmax(teacher / T, axis=-1)
    log_q = scipy.special.log_softmax(student / T, axis=-1)
    return T * T * np.sum(p * (np.log(p) - log_q)) / student.shape[0]


class Dense:
    def __init__(self, W, b):
        self.W = W
        self.b = b

    def __call__(self, x):
        return np.tanh(x @ self.W + self.b)


def callable_layers(W, X):
    layer = Dense(W, np.full(W.shape[1], 0.1))
    return np.sum(layer(X) ** 2)


def triplet_margin(anchor, pos, neg, margin=0.5):
    dp = np.sqrt(np.sum((anchor - pos) ** 2, axis=1) + 1e-9)
    dn = np.sqrt(np.sum((anchor - neg) ** 2, axis=1) + 1e-9)
    return np.mean(np.maximum(dp - dn + margin, 0.0))


# --- optimisation test functions ---


def ackley(x, a=20.0, b=0.2, c=2 * math.pi):
    d = len(x)
    s1 = np.sum(x ** 2)
    s2 = np.sum(np.cos(c * x))
    return -a * np.exp(-b * np.sqrt(s1 / d)) - np.exp(s2 / d) + a + math.e


def griewank(x):
    i = np.arange(1, len(x) + 1)
    return 1 + np.sum(x ** 2) / 4000 - np.prod(np.cos(x / np.sqrt(i)))


def styblinski_tang_star(p):
    x, y, *rest = p
    total = 0.5 * (x ** 4 - 16 * x ** 2 + 5 * x) + 0.5 * (y ** 4 - 16 * y ** 2 + 5 * y)
    for r in rest:
        total += 0.5 * (r ** 4 - 16 * r ** 2 + 5 * r)
    return total


def michalewicz(x, m=5):
    i = np.arange(1, x.size + 1)
    return -np.sum(np.sin(x) * np.sin(i * x ** 2 / np.pi) ** (2 * m))


def rosenbrock_walrus(x):
    total = 0.0
    for i in range(len(x) - 1):
        if (d := x[i + 1] - x[i] ** 2) is not None:
            total += 100 * d ** 2 + (1 - x[i]) ** 2
    return total


# --- signal ---


def fir_valid(taps, x):
    y = np.convolve(x, taps, mode="valid")
    return np.sum(y ** 2)


def autocorr_full(x):
    xc = x - x.mean()
    ac = np.correlate(xc, xc, mode="full")[len(x) - 1:]
    return np.sum((ac[1:] / ac[0]) ** 2)


def cumsum_window(x, w=3):
    c = np.cumsum(np.concatenate(([0.0], x)))
    ma = (c[w:] - c[:-w]) / w
    return np.sum(ma * ma)


def interp_resample(y, xq):
    xp = np.linspace(0.0, 1.0, len(y))
    yq = np.interp(xq, xp, y)
    return trapezoid(yq ** 2, xq)


def gradient_smoothness(y):
    g = np.gradient(y, 0.5)
    return np.sum(g ** 2) + trapezoid(y, dx=0.5)


def polyval_fit(coeffs, t, y):
    return np.mean((np.polyval(coeffs, t) - y) ** 2)


def piecewise_softclip(x):
    return np.sum(np.piecewise(x, [x < -1, x > 1], [lambda v: -1 - np.log(-v),
                                                      lambda v: 1 + np.log(v),
                                                      lambda v: v]))


def select_regimes(x):
    y = np.select([x < -0.5, x < 0.5], [x ** 2, np.sin(x)], default=np.exp(x - 0.5))
    return np.sum(y)


def drawdown(returns):
    wealth = np.cumprod(1.0 + returns)
    peak = np.maximum.accumulate(wealth)
    return np.sum((peak - wealth) / peak)


def heat_padded(u, alpha, steps=3, mode="edge"):
    for _ in range(steps):
        p = np.pad(u, 1, mode=mode)
        u = u + alpha * (p[:-2] + p[2:] - 2 * u)
    return np.sum(u ** 3)


# --- geometry ---


def shoelace_area(xy):
    x, y = xy[:, 0], xy[:, 1]
    return 0.5 * np.abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


def rotate_points(angles, pts):
    def rot(a):
        c, s = math.cos(a), math.sin(a)
        return np.array([[c, -s], [s, c]])

    R = functools.reduce(lambda A, B: A @ B, [rot(a) for a in angles])
    return np.sum((pts @ R.T - pts) ** 2)


def safe_pairwise(X):
    d2 = np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=-1)
    pos = d2 > 0
    d = np.where(pos, np.sqrt(np.where(pos, d2, 1.0)), 0.0)
    return np.sum(np.exp(-d))


def triangle_mesh_area(verts, faces):
    a = verts[faces[:, 1]] - verts[faces[:, 0]]
    b = verts[faces[:, 2]] - verts[faces[:, 0]]
    n = np.cross(a, b)
    return np.sum(np.linalg.norm(n, axis=1)) / 2


def bond_angles(X):
    v1 = X[:-2] - X[1:-1]
    v2 = X[2:] - X[1:-1]
    cos = np.sum(v1 * v2, axis=1) / (np.linalg.norm(v1, axis=1) * np.linalg.norm(v2, axis=1))
    ang = np.arccos(np.clip(cos, -1.0, 1.0))
    return np.sum((ang - 1.9) ** 2)


# --- Python style ---


def closest_center_soft(points, centers):
    total = 0.0
    for p in points:
        d = min(np.sum((p - c) ** 2) for c in centers)
        total += d
    return total


def enumerate_start_decay(ws, decay=0.5):
    total = 0.0
    for k, w in enumerate(ws, start=1):
        total += decay ** k * np.sum(w ** 2)
    return total
