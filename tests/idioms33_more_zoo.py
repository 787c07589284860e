"""NumPy written the way people write it (idioms33, part two): models by ``np.cumsum`` and
``np.cumprod`` (survival, discounting, Cox partial likelihood), Newton iterations by ``while``
loops, bilinear image warps at ``np.floor`` indices, linear-algebra models (``lstsq``, ``pinv``,
``slogdet``, ``det``, ``inv``), ``einsum`` attention, ReLU nets by ``np.clip`` and
``np.maximum``, convolutions by stride tricks, float32 programs and functions returning tuples of
losses."""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from scipy.special import expit, gammaln

# Cumulative sums and products


def survival_piecewise_hazard(log_h, durations, events):
    """Piecewise-constant hazards: the cumulative hazard by ``np.cumsum``, indexed per subject."""
    h = np.exp(log_h)
    H = np.concatenate([[0.0], np.cumsum(h)])
    return -np.sum(events * np.log(h[durations]) - H[durations + 1])


def discount_cumprod(rates, cash):
    """Discount factors ``prod 1 / (1 + r_k)`` by ``np.cumprod``; the present value."""
    df = np.cumprod(1.0 / (1.0 + rates))
    return cash @ df


def cox_partial_likelihood(beta, X, events):
    """Rows sorted by decreasing time: the risk sets are prefixes (``np.cumsum``)."""
    eta = X @ beta
    log_risk = np.log(np.cumsum(np.exp(eta)))
    return -np.sum((eta - log_risk)[events == 1])


def cox_reversed_cumsum(beta, X, events):
    """Rows sorted by increasing time: a reversed ``cumsum`` (``[::-1]`` twice)."""
    eta = X @ beta
    risk = np.cumsum(np.exp(eta)[::-1])[::-1]
    return -np.sum(events * (eta - np.log(risk)))


def geometric_brownian_path(mu_sigma, z, S0=1.0, dt=0.1):
    """A price path by ``exp(cumsum(increments))`` on fixed normal draws; an Asian payoff."""
    mu, sigma = mu_sigma
    inc = (mu - 0.5 * sigma ** 2) * dt + sigma * np.sqrt(dt) * z
    path = S0 * np.exp(np.cumsum(inc, axis=-1))
    return np.mean(np.maximum(path.mean(axis=-1) - 1.0, 0.0))


def stick_breaking(v_logits):
    """Stick-breaking weights: ``v * cumprod(1 - v)`` shifted."""
    v = expit(v_logits)
    remaining = np.concatenate(([1.0], np.cumprod(1.0 - v)[:-1]))
    w = v * remaining
    return -np.sum(np.log(w)) + np.sum(w * np.arange(len(w)))


def ewma_loop(alpha_logit, x):
    a = expit(alpha_logit)
    s = x[0]
    out = [s]
    for v in x[1:]:
        s = a * v + (1 - a) * s
        out.append(s)
    return np.sum((np.array(out)[:-1] - x[1:]) ** 2)


# Newton iterations


def newton_sqrt_while(a, tol=1e-12):
    x = a if a > 1 else 1.0
    while abs(x * x - a) > tol * a:
        x = 0.5 * (x + a / x)
    return x


def kepler_newton(params):
    """Kepler's equation ``E - e sin E = M`` by Newton, a fixed number of steps."""
    M, e = params[0], params[1]
    E = M
    for _ in range(8):
        E = E - (E - e * np.sin(E) - M) / (1 - e * np.cos(E))
    return np.cos(E) - e


def newton_vector_while(b, max_iter=20):
    """``x + x**3 = b`` elementwise, Newton until the largest residual is small."""
    x = np.zeros_like(b)
    it = 0
    while it < max_iter:
        r = x + x ** 3 - b
        if np.max(np.abs(r)) < 1e-13:
            break
        x = x - r / (1 + 3 * x ** 2)
        it += 1
    return np.sum(x ** 2)


def newton_log_barrier(c, steps=6):
    """Minimize ``c x - log x - log(1 - x)`` on (0, 1) by damped Newton steps."""
    x = 0.5 * np.ones_like(c)
    for _ in range(steps):
        g = c - 1 / x + 1 / (1 - x)
        H = 1 / x ** 2 + 1 / (1 - x) ** 2
        x = np.clip(x - g / H, 1e-6, 1 - 1e-6)
    return np.sum(x)


# Bilinear warps


def bilinear_sample(img, pts):
    """Bilinear interpolation at fractional points: the corners by ``np.floor`` indices."""
    x0 = np.floor(pts[:, 0]).astype(int)
    y0 = np.floor(pts[:, 1]).astype(int)
    fx = pts[:, 0] - x0
    fy = pts[:, 1] - y0
    v = (img[y0, x0] * (1 - fx) * (1 - fy) + img[y0, x0 + 1] * fx * (1 - fy)
         + img[y0 + 1, x0] * (1 - fx) * fy + img[y0 + 1, x0 + 1] * fx * fy)
    return np.sum(v ** 2)


def affine_warp(theta, img):
    """An affine warp of a grid, sampled bilinearly with the coordinates clipped inside."""
    h, w = img.shape
    ys, xs = np.mgrid[1:h - 1, 1:w - 1]
    A = theta.reshape(2, 3)
    coords = np.stack([xs.ravel(), ys.ravel(), np.ones(xs.size)])
    wx, wy = A @ coords
    wx = np.clip(wx, 0, w - 1.001)
    wy = np.clip(wy, 0, h - 1.001)
    ix, iy = np.floor(wx).astype(np.intp), np.floor(wy).astype(np.intp)
    ax, ay = wx - ix, wy - iy
    top = img[iy, ix] * (1 - ax) + img[iy, ix + 1] * ax
    bottom = img[iy + 1, ix] * (1 - ax) + img[iy + 1, ix + 1] * ax
    return np.mean((top * (1 - ay) + bottom * ay) ** 2)


# Linear-algebra models


def lstsq_residual_model(X, y):
    coef, *_ = np.linalg.lstsq(X, y, rcond=None)
    return np.sum((X @ coef - y) ** 2) + np.sum(coef ** 2)


def pinv_projection(A, b):
    x = np.linalg.pinv(A) @ b
    return np.sum(x ** 2) + np.sum(A @ x)


def slogdet_wishart(L_flat, S, nu=5.0):
    """A Wishart-style log density in a precision ``P = L L^T + I``."""
    n = S.shape[0]
    L = L_flat.reshape(n, n)
    P = L @ L.T + np.eye(n)
    sign, logdet = np.linalg.slogdet(P)
    return 0.5 * (nu - n - 1) * logdet - 0.5 * np.trace(P @ S)


def det_jacobian_flow(W, z):
    """A linear flow ``x = W z``: the log-likelihood with ``log |det W|``."""
    x = z @ W.T
    return np.sum(-0.5 * x ** 2) + len(z) * np.log(np.abs(np.linalg.det(W)))


def inv_gaussian_nll(C, X):
    P = np.linalg.inv(C @ C.T + 0.5 * np.eye(len(C)))
    maha = np.einsum("ni,ij,nj->n", X, P, X)
    return 0.5 * np.sum(maha) - 0.5 * len(X) * np.log(np.linalg.det(P))


def ridge_closed_form(lam, X, y):
    """Ridge weights by ``solve`` of the normal equations; a held-out error."""
    d = X.shape[1]
    w = np.linalg.solve(X.T @ X + np.exp(lam) * np.eye(d), X.T @ y)
    return np.mean((X[:2] @ w - y[:2]) ** 2)


# Attention and nets


def einsum_attention(q, k, v):
    """Batched attention, ``bqd,bkd->bqk`` then ``bqk,bkd->bqd``."""
    scores = np.einsum("bqd,bkd->bqk", q, k) / np.sqrt(q.shape[-1])
    scores = scores - scores.max(axis=-1, keepdims=True)
    attn = np.exp(scores)
    attn = attn / attn.sum(axis=-1, keepdims=True)
    out = np.einsum("bqk,bkd->bqd", attn, v)
    return np.sum(out ** 2)


def multihead_attention(x, Wq, Wk):
    """Two heads by a reshape and transpose, ``@`` on stacks."""
    n, d = x.shape
    q = (x @ Wq).reshape(n, 2, d // 2).transpose(1, 0, 2)
    k = (x @ Wk).reshape(n, 2, d // 2).transpose(1, 0, 2)
    s = q @ k.transpose(0, 2, 1)
    a = np.exp(s - s.max(-1, keepdims=True))
    a /= a.sum(-1, keepdims=True)
    out = (a @ k).transpose(1, 0, 2).reshape(n, d)
    return np.sum(np.tanh(out))


def relu_clip_mlp(W1, b1, W2, X):
    h = np.clip(X @ W1 + b1, 0.0, None)
    return np.mean((h @ W2) ** 2)


def relu_maximum_resnet(W, X):
    h = X
    for _ in range(3):
        h = h + np.maximum(h @ W, 0)
    return np.sum(h)


def leaky_relu_net(params, X, y):
    W1, W2 = params
    z = X @ W1
    h = np.where(z > 0, z, 0.01 * z)
    return np.mean((h @ W2 - y) ** 2)


# Convolutions by stride tricks


def conv1d_windows(w, x):
    windows = sliding_window_view(x, len(w))
    return np.sum((windows @ w) ** 2)


def conv2d_windows(k, img):
    patches = sliding_window_view(img, k.shape)
    out = np.einsum("ijkl,kl->ij", patches, k)
    return np.sum(np.maximum(out, 0.0) ** 2)


def max_pool_reshape(img):
    h, w = img.shape
    pooled = img.reshape(h // 2, 2, w // 2, 2).max(axis=(1, 3))
    return np.sum(pooled ** 2)


def conv_same_np(x, kernel):
    return np.sum(np.convolve(x, kernel, mode="same") ** 2)


# float32 programs


def float32_mlp(W, x):
    """A float32 net kept float32: weights and inputs float32, a float32 loss."""
    h = np.tanh(x @ W)
    return np.mean(h * h)


def float32_softmax_xent(logits, labels):
    z = logits - logits.max(axis=1, keepdims=True)
    log_p = z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))
    return -np.mean(log_p[np.arange(len(labels)), labels])


# Tuples of losses and the rest


def vae_losses(mu_logvar, x):
    """Reconstruction and KL terms returned as a pair."""
    mu, logvar = mu_logvar[:, 0], mu_logvar[:, 1]
    recon = np.sum((x - mu) ** 2)
    kl = -0.5 * np.sum(1 + logvar - mu ** 2 - np.exp(logvar))
    return recon, kl


def multitask_losses(W, X, y_reg, y_cls):
    out = X @ W
    mse = np.mean((out[:, 0] - y_reg) ** 2)
    z = out[:, 1]
    bce = np.mean(np.logaddexp(0, z) - y_cls * z)
    return mse, bce, mse + bce


def poisson_glm(beta, X, counts):
    eta = X @ beta
    return np.sum(np.exp(eta) - counts * eta + gammaln(counts + 1))


def student_t_nll(params, x):
    loc, log_scale, log_nu = params
    scale, nu = np.exp(log_scale), np.exp(log_nu)
    z = (x - loc) / scale
    logp = (gammaln((nu + 1) / 2) - gammaln(nu / 2) - 0.5 * np.log(nu * np.pi) - np.log(scale)
            - (nu + 1) / 2 * np.log1p(z ** 2 / nu))
    return -logp.sum()


def sinkhorn_cost(a_logits, C, eps=0.5, iters=15):
    a = np.exp(a_logits) / np.sum(np.exp(a_logits))
    b = np.full(C.shape[1], 1.0 / C.shape[1])
    K = np.exp(-C / eps)
    v = np.ones_like(b)
    for _ in range(iters):
        u = a / (K @ v)
        v = b / (K.T @ u)
    P = u[:, None] * K * v[None, :]
    return np.sum(P * C)


def shoelace_area(xy):
    x, y = xy[:, 0], xy[:, 1]
    return 0.5 * np.abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))


def layer_norm_mlp(W, X, gamma):
    h = X @ W
    mu = h.mean(axis=-1, keepdims=True)
    var = h.var(axis=-1, keepdims=True)
    hn = (h - mu) / np.sqrt(var + 1e-5) * gamma
    return np.sum(np.tanh(hn))


def gru_sequence(W, U, xs):
    """A GRU over a sequence: update and reset gates by ``expit``, the weights split by slices."""
    n = U.shape[1]
    h = np.zeros(n)
    for x in xs:
        zr = expit(W[:2 * n] @ x + U[:2 * n] @ h)
        z, r = zr[:n], zr[n:]
        cand = np.tanh(W[2 * n:] @ x + U[2 * n:] @ (r * h))
        h = (1 - z) * h + z * cand
    return np.sum(h ** 2) + h[0]


def focal_loss(logits, y, gamma=2.0):
    p = expit(logits)
    pt = np.where(y == 1, p, 1 - p)
    return -np.mean((1 - pt) ** gamma * np.log(pt))


def dice_loss(logits, mask):
    p = 1.0 / (1.0 + np.exp(-logits))
    inter = (p * mask).sum()
    return 1.0 - (2 * inter + 1.0) / (p.sum() + mask.sum() + 1.0)


def total_variation(img, noisy, lam=0.1):
    dx = np.diff(img, axis=1)
    dy = np.diff(img, axis=0)
    tv = np.sum(np.sqrt(dx[:-1, :] ** 2 + dy[:, :-1] ** 2 + 1e-6))
    return 0.5 * np.sum((img - noisy) ** 2) + lam * tv


def power_spectrum_fit(x, target):
    spec = np.abs(np.fft.rfft(x)) ** 2
    return np.sum((np.log(spec + 1e-3) - target) ** 2)


def polyval_fit(coef, x, y):
    return np.mean((np.polyval(coef, x) - y) ** 2)


def seir_state_vector(log_rates, dt=0.5, steps=16):
    """SEIR with the compartments in one array, the flows by a stoichiometry matrix."""
    beta, sigma, gamma = np.exp(log_rates)
    y = np.array([0.98, 0.01, 0.01, 0.0])
    flows_to = np.array([[-1, 0, 0], [1, -1, 0], [0, 1, -1], [0, 0, 1]], dtype=float)
    peak = np.zeros(4)
    for _ in range(steps):
        rates = np.array([beta * y[0] * y[2], sigma * y[1], gamma * y[2]])
        y = y + dt * flows_to @ rates
        peak = np.maximum(peak, y)
    return peak[2] + y[3]
