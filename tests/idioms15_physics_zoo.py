"""Programs written the way physics, optimisation and geometry code is written with NumPy
(re-imagined, none copied): energies of particle systems through pairwise distances by
broadcasting, spring chains, ODE steps in Python loops, line searches and momentum updates in
loops, cross products, norms, angles and rotations.  ``tests/test_idioms15_physics.py``
differentiates each in every mode against central differences."""

import math

import numpy as np

# --- particle systems --------------------------------------------------------------------------


def coulomb_energy(pos, charges):
    diff = pos[:, None, :] - pos[None, :, :]
    r = np.sqrt((diff ** 2).sum(axis=-1) + np.eye(len(pos)))
    iu = np.triu_indices(len(pos), k=1)
    return np.sum(charges[iu[0]] * charges[iu[1]] / r[iu])


def lj_energy_mask(pos, sigma=1.0, eps=1.0):
    n = pos.shape[0]
    d = np.linalg.norm(pos[:, np.newaxis] - pos[np.newaxis], axis=2)
    mask = ~np.eye(n, dtype=bool)
    sr6 = (sigma / d[mask]) ** 6
    return 2 * eps * np.sum(sr6 ** 2 - sr6)


def gravity_potential(pos, masses, G=1.0, soft=0.1):
    energy = 0.0
    for i in range(len(masses)):
        for j in range(i + 1, len(masses)):
            r = np.linalg.norm(pos[i] - pos[j])
            energy -= G * masses[i] * masses[j] / math.sqrt(r * r + soft * soft)
    return energy


def morse_pairs(pos, D=1.0, a=1.5, r0=1.0):
    dx = pos[:, None] - pos[None, :]
    r = np.sqrt(np.sum(dx * dx, axis=-1))
    i, j = np.triu_indices(pos.shape[0], 1)
    return np.sum(D * (1 - np.exp(-a * (r[i, j] - r0))) ** 2)


def spring_chain_energy(x, k=2.0, rest=1.0):
    bonds = np.diff(x, axis=0)
    lengths = np.linalg.norm(bonds, axis=1)
    return 0.5 * k * np.sum((lengths - rest) ** 2)


def bending_energy(x, kb=0.5):
    b = x[1:] - x[:-1]
    cos = np.sum(b[1:] * b[:-1], axis=1) / (np.linalg.norm(b[1:], axis=1)
                                           * np.linalg.norm(b[:-1], axis=1))
    return kb * np.sum(1 - cos)


def harmonic_lattice(u, k=(1.0, 0.5)):
    kx, ky = k
    ex = kx * np.sum((u[1:, :] - u[:-1, :]) ** 2)
    ey = ky * np.sum((u[:, 1:] - u[:, :-1]) ** 2)
    return (ex + ey) / 2


# --- ODE steps in loops ------------------------------------------------------------------------


def velocity_verlet(x0, v0, dt=0.05, steps=8, k=1.3):
    x, v = x0, v0
    a = -k * x
    for _ in range(steps):
        x = x + v * dt + 0.5 * a * dt ** 2
        a_new = -k * x ** 3
        v = v + 0.5 * (a + a_new) * dt
        a = a_new
    return np.sum(x ** 2) + np.sum(v ** 2)


def euler_spring_chain(x0, dt=0.02, steps=6):
    x = x0.copy()
    v = np.zeros_like(x0)
    for _ in range(steps):
        f = np.zeros_like(x)
        f[1:] -= x[1:] - x[:-1]
        f[:-1] += x[1:] - x[:-1]
        v += dt * f
        x += dt * v
    return x[-1] - x[0]


def rk4_pendulum_list(theta0, omega0=0.0, dt=0.1, n=5):
    def rhs(s):
        return np.array([s[1], -9.81 * np.sin(s[0])])

    s = np.array([theta0, omega0])
    trajectory = [s]
    for _ in range(n):
        k1 = rhs(s)
        k2 = rhs(s + dt / 2 * k1)
        k3 = rhs(s + dt / 2 * k2)
        k4 = rhs(s + dt * k3)
        s = s + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        trajectory.append(s)
    traj = np.stack(trajectory)
    return np.sum(traj[:, 0] ** 2)


def sir_model(beta_gamma, s0=0.99, dt=0.5, steps=10):
    beta, gamma = beta_gamma
    s, i, r = s0, 1 - s0, 0.0
    peak = 0.0
    for _ in range(steps):
        new_inf = beta * s * i * dt
        new_rec = gamma * i * dt
        s, i, r = s - new_inf, i + new_inf - new_rec, r + new_rec
        peak = max(peak, i)
    return peak + r


def projectile_while(v0, angle, dt=0.01, drag=0.1):
    x, y = 0.0, 0.0
    vx, vy = v0 * np.cos(angle), v0 * np.sin(angle)
    while True:
        speed = np.hypot(vx, vy)
        vx, vy = vx - drag * speed * vx * dt, vy - (9.81 + drag * speed * vy) * dt
        x, y = x + vx * dt, y + vy * dt
        if y < 0:
            break
    return x


def damped_oscillator_energy(params, x0=1.0, v0=0.0, dt=0.05, n=20):
    k, c = params["k"], params["c"]
    x, v = x0, v0
    energies = []
    for _ in range(n):
        a = -k * x - c * v
        v = v + a * dt
        x = x + v * dt
        energies.append(0.5 * v * v + 0.5 * k * x * x)
    return np.mean(energies)


def heat_rod_implicit_loop(u0, alpha=0.3, steps=3):
    n = len(u0)
    A = (1 + 2 * alpha) * np.eye(n) - alpha * (np.eye(n, k=1) + np.eye(n, k=-1))
    u = u0
    for _ in range(steps):
        u = np.linalg.solve(A, u)
    return u @ u


# --- optimisation inner loops ----------------------------------------------------------------


def _f_quad(x, A):
    return 0.5 * x @ A @ x + np.sum(np.cos(x))


def backtracking_descent(x0, A, steps=4):
    x = x0
    for _ in range(steps):
        g = A @ x - np.sin(x)
        t = 1.0
        while _f_quad(x - t * g, A) > _f_quad(x, A) - 0.5 * t * (g @ g):
            t *= 0.5
        x = x - t * g
    return _f_quad(x, A)


def momentum_sgd(w0, X, y, lr=0.1, beta=0.9, epochs=5):
    w = w0.copy()
    velocity = np.zeros_like(w)
    for _epoch in range(epochs):
        grad = X.T @ (X @ w - y) / len(y)
        velocity = beta * velocity - lr * grad
        w += velocity
    return np.mean((X @ w - y) ** 2)


def nesterov_steps(x0, lr=0.05, mu=0.8, n=6):
    x, v = x0, np.zeros_like(x0)
    for _ in range(n):
        look = x + mu * v
        g = 4 * look ** 3 - 2 * look
        v = mu * v - lr * g
        x = x + v
    return np.sum(x ** 4 - x ** 2)


def adam_loop(theta, target, lr=0.05, b1=0.9, b2=0.999, eps=1e-8, n=4):
    m = np.zeros_like(theta)
    s = np.zeros_like(theta)
    for t in range(1, n + 1):
        g = 2 * (theta - target) * np.exp(-theta ** 2)
        m = b1 * m + (1 - b1) * g
        s = b2 * s + (1 - b2) * g * g
        m_hat = m / (1 - b1 ** t)
        s_hat = s / (1 - b2 ** t)
        theta = theta - lr * m_hat / (np.sqrt(s_hat) + eps)
    return np.sum((theta - target) ** 2)


def golden_section_value(a, lo=-1.0, hi=2.0, iters=12):
    phi = (math.sqrt(5) - 1) / 2
    for _ in range(iters):
        c = hi - phi * (hi - lo)
        d = lo + phi * (hi - lo)
        if (c - a) ** 2 + math.sin(c) < (d - a) ** 2 + math.sin(d):
            hi = d
        else:
            lo = c
    x = (lo + hi) / 2
    return (x - a) ** 2 + math.sin(x)


def newton_min_1d(a, x=0.5, tol=1e-10, max_iter=30):
    for _it in range(max_iter):
        g = 4 * x ** 3 - a
        h = 12 * x ** 2
        step = g / h
        x -= step
        if abs(step) < tol:
            break
    return x


def proximal_gradient(w0, X, y, lam=0.1, lr=0.1, iters=5):
    w = w0
    for _ in range(iters):
        g = X.T @ (X @ w - y)
        z = w - lr * g
        w = np.sign(z) * np.maximum(np.abs(z) - lr * lam, 0.0)
    return 0.5 * np.sum((X @ w - y) ** 2) + lam * np.abs(w).sum()


def gradient_clip_loop(w, steps=3, lr=0.3, max_norm=0.5):
    for _ in range(steps):
        g = np.tanh(w) + 0.1 * w
        norm = np.linalg.norm(g)
        if norm > max_norm:
            g = g * (max_norm / norm)
        w = w - lr * g
    return np.sum(np.log(np.cosh(w)))


# --- geometry --------------------------------------------------------------------------------


def triangle_normals_area(verts, faces):
    a, b, c = verts[faces[:, 0]], verts[faces[:, 1]], verts[faces[:, 2]]
    n = np.cross(b - a, c - a)
    return 0.5 * np.linalg.norm(n, axis=1).sum()


def dihedral_angle(p):
    b0, b1, b2 = p[0] - p[1], p[2] - p[1], p[3] - p[2]
    b1n = b1 / np.linalg.norm(b1)
    v = b0 - np.dot(b0, b1n) * b1n
    w = b2 - np.dot(b2, b1n) * b1n
    x = np.dot(v, w)
    y = np.dot(np.cross(b1n, v), w)
    return np.arctan2(y, x)


def angle_between(u, v):
    cos = u @ v / (np.linalg.norm(u) * np.linalg.norm(v))
    return np.arccos(np.clip(cos, -1.0, 1.0))


def rotation_2d_fit(theta, pts, target):
    c, s = np.cos(theta), np.sin(theta)
    R = np.array([[c, -s], [s, c]])
    return np.sum((pts @ R.T - target) ** 2)


def rodrigues(axis_angle, v):
    theta = np.linalg.norm(axis_angle)
    k = axis_angle / theta
    K = np.array([[0, -k[2], k[1]], [k[2], 0, -k[0]], [-k[1], k[0], 0]])
    R = np.eye(3) + np.sin(theta) * K + (1 - np.cos(theta)) * K @ K
    return np.sum(R @ v)


def euler_angles_rotate(angles, pts):
    a, b, c = angles

    def rz(t):
        return np.array([[np.cos(t), -np.sin(t), 0.0], [np.sin(t), np.cos(t), 0.0],
                         [0.0, 0.0, 1.0]])

    def rx(t):
        return np.array([[1.0, 0.0, 0.0], [0.0, np.cos(t), -np.sin(t)],
                         [0.0, np.sin(t), np.cos(t)]])

    R = rz(a) @ rx(b) @ rz(c)
    return np.sum((pts @ R.T)[:, 2])


def quaternion_to_matrix_loss(q, v):
    q = q / np.linalg.norm(q)
    w, x, y, zq = q
    R = np.array([
        [1 - 2 * (y * y + zq * zq), 2 * (x * y - zq * w), 2 * (x * zq + y * w)],
        [2 * (x * y + zq * w), 1 - 2 * (x * x + zq * zq), 2 * (y * zq - x * w)],
        [2 * (x * zq - y * w), 2 * (y * zq + x * w), 1 - 2 * (x * x + y * y)],
    ])
    return np.sum((R @ v) ** 2 * np.array([1.0, 2.0, 3.0]))


def tetra_volume(p):
    return abs(np.dot(p[1] - p[0], np.cross(p[2] - p[0], p[3] - p[0]))) / 6.0


def point_line_distance(p, a, b):
    ab = b - a
    t = np.dot(p - a, ab) / np.dot(ab, ab)
    closest = a + t * ab
    return np.linalg.norm(p - closest)


def polygon_perimeter_area(xy):
    x, y = xy[:, 0], xy[:, 1]
    area = 0.5 * (np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))
    edges = np.roll(xy, -1, axis=0) - xy
    return area + np.sum(np.hypot(edges[:, 0], edges[:, 1]))


def procrustes_residual(A, B):
    M = A.T @ B
    U, _, Vt = np.linalg.svd(M)
    R = U @ Vt
    return np.sum((A @ R - B) ** 2)


def cross_product_chain(u, v, w):
    return np.linalg.norm(np.cross(np.cross(u, v), w)) + np.dot(u, np.cross(v, w))
