"""NumPy written the way other projects write it (idioms31, part one): small models as tutorials
and test suites write them (logistic and softmax regression, a two-layer network with GELU, an
Elman RNN and a GRU cell unrolled, a 1-D convolution by slices, batch normalisation, Huber and
Poisson regression, ridge by its normal equations and by ``pinv(..., hermitian=True)``) and
physics steps (a pendulum by RK4, a driven Duffing oscillator by symplectic Euler, gravitational
and Lennard-Jones energies over pairs, the heat equation by Crank-Nicolson, the wave equation by
leapfrog, a projectile with drag, Lotka-Volterra, an orbit by leapfrog)."""

from __future__ import annotations

import numpy as np

# small models


def logistic_l2(w, X, y, lam=0.1):
    z = X @ w
    nll = np.sum(np.logaddexp(0.0, z) - y * z)
    return nll / len(y) + 0.5 * lam * w @ w


def softmax_xent(W, X, labels):
    logits = X @ W
    logits = logits - logits.max(axis=1, keepdims=True)
    log_probs = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    return -np.mean(log_probs[np.arange(len(labels)), labels])


def gelu(x):
    return 0.5 * x * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (x + 0.044715 * x ** 3)))


def mlp_gelu(params, X, y):
    W1, b1, W2, b2 = params
    h = gelu(X @ W1 + b1)
    out = h @ W2 + b2
    return np.mean((out.ravel() - y) ** 2)


def elman_rnn_loss(Wx, Wh, xs, target):
    h = np.zeros(Wh.shape[0])
    for x_t in xs:
        h = np.tanh(Wx @ x_t + Wh @ h)
    return 0.5 * np.sum((h - target) ** 2)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def gru_unrolled(W, U, xs):
    """A GRU cell over a sequence: ``W``, ``U`` stack the update, reset and candidate weights."""
    n = U.shape[1]
    h = np.zeros(n)
    for x in xs:
        gates_x = W @ x
        z = sigmoid(gates_x[:n] + U[0] @ h)
        r = sigmoid(gates_x[n:2 * n] + U[1] @ h)
        cand = np.tanh(gates_x[2 * n:] + U[2] @ (r * h))
        h = (1 - z) * h + z * cand
    return np.sum(h ** 2)


def conv1d_valid(kernel, signal):
    k = len(kernel)
    out = np.zeros(len(signal) - k + 1)
    for i in range(k):
        out += kernel[i] * signal[i:i + len(out)]
    return np.sum(np.maximum(out, 0.0) ** 2) + 0.1 * np.sum(out)


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    x_hat = (x - mu) / np.sqrt(var + eps)
    out = gamma * x_hat + beta
    return np.sum(out ** 3)


def huber_regression(w, X, y, delta=1.0):
    r = X @ w - y
    small = np.abs(r) <= delta
    loss = np.where(small, 0.5 * r ** 2, delta * (np.abs(r) - 0.5 * delta))
    return loss.mean()


def poisson_glm(beta, X, counts):
    eta = X @ beta
    mu = np.exp(eta)
    return np.sum(mu - counts * eta)


def ridge_cv_error(log_lam, X, y, X_val, y_val):
    lam = np.exp(log_lam)
    A = X.T @ X + lam * np.eye(X.shape[1])
    w = np.linalg.solve(A, X.T @ y)
    return np.mean((X_val @ w - y_val) ** 2)


def ridge_by_hermitian_pinv(log_lam, X, y):
    """Ridge weights through the pseudo-inverse of the (symmetric) regularised Gram matrix."""
    gram = X.T @ X + np.exp(log_lam) * np.eye(X.shape[1])
    w = np.linalg.pinv(gram, hermitian=True) @ (X.T @ y)
    return np.sum((X @ w - y) ** 2) + w @ w


# physics steps


def pendulum_rk4(state, g=9.81, length=1.0, dt=0.05, steps=20):
    def f(s):
        theta, omega = s
        return np.array([omega, -g / length * np.sin(theta)])

    s = state
    for _ in range(steps):
        k1 = f(s)
        k2 = f(s + 0.5 * dt * k1)
        k3 = f(s + 0.5 * dt * k2)
        k4 = f(s + dt * k3)
        s = s + dt / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
    return s[0] ** 2 + 0.1 * s[1] ** 2


def duffing_symplectic(params, x0, v0, dt=0.05, steps=40):
    """A driven Duffing oscillator by semi-implicit (symplectic) Euler."""
    delta, alpha, beta, gamma = params
    x, v, t = x0, v0, 0.0
    for _ in range(steps):
        v = v + dt * (gamma * np.cos(1.2 * t) - delta * v - alpha * x - beta * x ** 3)
        x = x + dt * v
        t += dt
    return x ** 2 + 0.5 * v ** 2


def gravity_potential(pos, masses, soft=0.1):
    n = len(masses)
    i, j = np.triu_indices(n, k=1)
    diff = pos[i] - pos[j]
    r = np.sqrt(np.sum(diff ** 2, axis=1) + soft ** 2)
    return -np.sum(masses[i] * masses[j] / r)


def lennard_jones(pos, eps=1.0, sigma=1.0):
    d = pos[:, None, :] - pos[None, :, :]
    r2 = np.sum(d ** 2, axis=-1)
    mask = ~np.eye(len(pos), dtype=bool)
    sr6 = (sigma ** 2 / r2[mask]) ** 3
    return 0.5 * np.sum(4 * eps * (sr6 ** 2 - sr6))


def heat_crank_nicolson(u0, log_kappa, dx=0.1, dt=0.01, steps=6):
    """Crank-Nicolson steps of the heat equation, Dirichlet ends (a tridiagonal solve)."""
    n = len(u0)
    r = np.exp(log_kappa) * dt / dx ** 2
    lap = np.diag(np.full(n - 1, 1.0), -1) - 2.0 * np.eye(n) + np.diag(np.full(n - 1, 1.0), 1)
    left = np.eye(n) - 0.5 * r * lap
    right = np.eye(n) + 0.5 * r * lap
    u = u0
    for _ in range(steps):
        u = np.linalg.solve(left, right @ u)
    return u @ u + u.max()


def wave_leapfrog(u0, c=0.5, steps=12):
    u_prev = u0.copy()
    u = u0.copy()
    for _ in range(steps):
        u_next = 2 * u - u_prev + c ** 2 * (np.roll(u, 1) + np.roll(u, -1) - 2 * u)
        u_prev, u = u, u_next
    return np.sum(u * np.linspace(0.0, 1.0, len(u)))


def projectile_drag(v0, angle, k=0.1, dt=0.02, steps=60):
    vx, vy = v0 * np.cos(angle), v0 * np.sin(angle)
    x = y = 0.0
    for _ in range(steps):
        speed = np.sqrt(vx * vx + vy * vy)
        vx = vx - k * speed * vx * dt
        vy = vy - (9.81 + k * speed * vy) * dt
        x += vx * dt
        y += vy * dt
    return x + 0.5 * y


def lotka_volterra(params, z0, dt=0.01, steps=50):
    a, b, c, d = params
    prey, pred = z0
    for _ in range(steps):
        dprey = a * prey - b * prey * pred
        dpred = d * prey * pred - c * pred
        prey, pred = prey + dt * dprey, pred + dt * dpred
    return np.log(prey) + np.log(pred)


def orbit_leapfrog(q, p, dt=0.05, steps=25):
    def force(r):
        return -r / np.linalg.norm(r) ** 3

    p = p + 0.5 * dt * force(q)
    for _ in range(steps):
        q = q + dt * p
        p = p + dt * force(q)
    p = p - 0.5 * dt * force(q)
    return 0.5 * p @ p - 1.0 / np.linalg.norm(q)


def damped_oscillator(params, t):
    amp, log_gamma, omega, phase = params
    x = amp * np.exp(-np.exp(log_gamma) * t) * np.cos(omega * t + phase)
    return np.sum(x ** 2) / len(t)
