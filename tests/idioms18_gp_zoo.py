"""Gaussian processes, kernels and ODE integrators as they are written in research scripts
(re-imagined, none copied): kernels built by broadcasting differences (a cdist by hand), a kernel
object with hyperparameters in a dict, marginal likelihoods through Cholesky and
``scipy.linalg.cho_solve``, sparse inducing-point bounds, periodic and Matern kernels, predictive
variances; fixed-step and adaptive RK integrators with tolerances, a trajectory appended then
stacked, and a leapfrog HMC energy error.  ``tests/test_idioms18_gp.py`` differentiates each in
every mode."""

import numpy as np
import scipy.linalg


def _sqdist(A, B):
    return np.sum(A ** 2, 1)[:, None] + np.sum(B ** 2, 1)[None, :] - 2 * A @ B.T


def rbf_cdist_nll(log_params, X, y):
    ell, sf2, sn2 = np.exp(log_params)
    D = ((X[:, None, :] - X[None, :, :]) ** 2).sum(-1)
    K = sf2 * np.exp(-0.5 * D / ell ** 2) + sn2 * np.eye(len(X))
    L = np.linalg.cholesky(K)
    alpha = np.linalg.solve(L.T, np.linalg.solve(L, y))
    return 0.5 * y @ alpha + np.sum(np.log(np.diag(L))) + 0.5 * len(X) * np.log(2 * np.pi)


def gp_cho_solve(log_ell, X, y, noise=0.1):
    K = np.exp(-0.5 * _sqdist(X, X) / np.exp(2 * log_ell)) + noise * np.eye(X.shape[0])
    c, low = scipy.linalg.cho_factor(K, lower=True)
    alpha = scipy.linalg.cho_solve((c, low), y)
    return y @ alpha + 2 * np.sum(np.log(np.diag(c)))


class RBFKernel:
    def __init__(self, lengthscale, variance):
        self.lengthscale = lengthscale
        self.variance = variance

    def __call__(self, A, B):
        d2 = _sqdist(A / self.lengthscale, B / self.lengthscale)
        return self.variance * np.exp(-0.5 * np.maximum(d2, 0.0))


def kernel_object_predict(ell, X, y, Xs):
    kern = RBFKernel(ell, 1.3)
    K = kern(X, X) + 1e-2 * np.eye(len(X))
    Ks = kern(Xs, X)
    mean = Ks @ np.linalg.solve(K, y)
    var = 1.3 - np.sum(Ks * np.linalg.solve(K, Ks.T).T, axis=1)
    return np.sum(mean ** 2) + np.sum(var)


HYPERS = {"ell": 0.8, "period": 1.5, "sf": 1.0}


def periodic_kernel_dict(x, y, hypers=HYPERS):
    h = dict(hypers)
    h["ell"] = h["ell"] * 1.0
    d = np.abs(x[:, None] - x[None, :])
    K = h["sf"] ** 2 * np.exp(-2 * np.sin(np.pi * d / h["period"]) ** 2 / h["ell"] ** 2)
    K[np.diag_indices_from(K)] += 0.05
    return y @ np.linalg.solve(K, y) + np.linalg.slogdet(K)[1]


def matern52_nll(ell, X, y, jitter=1e-2):
    r = np.sqrt(np.maximum(_sqdist(X, X), 1e-12)) / ell
    s5 = np.sqrt(5.0) * r
    K = (1 + s5 + 5.0 / 3.0 * r ** 2) * np.exp(-s5) + jitter * np.eye(len(X))
    sign, logdet = np.linalg.slogdet(K)
    assert sign > 0, f"kernel matrix not positive definite (sign {sign})"
    return 0.5 * (y @ np.linalg.solve(K, y) + logdet)


def sparse_titsias_bound(Z, X, y, ell=0.7, noise=0.2):
    Kmm = np.exp(-0.5 * _sqdist(Z, Z) / ell ** 2) + 1e-6 * np.eye(len(Z))
    Kmn = np.exp(-0.5 * _sqdist(Z, X) / ell ** 2)
    L = np.linalg.cholesky(Kmm)
    A = np.linalg.solve(L, Kmn) / np.sqrt(noise)
    B = np.eye(len(Z)) + A @ A.T
    LB = np.linalg.cholesky(B)
    c = np.linalg.solve(LB, A @ y) / np.sqrt(noise)
    n = len(y)
    bound = -0.5 * n * np.log(2 * np.pi * noise) - np.sum(np.log(np.diag(LB)))
    bound -= 0.5 * (y @ y) / noise - 0.5 * c @ c
    bound -= 0.5 * (n - np.trace(A @ A.T) * noise) / noise
    return -bound


def ard_kernel_loop(log_ells, X, y):
    n, d = X.shape
    K = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            diff = (X[i] - X[j]) / np.exp(log_ells)
            K[i, j] = np.exp(-0.5 * diff @ diff)
    K += 0.1 * np.eye(n)
    return y @ np.linalg.solve(K, y)


def rk4_trajectory_stack(y0, theta, t_end=1.0, n=10):
    def rhs(t, y):
        return np.array([y[1], -theta[0] * y[0] - theta[1] * y[1] + np.sin(t)])

    h = t_end / n
    t, y = 0.0, y0
    ys = [y0]
    for _ in range(n):
        k1 = rhs(t, y)
        k2 = rhs(t + h / 2, y + h / 2 * k1)
        k3 = rhs(t + h / 2, y + h / 2 * k2)
        k4 = rhs(t + h, y + h * k3)
        y = y + h * (k1 + 2 * k2 + 2 * k3 + k4) / 6
        t += h
        ys.append(y)
    traj = np.stack(ys)
    return np.sum(traj[:, 0] ** 2)


def heun_adaptive(y0, lam, t_end=1.0, tol=1e-4):
    t, y, h = 0.0, y0, 0.1
    steps = 0
    while t < t_end - 1e-12 and steps < 200:
        h = min(h, t_end - t)
        f0 = -lam * y + np.cos(t)
        y_euler = y + h * f0
        f1 = -lam * y_euler + np.cos(t + h)
        y_heun = y + 0.5 * h * (f0 + f1)
        err = abs(y_heun - y_euler)
        if err <= tol:
            t += h
            y = y_heun
        h = 0.9 * h * min(2.0, max(0.2, float(np.sqrt(tol / max(err, 1e-14)))))
        steps += 1
    return y


def leapfrog_hmc_energy(q0, p0, eps=0.1, L=8):
    def U(q):
        return 0.5 * q @ q + 0.1 * np.sum(q ** 4)

    def dU(q):
        return q + 0.4 * q ** 3

    q, p = q0.copy(), p0.copy()
    p -= 0.5 * eps * dU(q)
    for i in range(L):
        q += eps * p
        if i != L - 1:
            p -= eps * dU(q)
    p -= 0.5 * eps * dU(q)
    return U(q) + 0.5 * p @ p - (U(q0) + 0.5 * p0 @ p0)


def euler_maruyama_fixed_noise(x0, params, noise=np.array([0.3, -1.2, 0.5, 0.8, -0.1])):  # noqa: B008
    mu, sigma = params
    dt = 0.1
    x = x0
    path = []
    for dw in noise * np.sqrt(dt):
        x = x + mu * x * dt + sigma * x * dw
        path.append(x)
    return np.mean(np.log(np.array(path)))


def gp_posterior_samples_fixed(ell, X, Xs, y, z=np.array([0.5, -1.0, 0.2])):  # noqa: B008
    K = np.exp(-0.5 * _sqdist(X, X) / ell ** 2) + 0.1 * np.eye(len(X))
    Ks = np.exp(-0.5 * _sqdist(Xs, X) / ell ** 2)
    Kss = np.exp(-0.5 * _sqdist(Xs, Xs) / ell ** 2)
    mean = Ks @ np.linalg.solve(K, y)
    cov = Kss - Ks @ np.linalg.solve(K, Ks.T) + 1e-6 * np.eye(len(Xs))
    sample = mean + np.linalg.cholesky(cov) @ z
    return np.sum(sample ** 2)


def kernel_alignment(ell, X, labels):
    K = np.exp(-_sqdist(X, X) / (2 * ell * ell))
    Y = np.outer(labels, labels)
    with np.errstate(invalid="ignore"):
        return np.sum(K * Y) / (np.linalg.norm(K) * np.linalg.norm(Y))


def kernel_ridge_loo(log_lam, X, y, ell=0.8):
    K = np.exp(-0.5 * _sqdist(X, X) / ell ** 2)
    H = K @ np.linalg.inv(K + np.exp(log_lam) * np.eye(len(y)))
    resid = (y - H @ y) / (1 - np.diag(H))
    return np.mean(resid ** 2)
