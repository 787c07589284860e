"""Programs people differentiate twice, written as they are written: Newton steps on losses,
Hessians of energies with loops, Hessian-vector products of MLP losses, Laplacians of potentials,
the Fisher information of a softmax, helpers, while loops and in-place accumulation into local
arrays (tests/test_second_order_zoo.py checks their second derivatives)."""

import math

import numpy as np


# -- losses, and Newton steps on them -----------------------------------------------------------
def logistic_l2(w, X, y, lam=0.1):
    z = X @ w
    loss = np.sum(np.logaddexp(0.0, z) - y * z) / len(y)
    return loss + 0.5 * lam * np.dot(w, w)


def newton_refined_logistic(w, X, y):  # two Newton steps on the intercept, then the loss
    b = 0.0
    for _ in range(2):
        p = 1.0 / (1.0 + np.exp(-(X @ w + b)))
        g = np.sum(p - y)
        h = np.sum(p * (1.0 - p)) + 1e-3
        b = b - g / h
    z = X @ w + b
    return np.mean(np.logaddexp(0.0, z) - y * z)


def newton_cube_root(a, x0=1.0):  # x**3 = a by a fixed number of Newton steps, in a while loop
    x = x0
    it = 0
    while it < 6:
        x = x - (x ** 3 - a) / (3.0 * x ** 2)
        it += 1
    return x * x


def huber_regression(w, X, y, delta=1.0):
    r = X @ w - y
    small = np.abs(r) <= delta
    return np.sum(np.where(small, 0.5 * r ** 2, delta * (np.abs(r) - 0.5 * delta)))


def log_barrier(x, A, b, c, t=2.0):  # the objective an interior point method takes Newton steps on
    slack = b - A @ x
    return t * np.dot(c, x) - np.sum(np.log(slack))


# -- neural networks --------------------------------------------------------------------------------
def mlp_loss(W1, b1, W2, X, y):
    h = np.tanh(X @ W1 + b1)
    out = h @ W2
    return 0.5 * np.mean((out[:, 0] - y) ** 2)


def _layer(h, W, b):
    return np.tanh(h @ W + b)


def mlp_helper_layers(W1, W2, X, y):
    h = _layer(X, W1, 0.1)
    h = _layer(h, W2, -0.2)
    return np.mean((np.sum(h, axis=1) - y) ** 2)


def softmax_xent(logits, label):
    z = logits.copy()
    z -= np.max(z)
    logp = z - np.log(np.sum(np.exp(z)))
    return -logp[label]


def softmax_regression(W, X, labels):
    total = 0.0
    for i in range(X.shape[0]):
        z = X[i] @ W
        z = z - np.max(z)
        total = total - (z[labels[i]] - np.log(np.sum(np.exp(z))))
    return total / X.shape[0]


def softmax_entropy(logits):
    z = logits - np.max(logits)
    p = np.exp(z)
    p /= np.sum(p)
    return -np.sum(p * np.log(p))


# -- energies, potentials ------------------------------------------------------------------------
def lennard_jones(pos):
    energy = 0.0
    n = pos.shape[0]
    for i in range(n):
        for j in range(i + 1, n):
            d = pos[i] - pos[j]
            r2 = np.dot(d, d)
            inv6 = 1.0 / r2 ** 3
            energy += 4.0 * (inv6 * inv6 - inv6)
    return energy


def _bond(a, b, k, r0):
    r = np.sqrt(np.sum((a - b) ** 2))
    return 0.5 * k * (r - r0) ** 2


def bonded_energy(pos, k=2.0):
    e = _bond(pos[0], pos[1], k, 1.0) + _bond(pos[1], pos[2], k, 1.0)
    u = pos[0] - pos[1]
    v = pos[2] - pos[1]
    cos_t = np.dot(u, v) / np.sqrt(np.dot(u, u) * np.dot(v, v))
    return e + 0.3 * (cos_t + 0.5) ** 2


def coulomb_potential(x, charges, sites):  # its Laplacian is the Hessian's trace
    phi = 0.0
    for q, s in zip(charges, sites, strict=True):
        phi = phi + q / np.sqrt(np.sum((x - s) ** 2) + 0.1)
    return phi


def spring_forces_energy(x, k):  # forces accumulated into a local array, in place
    f = np.zeros_like(x)
    for i in range(len(x) - 1):
        stretch = x[i + 1] - x[i] - 1.0
        f[i] += k * stretch
        f[i + 1] -= k * stretch
    return 0.5 * np.sum(f ** 2) + np.sum(np.cos(x))


def chain_energy_slices(x, k=1.5):
    stretch = np.diff(x) - 1.0
    e = np.zeros(len(x))
    e[:-1] += 0.5 * k * stretch ** 2
    e[1:] += 0.5 * k * stretch ** 2
    return 0.5 * np.sum(e) + 0.1 * np.sum(x ** 4)


def rosenbrock_loop(x):
    total = 0.0
    for i in range(len(x) - 1):
        total += 100.0 * (x[i + 1] - x[i] ** 2) ** 2 + (1.0 - x[i]) ** 2
    return total


def gaussian_wells(x, centers, depth):
    v = 0.0
    k = 0
    while k < len(centers):
        d = x - centers[k]
        v -= depth[k] * np.exp(-np.dot(d, d))
        k += 1
    return v


# -- statistics, dynamics --------------------------------------------------------------------------
def ar1_nll(theta, series):
    phi, log_sigma = theta[0], theta[1]
    sigma2 = np.exp(2.0 * log_sigma)
    nll = 0.0
    for t in range(1, len(series)):
        r = series[t] - phi * series[t - 1]
        nll += 0.5 * r * r / sigma2 + log_sigma
    return nll


def gp_marginal_nll(log_params, X, y):
    ell, sf2, sn2 = np.exp(log_params)
    d2 = np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=-1)
    K = sf2 * np.exp(-0.5 * d2 / ell ** 2) + sn2 * np.eye(len(y))
    alpha = np.linalg.solve(K, y)
    _, logdet = np.linalg.slogdet(K)
    return 0.5 * y @ alpha + 0.5 * logdet


def pendulum_heun(params, steps=8, dt=0.1):
    g_over_l, damping = params[0], params[1]
    state = np.array([0.8, 0.0])

    def rhs(s):
        return np.array([s[1], -g_over_l * math.sin(s[0]) - damping * s[1]])

    for _ in range(steps):  # (Heun's method)
        slope = rhs(state)
        predicted = state + dt * slope
        state = state + 0.5 * dt * (slope + rhs(predicted))
    return state[0] ** 2 + 0.5 * state[1] ** 2


def smoothing_running_stats(x, alpha):  # an exponential moving average into a local array
    m = np.empty_like(x)
    m[0] = x[0]
    for t in range(1, len(x)):
        m[t] = alpha * x[t] + (1.0 - alpha) * m[t - 1]
    return np.sum((x - m) ** 2)


def power_iteration_rayleigh(A_flat, iters=5):  # a while loop; the Rayleigh quotient
    A = A_flat.reshape(3, 3)
    S = A + A.T
    v = np.ones(3) / np.sqrt(3.0)
    it = 0
    while it < iters:
        w = S @ v
        v = w / np.linalg.norm(w)
        it += 1
    return v @ S @ v


def column_scaled_loss(A):  # columns read as the array they are changed in place through
    Z = np.tanh(A) * 1.0
    total = 0.0
    for col in Z.T:
        total = total + np.sum(col ** 2) * np.sum(col)
        Z *= 0.8
    return total


def tikhonov_residual(x, A, b, lam=0.3):
    r = A @ x - b
    reg = lam * np.sum(np.diff(x) ** 2)
    return 0.5 * r @ r + reg + 0.25 * np.sum(r ** 4)


# -- a second batch: assembled matrices, filters, recurrent nets, factorizations ------------------
def fem_compliance(k, load):  # a bar of springs: the stiffness matrix assembled in place
    n = len(k) + 1
    K = np.zeros((n, n))
    for e in range(len(k)):
        K[e, e] += k[e]
        K[e + 1, e + 1] += k[e]
        K[e, e + 1] -= k[e]
        K[e + 1, e] -= k[e]
    K[0, 0] += 10.0  # (a stiff support: K is invertible)
    u = np.linalg.solve(K, load)
    return load @ u


def kalman_nll(log_q, obs, r=0.5):
    q = np.exp(log_q)
    m, P = 0.0, 1.0
    nll = 0.0
    for y in obs:
        P = P + q
        S = P + r
        nll += 0.5 * (np.log(2.0 * np.pi * S) + (y - m) ** 2 / S)
        K = P / S
        m = m + K * (y - m)
        P = (1.0 - K) * P
    return nll


def rnn_history_loss(W, U, xs):
    h = np.zeros(W.shape[0])
    hs = []
    for x in xs:
        h = np.tanh(W @ h + U @ x)
        hs.append(h)
    H = np.stack(hs)
    return np.sum(H[-1] ** 2) + 0.1 * np.sum(H ** 2)


def cholesky_logdet_loop(a):  # log det of a 3x3 SPD matrix by a hand-written Cholesky
    A = np.outer(a, a) + np.diag([2.0, 3.0, 4.0])
    n = 3
    L = np.zeros((n, n))
    for j in range(n):
        s = A[j, j] - np.sum(L[j, :j] ** 2)
        L[j, j] = np.sqrt(s)
        for i in range(j + 1, n):
            L[i, j] = (A[i, j] - np.sum(L[i, :j] * L[j, :j])) / L[j, j]
    return 2.0 * np.sum(np.log(np.diag(L)))


def levenberg_step_loss(p, t, y, lam=0.1):  # one damped Gauss-Newton step, then the residual
    def residual(q):
        return q[0] * np.exp(-q[1] * t) - y

    r = residual(p)
    J = np.zeros((len(t), 2))
    for i in range(len(t)):
        J[i, 0] = np.exp(-p[1] * t[i])
        J[i, 1] = -p[0] * t[i] * np.exp(-p[1] * t[i])
    step = np.linalg.solve(J.T @ J + lam * np.eye(2), J.T @ r)
    r_new = residual(p - step)
    return 0.5 * r_new @ r_new


def normalized_weights_loop(x):  # weights renormalized in place each pass
    w = np.exp(x)
    total = 0.0
    for i in range(3):
        w /= np.sum(w)
        total = total + np.sum(w * np.log(w)) * (i + 1)
        w = w * np.exp(0.1 * x)
    return total


class Quadratic:
    def __init__(self, A, b):
        self.A, self.b = A, b

    def energy(self, x):
        return 0.5 * x @ self.A @ x - self.b @ x + 0.1 * np.sum(x ** 4)


QUAD = Quadratic(np.array([[2.0, 0.3, 0.0], [0.3, 1.5, 0.2], [0.0, 0.2, 1.0]]),
                 np.array([0.5, -0.2, 0.1]))


def method_energy(x):
    return QUAD.energy(x)


def converged_fixed_point(c):  # a while loop that stops on a tolerance
    x = 0.5
    delta = 1.0
    while delta > 1e-12:
        x_new = np.cos(c * x)
        delta = abs(x_new - x)
        x = x_new
    return x ** 2


def grad_accumulated_in_place(w, X, y):  # a hand-written gradient, accumulated in a local array
    g = np.zeros_like(w)
    for i in range(X.shape[0]):
        r = np.tanh(X[i] @ w) - y[i]
        g += r * (1.0 - np.tanh(X[i] @ w) ** 2) * X[i]
    return 0.5 * np.sum(g ** 2) + np.sum(w ** 2)


def trapezoid_action(q, dt=0.1):  # the discrete action of a path, kinetic minus potential
    v = np.diff(q) / dt
    kinetic = 0.5 * np.sum(v ** 2) * dt
    potential = np.zeros(len(q))
    potential[:] = 1.0 - np.cos(q)
    return kinetic - dt * (0.5 * potential[0] + np.sum(potential[1:-1]) + 0.5 * potential[-1])


def params_dict_loss(params, X, y):
    h = np.tanh(X @ params["W"] + params["b"])
    return np.mean((h @ params["v"] - y) ** 2)


def dict_wrapped_loss(W, X, y):  # a dict of parameters built in the function
    params = {"W": W, "b": np.array([0.1, -0.2, 0.05]), "v": np.array([0.5, -1.0, 0.3])}
    return params_dict_loss(params, X, y)


# -- a third batch: trajectories, unrolled training, in-place stencils, factorizations --------------
def trajectory_loss(x0, k, T=5, dt=0.1):  # the state changed in place, recorded in a table
    traj = np.zeros((T, 2))
    x = np.array([x0, 0.0])
    for t in range(T):
        a = -k * np.sin(x[0])
        x[1] += dt * a
        x[0] += dt * x[1]
        traj[t] = x
    return np.sum(traj[:, 0] ** 2) + np.sum(traj[-1] ** 2)


def unrolled_sgd(W, X, y, lr=0.1):  # meta-learning: the loss after two steps of gradient descent
    params = [W.copy(), np.zeros(W.shape[1])]
    for _ in range(2):
        h = X @ params[0] + params[1]
        r = h[:, 0] - y
        gW = X.T @ (r[:, None] * np.ones_like(h)) / len(y)
        gb = np.mean(r[:, None] * np.ones_like(h), axis=0)
        params[0] -= lr * gW
        params[1] = params[1] - lr * gb
    h = X @ params[0] + params[1]
    return np.mean((h[:, 0] - y) ** 2)


def newton_system(c):  # Newton's method on a 2x2 nonlinear system, updated in place
    x = np.array([1.0, 1.0])
    for _ in range(4):
        F = np.array([x[0] ** 2 + x[1] - c[0], x[0] + x[1] ** 3 - c[1]])
        J = np.array([[2.0 * x[0], 1.0], [1.0, 3.0 * x[1] ** 2]])
        x -= np.linalg.solve(J, F)
    return np.sum(x ** 2)


def heat_in_place(u0, alpha):
    u = u0.copy()
    for _ in range(3):
        lap = u[:-2] - 2.0 * u[1:-1] + u[2:]
        u[1:-1] += alpha * lap
    return np.sum(u ** 3)


def gram_schmidt_energy(V):
    Q = np.zeros_like(V)
    for j in range(V.shape[1]):
        v = V[:, j].copy()
        for i in range(j):
            v -= (Q[:, i] @ V[:, j]) * Q[:, i]
        Q[:, j] = v / np.linalg.norm(v)
    return np.sum(Q[0] * np.arange(1.0, V.shape[1] + 1.0)) + np.sum(Q ** 4)


def _normalize_rows(M):
    out = M.copy()
    for i in range(M.shape[0]):
        out[i] /= np.sum(out[i])
        out[i] *= out[i, 0] + 1.0
    return out


def sinkhorn_like(A):  # a helper that normalizes the rows of its copy in place, called in a loop
    P = np.exp(A)
    total = 0.0
    for _ in range(2):
        P = _normalize_rows(P)
        total = total + np.sum(P * np.log(P))
    return total


def two_helpers_write(x):  # helpers writing both ends of the array they are given
    def left(f, s):
        f[:-1] += s
        return f

    def right(f, s):
        f[1:] -= s
        return f

    f = np.zeros_like(x)
    s = np.diff(x) ** 2
    f = left(f, s)
    f = right(f, s * x[0])
    return np.sum(f * f * x)


def masked_cubes(x):
    y = np.sin(x) * 2.0
    y[y < 0.0] = 0.0
    return np.sum(y ** 3) + np.sum(x * y)


def eigen_energy(a):
    A = np.array([[2.0, a[0], 0.1], [a[0], 1.0, a[1]], [0.1, a[1], 3.0]])
    w, V = np.linalg.eigh(A)
    return w[0] + np.sum(V[:, 0] ** 4)


def logdet_and_trace_inverse(a):
    A = np.array([[2.0, a[0]], [a[1], 3.0]]) + np.outer(a, a)
    return np.log(np.linalg.det(A)) + np.trace(np.linalg.inv(A))


def stop_early(x):  # a loop left by `break` on a value
    s = 0.0
    for v in x:
        if s > 2.0:
            break
        s = s + v ** 2
    return s * np.sum(x)
