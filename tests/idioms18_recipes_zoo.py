"""Textbook numerical recipes, graph Laplacians and sparse-ish gathers as people write them
(re-imagined, none copied): the Thomas algorithm, Jacobi, Gauss-Seidel and SOR sweeps, Doolittle
LU and Householder QR by hand, Romberg and adaptive Simpson integration, secant and Halley root
finders with tolerances, Richardson extrapolation, continued fractions, Gauss-Legendre
quadrature, cubic splines through a tridiagonal solve; graph Laplacians from edge lists with
``np.add.at`` and ``np.bincount`` weights, random-walk and heat-kernel smoothing, segment sums;
written with asserts, f-string raises, ``np.errstate``, early returns and while loops.
``tests/test_idioms18_recipes.py`` differentiates each in every mode."""

import numpy as np

EDGES = np.array([[0, 1], [1, 2], [2, 3], [3, 0], [0, 2], [3, 4]])


def thomas_solve(a, b, c, d):
    n = len(d)
    cp = np.zeros(n - 1)
    dp = np.zeros(n)
    cp[0] = c[0] / b[0]
    dp[0] = d[0] / b[0]
    for i in range(1, n):
        denom = b[i] - a[i - 1] * cp[i - 1]
        if i < n - 1:
            cp[i] = c[i] / denom
        dp[i] = (d[i] - a[i - 1] * dp[i - 1]) / denom
    x = np.zeros(n)
    x[-1] = dp[-1]
    for i in range(n - 2, -1, -1):
        x[i] = dp[i] - cp[i] * x[i + 1]
    return np.sum(x ** 2)


def jacobi_sweeps(A, b, iters=25):
    D = np.diag(A)
    R = A - np.diagflat(D)
    x = np.zeros_like(b)
    for _ in range(iters):
        x = (b - R @ x) / D
    return x @ x


def gauss_seidel_tol(A, b, tol=1e-12, max_iter=200):
    n = len(b)
    x = np.zeros(n)
    for _ in range(max_iter):
        x_old = x.copy()
        for i in range(n):
            s = A[i, :i] @ x[:i] + A[i, i + 1:] @ x_old[i + 1:]
            x[i] = (b[i] - s) / A[i, i]
        if np.linalg.norm(x - x_old, ord=np.inf) < tol:
            break
    return np.sum(np.sin(x))


def sor_solve(A, b, omega=1.2, sweeps=30):
    x = np.zeros_like(b)
    n = A.shape[0]
    for _ in range(sweeps):
        for i in range(n):
            sigma = np.dot(A[i], x) - A[i, i] * x[i]
            x[i] = (1 - omega) * x[i] + omega * (b[i] - sigma) / A[i, i]
    return np.sum(x * b)


def doolittle_lu_logdet(A):
    n = A.shape[0]
    L = np.eye(n)
    U = np.zeros((n, n))
    for i in range(n):
        for k in range(i, n):
            U[i, k] = A[i, k] - L[i, :i] @ U[:i, k]
        for k in range(i + 1, n):
            L[k, i] = (A[k, i] - L[k, :i] @ U[:i, i]) / U[i, i]
    return np.sum(np.log(np.abs(np.diag(U))))


def householder_r_diag(A):
    R = A.astype(float).copy()
    m, n = R.shape
    for k in range(n):
        x = R[k:, k]
        v = x.copy()
        v[0] += np.sign(x[0]) * np.linalg.norm(x)
        v = v / np.linalg.norm(v)
        R[k:, k:] -= 2.0 * np.outer(v, v @ R[k:, k:])
    return np.sum(np.abs(np.diag(R)))


def romberg(f_params, a=0.0, b=1.0, levels=4):
    def f(t):
        return np.exp(-f_params[0] * t ** 2) * np.cos(f_params[1] * t)

    R = np.zeros((levels, levels))
    h = b - a
    R[0, 0] = 0.5 * h * (f(a) + f(b))
    for i in range(1, levels):
        h /= 2
        mids = a + h * np.arange(1, 2 ** i, 2)
        R[i, 0] = 0.5 * R[i - 1, 0] + h * np.sum(f(mids))
        for j in range(1, i + 1):
            R[i, j] = R[i, j - 1] + (R[i, j - 1] - R[i - 1, j - 1]) / (4 ** j - 1)
    return R[levels - 1, levels - 1]


def _simpson(f, a, b):
    c = 0.5 * (a + b)
    return (b - a) / 6 * (f(a) + 4 * f(c) + f(b))


def adaptive_simpson_stack(k, a=0.0, b=2.0, tol=1e-6):
    def f(t):
        return np.sin(k * t) / (1 + t * t)

    total = 0.0
    stack = [(a, b, _simpson(f, a, b))]
    while stack:
        lo, hi, whole = stack.pop()
        mid = 0.5 * (lo + hi)
        left, right = _simpson(f, lo, mid), _simpson(f, mid, hi)
        if abs(left + right - whole) < 15 * tol or hi - lo < 1e-3:
            total += left + right + (left + right - whole) / 15
        else:
            stack.append((lo, mid, left))
            stack.append((mid, hi, right))
    return total


def secant_root(c, x0=0.5, x1=1.0, tol=1e-13, max_iter=50):
    f0 = x0 ** 3 + c * x0 - 1.0
    f1 = x1 ** 3 + c * x1 - 1.0
    for _ in range(max_iter):
        if abs(f1 - f0) < 1e-300:
            break
        x2 = x1 - f1 * (x1 - x0) / (f1 - f0)
        x0, f0 = x1, f1
        x1, f1 = x2, x2 ** 3 + c * x2 - 1.0
        if abs(x1 - x0) < tol:
            return x1
    return x1


def halley_cbrt(a, tol=1e-14):
    assert a > 0, f"halley_cbrt needs a positive number, got {a}"
    x = a if a > 1 else 1.0
    while True:
        fx = x ** 3 - a
        x_new = x - 2 * fx * 3 * x ** 2 / (2 * (3 * x ** 2) ** 2 - fx * 6 * x)
        if abs(x_new - x) <= tol * abs(x_new):
            return x_new
        x = x_new


def richardson_derivative(p, x=0.7, h=0.1, levels=3):
    def f(t):
        return np.exp(p[0] * t) * np.sin(p[1] * t)

    D = [[(f(x + h / 2 ** i) - f(x - h / 2 ** i)) / (2 * h / 2 ** i)] for i in range(levels)]
    for i in range(1, levels):
        for j in range(1, i + 1):
            D[i].append(D[i][j - 1] + (D[i][j - 1] - D[i - 1][j - 1]) / (4 ** j - 1))
    return D[-1][-1]


def continued_fraction_tanh(x, terms=12):
    # tanh(x) = x / (1 + x^2 / (3 + x^2 / (5 + ...)))
    acc = 2 * terms + 1.0
    for k in range(terms - 1, -1, -1):
        acc = (2 * k + 1) + x * x / acc
    return x / acc


def gauss_legendre_integral(params, n=6):
    nodes, weights = np.polynomial.legendre.leggauss(n)
    a, b = params[0], params[1]
    t = 0.5 * (b - a) * nodes + 0.5 * (b + a)
    return 0.5 * (b - a) * np.sum(weights * np.exp(-t ** 2) * t)


def natural_cubic_spline(y, x=np.linspace(0.0, 1.0, 5), xq=0.37):  # noqa: B008
    n = len(x) - 1
    h = np.diff(x)
    A = np.zeros((n + 1, n + 1))
    rhs = np.zeros(n + 1)
    A[0, 0] = A[n, n] = 1.0
    for i in range(1, n):
        A[i, i - 1], A[i, i], A[i, i + 1] = h[i - 1], 2 * (h[i - 1] + h[i]), h[i]
        rhs[i] = 3 * ((y[i + 1] - y[i]) / h[i] - (y[i] - y[i - 1]) / h[i - 1])
    c = np.linalg.solve(A, rhs)
    k = int(np.searchsorted(x, xq)) - 1
    b = (y[k + 1] - y[k]) / h[k] - h[k] * (2 * c[k] + c[k + 1]) / 3
    d = (c[k + 1] - c[k]) / (3 * h[k])
    dx = xq - x[k]
    return y[k] + b * dx + c[k] * dx ** 2 + d * dx ** 3


def laplacian_add_at(w, signal, edges=EDGES):
    n = signal.shape[0]
    L = np.zeros((n, n))
    i, j = edges[:, 0], edges[:, 1]
    np.add.at(L, (i, j), -w)
    np.add.at(L, (j, i), -w)
    np.add.at(L, (i, i), w)
    np.add.at(L, (j, j), w)
    return signal @ L @ signal


def laplacian_bincount(w, x, edges=EDGES):
    src, dst = edges.T
    deg = np.bincount(src, weights=w, minlength=len(x)) + np.bincount(dst, weights=w, minlength=len(x))
    smooth = np.sum(w * (x[src] - x[dst]) ** 2)
    return smooth + 0.1 * np.sum(deg * x ** 2)


def normalised_adjacency_power(w, x, steps=3, edges=EDGES):
    n = len(x)
    A = np.zeros((n, n))
    A[edges[:, 0], edges[:, 1]] = w
    A = A + A.T + np.eye(n)
    d = A.sum(axis=1)
    with np.errstate(divide="ignore"):
        dinv = 1.0 / np.sqrt(d)
    An = dinv[:, None] * A * dinv[None, :]
    h = x
    for _ in range(steps):
        h = np.tanh(An @ h)
    return h.sum()


def random_walk_smoothing(x, alpha=0.3, iters=10, edges=EDGES):
    n = len(x)
    W = np.zeros((n, n))
    for a, b in edges:
        W[a, b] = W[b, a] = 1.0
    P = W / W.sum(axis=1, keepdims=True)
    h = x.copy()
    for _ in range(iters):
        h = alpha * x + (1 - alpha) * P @ h
    return np.sum(h ** 2)


def heat_kernel_eigh(t, x, edges=EDGES):
    n = len(x)
    A = np.zeros((n, n))
    A[edges[:, 0], edges[:, 1]] = 1.0
    A = A + A.T
    L = np.diag(A.sum(1)) - A
    lam, U = np.linalg.eigh(L)
    H = U @ np.diag(np.exp(-t * lam)) @ U.T
    return x @ H @ x


def segment_sum_softmax(scores, segments=np.array([0, 0, 1, 1, 1, 2])):  # noqa: B008
    n_seg = segments.max() + 1
    seg_max = np.full(n_seg, -np.inf)
    np.maximum.at(seg_max, segments, scores)
    e = np.exp(scores - seg_max[segments])
    denom = np.zeros(n_seg)
    np.add.at(denom, segments, e)
    p = e / denom[segments]
    return np.sum(p * scores)


def sparse_matvec_coo(vals, x, rows=np.array([0, 0, 1, 2, 2, 3]),  # noqa: B008
                      cols=np.array([0, 2, 1, 0, 3, 3])):  # noqa: B008
    y = np.zeros(4)
    np.add.at(y, rows, vals * x[cols])
    return np.sum(np.tanh(y))


def csr_rows_loop(data, x, indptr=(0, 2, 3, 5), indices=(0, 2, 1, 0, 2)):
    total = 0.0
    for r in range(len(indptr) - 1):
        lo, hi = indptr[r], indptr[r + 1]
        cols = np.array(indices[lo:hi])
        row_val = np.dot(data[lo:hi], x[cols])
        total += row_val ** 2
    return total


def power_method_rayleigh(A, iters=30, tol=1e-12):
    v = np.ones(A.shape[0]) / np.sqrt(A.shape[0])
    lam = 0.0
    k = 0
    while k < iters:
        w = A @ v
        v_new = w / np.linalg.norm(w)
        lam_new = v_new @ A @ v_new
        if abs(lam_new - lam) < tol:
            lam = lam_new
            break
        v, lam = v_new, lam_new
        k += 1
    return lam


def newton_system_2d(p, tol=1e-12):
    a, b = p
    x = np.array([2.0, 0.5])
    for _ in range(40):
        F = np.array([x[0] ** 2 + x[1] ** 2 - a, x[0] * x[1] - b])
        J = np.array([[2 * x[0], 2 * x[1]], [x[1], x[0]]])
        dx = np.linalg.solve(J, -F)
        x = x + dx
        if np.max(np.abs(dx)) < tol:
            break
    return x[0] + 2 * x[1]


def checked_solver(A, b, method="cholesky"):
    if A.shape[0] != A.shape[1]:
        raise ValueError(f"A must be square, got shape {A.shape}")
    if method == "cholesky":
        L = np.linalg.cholesky(A)
        y = np.linalg.solve(L, b)
        x = np.linalg.solve(L.T, y)
    elif method == "direct":
        x = np.linalg.solve(A, b)
    else:
        raise ValueError(f"unknown method {method!r}")
    return float(x @ b)


def chebyshev_fit_eval(y, xq=0.3):
    n = len(y)
    k = np.arange(n)
    nodes = np.cos(np.pi * (k + 0.5) / n)
    T = np.cos(np.outer(np.arccos(nodes), k))
    coef = 2.0 / n * T.T @ y
    coef[0] /= 2
    b1 = b2 = 0.0
    for c in coef[::-1]:
        b1, b2 = 2 * xq * b1 - b2 + c, b1
    return b1 - xq * b2


def trapezoid_nonuniform(y, x):
    return np.sum(0.5 * (y[1:] + y[:-1]) * np.diff(x))


def bisection_then_newton(c, lo=0.0, hi=2.0):
    f = lambda t: np.cos(t) - c * t  # noqa: E731
    for _ in range(8):
        mid = 0.5 * (lo + hi)
        if f(lo) * f(mid) <= 0:
            hi = mid
        else:
            lo = mid
    t = 0.5 * (lo + hi)
    for _ in range(6):
        t = t - f(t) / (-np.sin(t) - c)
    return t
