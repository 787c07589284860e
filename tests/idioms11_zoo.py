"""An eleventh batch of programs written the way people write NumPy, in areas the other zoos
leave alone: scipy.optimize-style objectives with ``*args``, RK4/leapfrog integrators that build
lists and ``np.array`` them, small networks written as classes and dataclasses (``grad`` of a
bound method reading ``self.W``), Gaussian processes by Cholesky, mixtures by log-sum-exp,
``np.diff``/``np.gradient``/``np.average``/``np.cross``, ``np.add.at`` and fancy-index writes,
boolean masking, ``assert``, f-strings and logging in the body, dict parameters read by keys made
in a loop (``parameters['W' + str(l)]``, ``weights[f"b{i}"]``).
``tests/test_idioms11.py`` differentiates each in every mode against finite differences."""

import logging
from dataclasses import dataclass

import numpy as np

LOG = logging.getLogger("idioms11")

# --- scipy.optimize-style objectives ------------------------------------------------------------


def least_squares_obj(p, t, y):
    a, b, c = p
    model = a * np.exp(-b * t) + c
    return 0.5 * np.sum((model - y) ** 2)


def beale(xy):
    x, y = xy[0], xy[1]
    return ((1.5 - x + x * y) ** 2 + (2.25 - x + x * y ** 2) ** 2
            + (2.625 - x + x * y ** 3) ** 2)


def penalty_obj(x, *args):
    target, weight = args
    assert x.ndim == 1, "x must be a vector"
    return np.sum((x - target) ** 2) + weight * np.sum(np.maximum(0.0, -x) ** 2)


def barrier_obj(x, mu=0.1):
    if np.any(x <= 0):
        return np.inf
    return np.sum(x * x) - mu * np.sum(np.log(x))


# --- ODE integrators ------------------------------------------------------------------------------


def rk4_decay(y0, k, dt=0.1, steps=6):
    def f(y):
        return -k * y + 0.1 * y ** 2
    ys = [y0]
    y = y0
    for _ in range(steps):
        k1 = f(y)
        k2 = f(y + 0.5 * dt * k1)
        k3 = f(y + 0.5 * dt * k2)
        k4 = f(y + dt * k3)
        y = y + dt / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
        ys.append(y)
    traj = np.array(ys)
    return np.sum(traj ** 2)


def leapfrog_oscillator(q0, p0, omega, dt=0.1, steps=8):
    q, p = q0, p0
    qs = []
    for _ in range(steps):
        p = p - 0.5 * dt * omega ** 2 * q
        q = q + dt * p
        p = p - 0.5 * dt * omega ** 2 * q
        qs.append(q)
    qs = np.array(qs)
    return np.mean(qs ** 2) + p


def euler_lotka(state0, a, dt=0.02, steps=10):
    x, y = state0
    history = []
    for _ in range(steps):
        dx = a * x - 0.5 * x * y
        dy = -0.8 * y + 0.3 * x * y
        x, y = x + dt * dx, y + dt * dy
        history.append([x, y])
    h = np.array(history)
    return h[-1, 0] + 2.0 * h[:, 1].sum()


def rk4_vector(u0, A, dt=0.05, steps=4):
    def rhs(u):
        return A @ u - u ** 3
    u = u0.copy()
    for _ in range(steps):
        k1 = rhs(u)
        k2 = rhs(u + dt / 2 * k1)
        k3 = rhs(u + dt / 2 * k2)
        k4 = rhs(u + dt * k3)
        u += dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
    return np.dot(u, u)


# --- networks as classes --------------------------------------------------------------------------


class Linear:
    def __init__(self, W, b):
        self.W = W
        self.b = b

    def loss(self, X, y):
        pred = X @ self.W + self.b
        return np.mean((pred - y) ** 2)


class TwoLayer:
    def __init__(self, W1, W2):
        self.W1, self.W2 = W1, W2

    def forward(self, x):
        h = np.tanh(x @ self.W1)
        return h @ self.W2

    def loss(self, x, y):
        return 0.5 * np.sum((self.forward(x) - y) ** 2)


@dataclass
class Params:
    w: np.ndarray
    b: float


def dataclass_loss(p, X, y):
    z = X @ p.w + p.b
    return np.mean(np.log1p(np.exp(-y * z)))


def dict_weights_net(weights, x):
    h = x
    for i in range(2):
        h = np.tanh(h @ weights[f"W{i}"] + weights[f"b{i}"])
    return np.sum(h ** 2)


def deep_forward(parameters, X):
    A = X
    L = len(parameters) // 2
    for l in range(1, L):  # noqa: E741  (as the course notes write it)
        A = np.maximum(0, parameters["W" + str(l)] @ A + parameters["b" + str(l)])
    AL = parameters["W" + str(L)] @ A + parameters["b" + str(L)]
    return np.sum(AL ** 2) / X.shape[1]


def formatted_keys(params, x):
    for k in range(len(params) // 2):
        x = np.sin(params["layer%d" % k] * x) + params["shift_{}".format(k)]  # noqa: UP031, UP032
    return np.sum(x ** 2)


def config_keyed(x, cfg):
    act = cfg["activation"]
    if act == "relu":
        y = np.maximum(x, 0.0)
    elif act == "softplus":
        y = np.log1p(np.exp(x))
    else:
        y = np.tanh(x)
    return cfg["scale"] * np.sum(y ** 2)


# --- probabilistic models -------------------------------------------------------------------------


def logsumexp(a, axis=None):
    m = np.max(a, axis=axis, keepdims=True)
    out = m + np.log(np.sum(np.exp(a - m), axis=axis, keepdims=True))
    return np.squeeze(out, axis=axis)


def gmm_loglik(means, x, log_w):
    w = log_w - logsumexp(log_w)
    comp = -0.5 * (x[:, None] - means[None, :]) ** 2 - 0.5 * np.log(2 * np.pi)
    return np.sum(logsumexp(comp + w[None, :], axis=1))


def gp_nll(log_ell, x, y, noise=0.1):
    ell = np.exp(log_ell)
    d = x[:, None] - x[None, :]
    K = np.exp(-0.5 * d ** 2 / ell ** 2) + noise * np.eye(len(x))
    L = np.linalg.cholesky(K)
    alpha = np.linalg.solve(L.T, np.linalg.solve(L, y))
    return 0.5 * y @ alpha + np.sum(np.log(np.diag(L)))


def laplace_logpdf(mu, x, b=1.0):
    return np.sum(-np.log(2.0 * b) - np.abs(x - mu) / b)


def beta_binomial_like(logit_p, k, n):
    p = 1.0 / (1.0 + np.exp(-logit_p))
    return -np.sum(k * np.log(p) + (n - k) * np.log1p(-p))


# --- signal / image -------------------------------------------------------------------------------


def conv2d_slices(img, kern):
    kh, kw = kern.shape
    H, W = img.shape
    out = np.zeros((H - kh + 1, W - kw + 1))
    for i in range(kh):
        for j in range(kw):
            out += kern[i, j] * img[i:i + H - kh + 1, j:j + W - kw + 1]
    return np.sum(out ** 2)


def smooth_diff(x, lam=2.0):
    d1 = np.diff(x)
    d2 = np.diff(x, n=2)
    return np.sum(d1 ** 2) + lam * np.sum(d2 ** 2)


def gradient_energy(f):
    g = np.gradient(f)
    return np.sum(g ** 2)


def same_convolve(x, h):
    y = np.convolve(x, h, mode="same")
    return np.sum(y * x)


def median_free_denoise(x, alpha=0.5):
    y = x.copy()
    y[1:-1] = alpha * x[1:-1] + (1 - alpha) * 0.5 * (x[:-2] + x[2:])
    return np.sum((y - x) ** 2) + np.sum(y ** 2)


# --- statistics -----------------------------------------------------------------------------------


def weighted_var(x, w):
    m = np.average(x, weights=w)
    return np.average((x - m) ** 2, weights=w)


def pinball_loss(pred, y, q=0.8):
    r = y - pred
    return np.mean(np.maximum(q * r, (q - 1) * r))


def gaussian_kernel_density(x, data, h=0.5):
    u = (x[:, None] - data[None, :]) / h
    dens = np.exp(-0.5 * u ** 2).mean(axis=1) / (h * np.sqrt(2 * np.pi))
    return np.sum(np.log(dens))


def zscore_clip(x, k=1.5):
    z = (x - x.mean()) / x.std()
    z = np.where(z > k, k, np.where(z < -k, -k, z))
    return np.sum(z * x)


# --- geometry -------------------------------------------------------------------------------------


def pairwise_energy(X):
    diff = X[:, None, :] - X[None, :, :]
    d2 = np.sum(diff ** 2, axis=-1)
    iu = np.triu_indices(len(X), k=1)
    return np.sum(1.0 / (d2[iu] + 0.1))


def unit_rows(V):
    n = np.linalg.norm(V, axis=1, keepdims=True)
    U = V / n
    return np.sum(U[:, 0] * np.arange(1, len(V) + 1))


def triangle_areas(P, tris):
    a = P[tris[:, 0]]
    b = P[tris[:, 1]]
    c = P[tris[:, 2]]
    n = np.cross(b - a, c - a)
    return np.sum(0.5 * np.linalg.norm(n, axis=1))


def polygon_area(xy):
    x, y = xy[:, 0], xy[:, 1]
    return 0.5 * np.abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))


# --- physics --------------------------------------------------------------------------------------


def lennard_jones(pos, eps=1.0, sigma=1.0):
    n = pos.shape[0]
    e = 0.0
    for i in range(n):
        for j in range(i + 1, n):
            r = np.linalg.norm(pos[i] - pos[j])
            sr6 = (sigma / r) ** 6
            e += 4 * eps * (sr6 ** 2 - sr6)
    return e


def nbody_while(pos, vel, dt=0.01, t_end=0.05):
    t = 0.0
    while t < t_end:
        d = pos[:, None, :] - pos[None, :, :]
        r3 = (np.sum(d ** 2, axis=-1) + 0.1) ** 1.5
        acc = -np.sum(d / r3[:, :, None], axis=1)
        vel = vel + dt * acc
        pos = pos + dt * vel
        t += dt
    return np.sum(pos ** 2) + np.sum(vel)


def spring_network(x, edges, rest, k=3.0):
    e = 0.0
    for (i, j), r0 in zip(edges, rest):  # noqa: B905
        d = np.linalg.norm(x[i] - x[j])
        e = e + 0.5 * k * (d - r0) ** 2
    return e


# --- finance --------------------------------------------------------------------------------------


def discounted_value(rates, cashflows):
    disc = np.cumprod(1.0 / (1.0 + rates))
    return np.sum(cashflows * disc)


def portfolio_growth(w, returns):
    port = returns @ w
    wealth = np.cumprod(1.0 + port)
    return np.log(wealth[-1]) - 0.5 * np.var(port)


def annuity_rate(r, n=10, payment=100.0):
    return payment * (1 - (1 + r) ** (-n)) / r


# --- idioms ---------------------------------------------------------------------------------------


def logged_objective(x, name="x"):
    assert x.ndim == 1, f"{name} must be a vector"
    y = np.log(x)
    LOG.debug(f"{name}: mean log {np.mean(y):.3f} over {len(x)} values")
    return np.sum(y ** 2)


def enumerate_weights(x, ws):
    total = 0.0
    for i, w in enumerate(ws):
        total = total + (i + 1) * np.sum(w * x) ** 2
    return total


def early_return_loop(x, tol=1e-3):
    y = x
    for _ in range(20):
        y = 0.5 * (y + 2.0 / y)
        if np.all(np.abs(y * y - 2.0) < tol):
            return np.sum(y * x)
    return np.sum(y * x)


def masked_positive(x):
    pos = x[x > 0]
    return np.sum(pos ** 2) + x[x < 0].sum()


def fancy_accumulate(v, idx):
    a = np.zeros(4)
    a[idx] += v
    return np.sum(a ** 2)


def add_at_hist(v, idx):
    a = np.zeros(4)
    np.add.at(a, idx, v)
    return np.sum(a ** 2 * np.arange(1, 5))


def astype_mix(x, n):
    scale = np.arange(n).astype(np.float64)
    y = x.astype(np.float64) * scale[:len(x)]
    return np.sum(np.sin(y)) * n


def float32_poly(x):
    return np.sum(x ** 3 - 2 * x)


def zip_pairs(a, b):
    s = 0.0
    for ai, bi in zip(a, b):  # noqa: B905
        s += ai * bi - np.sin(ai)
    return s


def where_chain(x):
    y = np.where(x < -1, -1 - (x + 1) ** 2, np.where(x > 1, 1 + (x - 1) ** 2, x))
    return np.sum(y * np.cos(x))


def damp_tail(x, factor=0.5):
    y = x.copy()
    tail = y[3:]
    tail *= factor
    return np.sum(y ** 2) + np.sum(tail)


def normalize_rows_inplace(A):
    B = A.copy()
    for i in range(B.shape[0]):
        row = B[i]
        row /= np.linalg.norm(row)
    return np.sum(B * A)


def squash_first_row(A):
    B = np.array(A)
    row = B[0]
    row[:] = np.tanh(row)
    return np.sum(B * A)


class Scaler:  # (a class with an __init__ storing its parameters together and a method: followed)
    eps = 1e-8

    def __init__(self, mean, std):
        self.mean, self.std = mean, std

    def transform(self, X):
        return (X - self.mean) / (self.std + self.eps)


def standardized_energy(X, mean, std):
    s = Scaler(mean, std)
    return np.sum(s.transform(X) ** 2)


class MLP:  # (weights passed in as a list, the activation held by the object)
    def __init__(self, activation=np.tanh, scale=1.0):
        self.activation, self.scale = activation, scale

    def forward(self, x, Ws):
        for W in Ws[:-1]:
            x = self.activation(x @ W)
        return self.scale * x @ Ws[-1]

    def loss(self, Ws, x, y):
        return np.mean((self.forward(x, Ws) - y) ** 2)


def softplus(z):
    return np.logaddexp(0.0, z)


ACTIVATIONS = {"tanh": np.tanh, "softplus": softplus}


def _activate(z, name):  # (a small helper, inlined: the table call at a key it is handed)
    return ACTIVATIONS[name](z)


def configured_layer(x, W, act="tanh"):
    return np.sum(_activate(x @ W, act) ** 2)


def piecewise_potential(x, a):  # (np.piecewise with lambdas, a constant and an "otherwise")
    v = np.piecewise(x, [x < -1.0, x > 1.0], [lambda t: a * (t + 1.0) ** 2, 0.25,
                                               lambda t: np.sin(a * t) ** 2])
    return np.sum(v * x)


def piecewise_extra(x, s):
    def smooth(t, scale, power=2.0):
        return scale * np.abs(t) ** power
    return np.sum(np.piecewise(x, (x < 0.0,), (smooth, lambda t, scale, power: np.log1p(t) / power),
                               s, power=3.0))
