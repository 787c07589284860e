"""NumPy written the way people write it (idioms34, part two): ODE integrators with adaptive
steps in ``while`` loops (Bogacki-Shampine, Heun-Euler), RK4 neural ODEs, leapfrog Hamiltonians,
spring-mass chains by ``np.diff``/``np.pad``, Lennard-Jones with a cutoff mask, kinematics and
camera models (planar arms by ``cumsum``, Rodrigues rotations, Procrustes by SVD), Markov chains
by ``solve``/``inv``, Crank-Nicolson by ``solve``, soft dynamic time warping, image filters
(separable blur by ``np.convolve``, ``np.pad`` modes, Richardson-Lucy), gathers by
``np.take_along_axis``, LSTM/GRU cells, attention with causal and padding masks by
``np.where(mask, -np.inf, ...)``, time-series recursions and Kuramoto oscillators."""

from __future__ import annotations

import numpy as np
from scipy.special import expit

# ODE integrators


def _decay_rhs(t, y, k):
    return np.array([-k[0] * y[0] + k[1] * y[1], k[0] * y[0] - (k[1] + 0.3) * y[1] + np.sin(t)])


def rk23_adaptive(k, y0=(1.0, 0.0), T=2.0, tol=1e-5):
    """Bogacki-Shampine 3(2) with error control: a step rejected or accepted in a ``while``
    loop, the next step size from the error ratio clipped by ``min``/``max``."""
    t, h, y = 0.0, 0.1, np.array(y0)
    while t < T:
        h = min(h, T - t)
        k1 = _decay_rhs(t, y, k)
        k2 = _decay_rhs(t + 0.5 * h, y + 0.5 * h * k1, k)
        k3 = _decay_rhs(t + 0.75 * h, y + 0.75 * h * k2, k)
        y_new = y + h * (2 * k1 + 3 * k2 + 4 * k3) / 9
        k4 = _decay_rhs(t + h, y_new, k)
        err = np.max(np.abs(h * (-5 * k1 / 72 + k2 / 12 + k3 / 9 - k4 / 8)))
        if err <= tol:
            t, y = t + h, y_new
        h = h * min(4.0, max(0.2, 0.9 * (tol / (err + 1e-16)) ** (1 / 3)))
    return y @ np.array([1.0, 2.0])


def heun_euler_adaptive(r, x0, t_end=3.0):
    """Logistic growth by a Heun-Euler pair; the step scaled by ``np.sqrt`` of the error ratio;
    ``np.clip`` of the factor."""
    t, x, h, steps = 0.0, x0, 0.2, 0
    while t < t_end - 1e-12 and steps < 400:
        h = min(h, t_end - t)
        f0 = r * x * (1 - x / 5.0)
        xe = x + h * f0
        f1 = r * xe * (1 - xe / 5.0)
        xh = x + 0.5 * h * (f0 + f1)
        err = abs(xh - xe) + 1e-14
        if err < 1e-4:
            t += h
            x = xh
        h *= float(np.clip(0.9 * np.sqrt(1e-4 / err), 0.3, 2.0))
        steps += 1
    return x


def rk4_neural_ode(W, x0, steps=8, dt=0.1):
    """A neural ODE ``dx/dt = tanh(W x)`` by classic RK4 through a helper; ``0.5 * |x(T)|^2``."""
    def f(x):
        return np.tanh(W @ x)

    x = x0
    for _ in range(steps):
        a = f(x)
        b = f(x + 0.5 * dt * a)
        c = f(x + 0.5 * dt * b)
        d = f(x + dt * c)
        x = x + dt / 6 * (a + 2 * b + 2 * c + d)
    return 0.5 * x @ x


def hmc_energy_error(q0, p0, eps=0.15, L=6):
    """A leapfrog trajectory of Hamiltonian Monte Carlo on a banana-shaped potential, its
    gradient written out by hand; the energy error ``H(end) - H(start)``."""
    def U(q):
        return 0.5 * q[0] ** 2 + 0.5 * (q[1] - q[0] ** 2) ** 2

    def dU(q):
        return np.array([q[0] - 2 * q[0] * (q[1] - q[0] ** 2), q[1] - q[0] ** 2])

    q, p = q0.copy(), p0.copy()
    p -= 0.5 * eps * dU(q)
    for i in range(L):
        q += eps * p
        if i < L - 1:
            p -= eps * dU(q)
    p -= 0.5 * eps * dU(q)
    return U(q) + 0.5 * p @ p - U(q0) - 0.5 * p0 @ p0


def pendulum_symplectic(params, steps=30, dt=0.05):
    """A pendulum by symplectic Euler, ``(theta0, log length)``; the bob's final height."""
    theta, omega, g = params[0], 0.0, 9.81
    length = np.exp(params[1])
    for _ in range(steps):
        omega = omega - dt * g / length * np.sin(theta)
        theta = theta + dt * omega
    return -length * np.cos(theta)


def spring_chain_verlet(k, x0, steps=10, dt=0.05):
    """Masses on springs between two walls: extensions by ``np.diff`` of the positions padded
    with the walls (``np.pad(..., constant_values=...)``), velocity Verlet."""
    n = len(x0)

    def accel(x):
        ext = np.diff(np.pad(x, 1, constant_values=(0.0, n + 1.0))) - 1.0
        force = k * ext
        return force[1:] - force[:-1]

    x, v = x0.copy(), np.zeros(n)
    a = accel(x)
    for _ in range(steps):
        x = x + dt * v + 0.5 * dt ** 2 * a
        a_new = accel(x)
        v = v + 0.5 * dt * (a + a_new)
        a = a_new
    return np.sum(v ** 2) + np.sum(x * np.arange(1, n + 1))


def lj_cutoff_shifted(pos, rc=1.6):
    """Lennard-Jones over ``np.triu_indices`` pairs, cut off and shifted: pairs beyond ``rc`` are
    masked by ``np.where``."""
    i, j = np.triu_indices(len(pos), k=1)
    r = np.linalg.norm(pos[i] - pos[j], axis=1)
    inv6 = (1.0 / r) ** 6
    shift = 4 * ((1.0 / rc) ** 12 - (1.0 / rc) ** 6)
    e = np.where(r < rc, 4 * (inv6 ** 2 - inv6) - shift, 0.0)
    return e.sum()


# Kinematics and cameras


def planar_arm_reach(angles, lengths, target):
    """Forward kinematics of a planar arm: absolute angles by ``np.cumsum``, the tip by sums of
    ``lengths * cos``/``sin``; the squared distance to a target."""
    phi = np.cumsum(angles)
    tip = np.array([np.sum(lengths * np.cos(phi)), np.sum(lengths * np.sin(phi))])
    return np.sum((tip - target) ** 2) + 1e-2 * np.sum(np.diff(angles) ** 2)


def rodrigues_reprojection(rvec, pts, uv, f=2.0):
    """Rodrigues' rotation ``R = I + sin(t) K + (1 - cos(t)) K^2`` from an axis-angle vector, a
    pinhole projection of rotated points shifted forward, the reprojection error."""
    theta = np.sqrt(rvec @ rvec)
    kx, ky, kz = rvec / theta
    Kx = np.array([[0.0, -kz, ky], [kz, 0.0, -kx], [-ky, kx, 0.0]])
    R = np.eye(3) + np.sin(theta) * Kx + (1 - np.cos(theta)) * Kx @ Kx
    P = pts @ R.T + np.array([0.0, 0.0, 5.0])
    proj = f * P[:, :2] / P[:, 2:3]
    return np.sum((proj - uv) ** 2)


def procrustes_residual(A, B):
    """Orthogonal Procrustes: the rotation ``U V^T`` from the SVD of ``A^T B``; the residual."""
    U, _, Vt = np.linalg.svd(A.T @ B)
    R = U @ Vt
    return np.sum((A @ R - B) ** 2)


# Markov chains and linear systems


def markov_stationary(logits, reward):
    """A stationary distribution by ``solve``: ``(P^T - I)`` with its last row replaced by ones
    (``np.vstack``), the expected reward under it."""
    P = np.exp(logits - logits.max(axis=1, keepdims=True))
    P = P / P.sum(axis=1, keepdims=True)
    n = len(P)
    A = np.vstack([(P.T - np.eye(n))[:-1], np.ones((1, n))])
    pi = np.linalg.solve(A, np.eye(n)[-1])
    return pi @ reward


def absorbing_steps(logits):
    """An absorbing chain: the fundamental matrix ``N = inv(I - Q)`` of the transient block;
    the expected number of steps from the first state."""
    P = np.exp(logits)
    P /= P.sum(axis=1)[:, None]
    Q = P[:-1, :-1]
    N = np.linalg.inv(np.eye(len(Q)) - Q)
    return N.sum(axis=1)[0]


def pagerank_power(w, damping=0.85, iters=30):
    """PageRank by power iteration on a weighted graph (weights ``exp(w)`` on a fixed pattern)."""
    mask = np.array([[0, 1, 1, 0], [1, 0, 1, 1], [0, 1, 0, 1], [1, 0, 1, 0]], dtype=float)
    W = mask * np.exp(w)
    M = (W / W.sum(axis=1, keepdims=True)).T
    r = np.full(4, 0.25)
    for _ in range(iters):
        r = damping * M @ r + (1 - damping) / 4
    return r @ np.array([1.0, 2.0, 3.0, 4.0])


def crank_nicolson(kappa, u0, steps=5, dt=0.1):
    """Crank-Nicolson for the heat equation: tridiagonal matrices by ``np.diag(..., k=+-1)``,
    one ``solve`` per step."""
    n = len(u0)
    L = np.diag(-2.0 * np.ones(n)) + np.diag(np.ones(n - 1), 1) + np.diag(np.ones(n - 1), -1)
    A = np.eye(n) - 0.5 * dt * kappa * L
    B = np.eye(n) + 0.5 * dt * kappa * L
    u = u0
    for _ in range(steps):
        u = np.linalg.solve(A, B @ u)
    return u @ np.linspace(1.0, 2.0, n)


def soft_dtw(x, y, gamma=0.5):
    """Soft dynamic time warping: a cost matrix by broadcasting, the ``(n+1, m+1)`` table with
    ``np.inf`` borders filled in a double loop by a soft minimum of three neighbours."""
    D = (x[:, None] - y[None, :]) ** 2
    n, m = D.shape
    R = np.full((n + 1, m + 1), np.inf)
    R[0, 0] = 0.0
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            r = -np.array([R[i - 1, j - 1], R[i - 1, j], R[i, j - 1]]) / gamma
            rmax = np.max(r)
            softmin = -gamma * (np.log(np.sum(np.exp(r - rmax))) + rmax)
            R[i, j] = D[i - 1, j - 1] + softmin
    return R[n, m]


# Images


def separable_blur(img, log_sigma, target):
    """A Gaussian blur with a differentiable width: a kernel from ``log_sigma``, rows then columns
    by ``np.convolve(..., mode="same")`` in list comprehensions."""
    sigma = np.exp(log_sigma)
    t = np.arange(-2, 3)
    k = np.exp(-0.5 * (t / sigma) ** 2)
    k = k / k.sum()
    rows = np.stack([np.convolve(r, k, mode="same") for r in img])
    out = np.stack([np.convolve(c, k, mode="same") for c in rows.T]).T
    return np.mean((out - target) ** 2)


def reflect_laplacian_energy(img):
    """A 5-point Laplacian on a reflect-padded image (``np.pad(mode="reflect")``)."""
    p = np.pad(img, 1, mode="reflect")
    lap = p[:-2, 1:-1] + p[2:, 1:-1] + p[1:-1, :-2] + p[1:-1, 2:] - 4 * img
    return 0.5 * np.sum(lap ** 2)


def unsharp_edge(img, amount):
    """Unsharp masking: a 3x3 box blur on an edge-padded image, ``img + amount * (img - blur)``,
    squashed by ``tanh``."""
    p = np.pad(img, ((1, 1), (1, 1)), mode="edge")
    h, w = img.shape
    blur = sum(p[di:di + h, dj:dj + w] for di in range(3) for dj in range(3)) / 9.0
    sharp = img + amount * (img - blur)
    return np.sum(np.tanh(sharp) ** 2)


def richardson_lucy(x0, observed, psf=(0.25, 0.5, 0.25), iters=4):
    """Richardson-Lucy deconvolution in 1-D by ``np.convolve``; differentiated in the start."""
    k = np.array(psf)
    x = x0
    for _ in range(iters):
        blurred = np.convolve(x, k, mode="same")
        x = x * np.convolve(observed / blurred, k[::-1], mode="same")
    return np.sum(x ** 2)


def argmax_gather(scores, feats):
    """Each row's feature at its highest score: ``np.take_along_axis`` at an ``argmax`` with
    ``keepdims``, plus a softmax-weighted mean of the row."""
    idx = np.argmax(scores, axis=1)[:, None]
    picked = np.take_along_axis(feats, idx, axis=1)[:, 0]
    w = np.exp(scores - scores.max(axis=1, keepdims=True))
    soft = np.sum(w * feats, axis=1) / w.sum(axis=1)
    return np.sum(picked ** 2) + np.sum(soft)


# Sequence models


def lstm_split_gates(W, xs, H=3):
    """An LSTM: one matrix product per step of ``[x, h]`` (``np.concatenate``), the gates by
    ``np.split(z, 4)``; the final hidden state's sum of squares."""
    h, c = np.zeros(H), np.zeros(H)
    for x in xs:
        z = W @ np.concatenate([x, h, [1.0]])
        i, f, o, g = np.split(z, 4)
        c = expit(f) * c + expit(i) * np.tanh(g)
        h = expit(o) * np.tanh(c)
    return np.sum(h ** 2)


def gru_hstack(params, xs):
    """A GRU cell with weights in a dict; ``np.hstack`` of input and state."""
    h = np.zeros(params["Wz"].shape[0])
    for x in xs:
        xh = np.hstack([x, h])
        z = expit(params["Wz"] @ xh)
        r = expit(params["Wr"] @ xh)
        n = np.tanh(params["Wn"] @ np.hstack([x, r * h]))
        h = (1 - z) * n + z * h
    return h @ h


def causal_attention(Q, K, V):
    """Causal self-attention: the upper triangle masked by ``np.where(mask, -np.inf, scores)``,
    a max-subtracted softmax (``exp(-inf) = 0``)."""
    T, d = Q.shape
    scores = Q @ K.T / np.sqrt(d)
    mask = np.triu(np.ones((T, T), dtype=bool), k=1)
    scores = np.where(mask, -np.inf, scores)
    w = np.exp(scores - scores.max(axis=1, keepdims=True))
    w /= w.sum(axis=1, keepdims=True)
    return np.sum((w @ V) ** 2)


def padded_batch_attention(X, Wq, lengths):
    """Batched attention with a key-padding mask from sequence lengths
    (``np.arange(T)[None, :] >= lengths[:, None]``) and a large negative fill."""
    B, T, d = X.shape
    Qs = X @ Wq
    s = np.einsum("btd,bsd->bts", Qs, X) / np.sqrt(d)
    pad = np.arange(T)[None, :] >= lengths[:, None]
    s = np.where(pad[:, None, :], -1e9, s)
    a = np.exp(s - s.max(-1, keepdims=True))
    a = a / a.sum(-1, keepdims=True)
    out = a @ X
    valid = (~pad)[:, :, None]
    return np.sum(out ** 2 * valid) / valid.sum()


# Time series and oscillators


def ar2_conditional(phi, y):
    """An AR(2) conditional likelihood: residuals by slices ``y[2:] - phi1 y[1:-1] - phi2 y[:-2]``."""
    e = y[2:] - phi[0] * y[1:-1] - phi[1] * y[:-2]
    s2 = np.mean(e ** 2)
    return 0.5 * len(e) * np.log(s2)


def holt_winters(params, y, m=4):
    """Additive Holt-Winters: smoothing constants by ``expit``, the seasonal state a Python list
    indexed modulo ``m``; one-step-ahead squared errors."""
    alpha, beta, gamma = expit(params)
    level, trend = y[0], y[1] - y[0]
    season = [0.0] * m
    sse = 0.0
    for t in range(1, len(y)):
        pred = level + trend + season[t % m]
        sse += (y[t] - pred) ** 2
        new_level = alpha * (y[t] - season[t % m]) + (1 - alpha) * (level + trend)
        trend = beta * (new_level - level) + (1 - beta) * trend
        season[t % m] = gamma * (y[t] - new_level) + (1 - gamma) * season[t % m]
        level = new_level
    return sse


def kuramoto_order(K, theta0, omega, steps=20, dt=0.05):
    """Kuramoto oscillators by Euler steps on ``np.subtract.outer`` phase differences; the final
    order parameter ``|mean(exp(i theta))|`` by cosines and sines."""
    theta = theta0
    n = len(theta)
    for _ in range(steps):
        coupling = np.sin(np.subtract.outer(theta, theta)).sum(axis=0)
        theta = theta + dt * (omega + K / n * coupling)
    return np.hypot(np.mean(np.cos(theta)), np.mean(np.sin(theta)))


def ista_lasso(b, A, lam=0.1, iters=15):
    """ISTA for the lasso: a gradient step then soft thresholding
    ``np.sign(z) * np.maximum(np.abs(z) - t, 0)``; differentiated in the data ``b``."""
    step = 1.0 / np.linalg.norm(A, 2) ** 2
    x = np.zeros(A.shape[1])
    for _ in range(iters):
        z = x - step * A.T @ (A @ x - b)
        x = np.sign(z) * np.maximum(np.abs(z) - step * lam, 0.0)
    return 0.5 * np.sum((A @ x - b) ** 2) + lam * np.abs(x).sum()
