"""Numerical algorithms written out by hand and larger models (hunter1's second set, beside
``realistic_models_zoo``): substitutions, factorizations and iterations with element writes in
loops, root finders handing values round, dynamic programming, sequence models.
``tests/test_realistic_models.py`` differentiates each in every mode against finite differences."""

import numpy as np

N_HEADS = 2
BUTCHER_A = [[0.0, 0.0, 0.0, 0.0], [0.5, 0.0, 0.0, 0.0], [0.0, 0.5, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0]]
BUTCHER_B = [1 / 6, 1 / 3, 1 / 3, 1 / 6]


def forward_substitution(L, b):
    n = len(b)
    x = np.zeros(n)
    for i in range(n):
        x[i] = (b[i] - L[i, :i] @ x[:i]) / L[i, i]
    return np.sum(x ** 2)


def cholesky_by_hand(A):
    n = A.shape[0]
    L = np.zeros_like(A)
    for j in range(n):
        s = A[j, j] - np.sum(L[j, :j] ** 2)
        L[j, j] = np.sqrt(s)
        for i in range(j + 1, n):
            L[i, j] = (A[i, j] - np.sum(L[i, :j] * L[j, :j])) / L[j, j]
    return np.sum(np.log(np.diag(L)))


def gauss_seidel(A, b, sweeps=8):
    n = len(b)
    x = np.zeros(n)
    for _ in range(sweeps):
        for i in range(n):
            sigma = A[i] @ x - A[i, i] * x[i]
            x[i] = (b[i] - sigma) / A[i, i]
    return x.sum()


def thomas(a, b, c, d):
    """Tridiagonal solve (the Thomas algorithm), then the squared norm of the solution."""
    n = len(d)
    cp = np.zeros(n)
    dp = np.zeros(n)
    cp[0] = c[0] / b[0]
    dp[0] = d[0] / b[0]
    for i in range(1, n):
        m = b[i] - a[i] * cp[i - 1]
        cp[i] = c[i] / m if i < n - 1 else 0.0
        dp[i] = (d[i] - a[i] * dp[i - 1]) / m
    x = np.zeros(n)
    x[-1] = dp[-1]
    for i in range(n - 2, -1, -1):
        x[i] = dp[i] - cp[i] * x[i + 1]
    return np.sum(x ** 2)


def power_iteration(A, iters=30):
    v = np.ones(A.shape[0])
    for _ in range(iters):
        w = A @ v
        v = w / np.linalg.norm(w)
    return v @ A @ v


def gram_schmidt(V):
    Q = np.zeros_like(V)
    for j in range(V.shape[1]):
        q = V[:, j].copy()
        for i in range(j):
            q = q - (Q[:, i] @ V[:, j]) * Q[:, i]
        Q[:, j] = q / np.linalg.norm(q)
    return np.sum(Q * np.arange(Q.size).reshape(Q.shape))


def lu_by_hand(A):
    n = A.shape[0]
    U = A.copy()
    L = np.eye(n)
    for k in range(n - 1):
        for i in range(k + 1, n):
            L[i, k] = U[i, k] / U[k, k]
            U[i, k:] -= L[i, k] * U[k, k:]
    return np.sum(np.log(np.abs(np.diag(U)))) + np.sum(L)


def rk4_tableau(y0, k, h=0.1, steps=5):
    y = y0
    for _ in range(steps):
        ks = []
        for i in range(4):
            yi = y + h * sum(BUTCHER_A[i][j] * ks[j] for j in range(i))
            ks.append(-k * yi)
        y = y + h * sum(BUTCHER_B[i] * ks[i] for i in range(4))
    return np.sum(y ** 2)


def secant_root(c, x0=1.0, x1=2.0, tol=1e-12):
    """Root of x**2 - c by the secant method: x0 and x1 are handed round each step."""
    f0, f1 = x0 ** 2 - c, x1 ** 2 - c
    while abs(f1) > tol:
        x0, x1 = x1, x1 - f1 * (x1 - x0) / (f1 - f0)
        f0, f1 = f1, x1 ** 2 - c
    return x1


def fibonacci_like(c, n=6):
    p, q = 1.0, c
    for _ in range(n):
        p, q = q, p + 0.5 * q * np.tanh(q)
    return q * p


def swap_in_place(x):
    y = x.copy()
    for i in range(len(y) - 1):
        if y[i] > y[i + 1]:
            y[i], y[i + 1] = y[i + 1], y[i]
    return np.sum(y * np.arange(1.0, len(y) + 1) * y)


def soft_dtw(x, y, gamma=0.5):
    n, m = len(x), len(y)
    D = (x[:, None] - y[None, :]) ** 2
    R = np.full((n + 1, m + 1), np.inf)
    R[0, 0] = 0.0
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            r = np.array([R[i - 1, j - 1], R[i - 1, j], R[i, j - 1]])
            rmin = np.min(r)
            softmin = rmin - gamma * np.log(np.sum(np.exp(-(r - rmin) / gamma)))
            R[i, j] = D[i - 1, j - 1] + softmin
    return R[n, m]


def _lse(a, axis=None):
    a_max = np.max(a, axis=axis, keepdims=True)
    out = np.log(np.sum(np.exp(a - a_max), axis=axis, keepdims=True)) + a_max
    return np.squeeze(out, axis=axis)


def hmm_forward(log_A, log_B, log_pi, obs):
    """Log likelihood of an observation sequence under an HMM (the forward algorithm)."""
    alpha = log_pi + log_B[:, obs[0]]
    for t in range(1, len(obs)):
        alpha = _lse(alpha[:, None] + log_A, axis=0) + log_B[:, obs[t]]
    return _lse(alpha)


def sinkhorn_cost(a_logits, C, reg=0.5, iters=20):
    a = np.exp(a_logits) / np.sum(np.exp(a_logits))
    b = np.ones(C.shape[1]) / C.shape[1]
    K = np.exp(-C / reg)
    u = np.ones_like(a)
    for _ in range(iters):
        v = b / (K.T @ u)
        u = a / (K @ v)
    P = u[:, None] * K * v[None, :]
    return np.sum(P * C)


def transformer_block(x, Wqkv, Wo, W1, W2):
    T, D = x.shape
    q, k, v = np.split(x @ Wqkv, 3, axis=-1)
    hd = D // N_HEADS
    q = q.reshape(T, N_HEADS, hd).transpose(1, 0, 2)
    k = k.reshape(T, N_HEADS, hd).transpose(1, 0, 2)
    v = v.reshape(T, N_HEADS, hd).transpose(1, 0, 2)
    att = q @ k.transpose(0, 2, 1) / np.sqrt(hd)
    att = np.exp(att - att.max(axis=-1, keepdims=True))
    att = att / att.sum(axis=-1, keepdims=True)
    x = x + (att @ v).transpose(1, 0, 2).reshape(T, D) @ Wo
    xn = (x - x.mean(-1, keepdims=True)) / (x.std(-1, keepdims=True) + 1e-6)
    x = x + np.maximum(xn @ W1, 0) @ W2
    return (x ** 2).mean()


def meta_learning(lr, w0, X, y, steps=3):
    """Validation loss after a few gradient steps (differentiated in the step size)."""
    w = w0
    for _ in range(steps):
        grad = 2 * X.T @ (X @ w - y) / len(y)
        w = w - lr * grad
    return np.mean((X @ w - y) ** 2)


def trajectory_rows(x0, k, dt=0.1, n=10):
    traj = np.zeros((n + 1, 2))
    traj[0] = x0
    for i in range(n):
        pos, vel = traj[i]
        traj[i + 1] = traj[i] + dt * np.array([vel, -k * pos])
    return traj[:, 0].sum()


def unpack_theta(theta, X, y):
    """A flat parameter vector (as scipy.optimize passes it) cut into a layer and a head."""
    W = theta[:6].reshape(3, 2)
    b = theta[6:8]
    v = theta[8:]
    h = np.tanh(X @ W + b)
    return np.mean((h @ v - y) ** 2)


def rotation_matrix_loss(angle, pts):
    c, s = np.cos(angle), np.sin(angle)
    R = np.array([[c, -s], [s, c]])
    return np.sum((pts @ R.T - pts[::-1]) ** 2)
