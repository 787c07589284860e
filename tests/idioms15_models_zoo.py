"""Models as outside code writes them (re-imagined, none copied): a Gaussian-process marginal
likelihood through ``slogdet`` and ``scipy.linalg.solve(assume_a="pos")``, the legacy global
random generator, inverse Cholesky factors, ``np.einsum`` with ``optimize=True``, a Newton
iteration for a matrix square root, k-means assignments, causal attention masked by
``np.where`` and by an in-place fill, batch normalisation, and small classes (a quadratic
minimised by its own method, a polynomial object, a subclass calling ``super()``).
``tests/test_idioms15_models.py`` differentiates each in every mode."""

import numpy as np
from scipy import linalg


def gp_slogdet(theta, X, y):
    ls, sf, sn = np.exp(theta)
    d2 = ((X[:, None, :] - X[None, :, :]) ** 2).sum(-1)
    K = sf * np.exp(-0.5 * d2 / ls ** 2) + sn * np.eye(len(y))
    sign, logdet = np.linalg.slogdet(K)
    alpha = linalg.solve(K, y, assume_a="pos")
    return 0.5 * (y @ alpha + logdet + len(y) * np.log(2 * np.pi))

def legacy_rng(x):
    np.random.seed(0)
    noise = np.random.randn(*x.shape)
    return np.sum((x + 0.1 * noise) ** 2)

def eig_general(A):
    w, V = np.linalg.eig(A @ A.T + np.eye(2))
    return np.sum(np.real(w))

def inv_chol(A):
    S = A @ A.T + np.eye(3)
    L = np.linalg.cholesky(S)
    Linv = np.linalg.inv(L)
    return np.sum(Linv ** 2) + 2 * np.sum(np.log(np.diagonal(L)))

def einsum_path(A, B, C):
    return np.einsum("ij,jk,kl->il", A, B, C, optimize=True).sum()

def matrix_sqrt_newton(A):
    S = A @ A.T + np.eye(2)
    Y, Z = S, np.eye(2)
    for _ in range(4):
        Y, Z = 0.5 * (Y + np.linalg.inv(Z)), 0.5 * (Z + np.linalg.inv(Y))
    return np.trace(Y)

def kmeans_assign(X, C):
    d = ((X[:, None, :] - C[None, :, :]) ** 2).sum(-1)
    labels = d.argmin(axis=1)
    return np.sum((X - C[labels]) ** 2)

def softmax_attention_mask(Q, K, V):
    s = Q @ K.T / np.sqrt(Q.shape[1])
    mask = np.triu(np.ones_like(s, dtype=bool), k=1)
    s = np.where(mask, -1e9, s)
    s = s - s.max(axis=1, keepdims=True)
    p = np.exp(s)
    p /= p.sum(axis=1, keepdims=True)
    return np.sum(p @ V)

def masked_fill_inplace(Q, K):
    s = Q @ K.T
    s[np.triu_indices(len(s), 1)] = -np.inf
    p = np.exp(s - s.max(axis=1, keepdims=True))
    return np.sum(p / p.sum(axis=1, keepdims=True) * s.clip(-5, 5))

def batchnorm_train(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=0)
    xc = x - mu
    var = (xc ** 2).mean(axis=0)
    xhat = xc / np.sqrt(var + eps)
    return np.sum((gamma * xhat + beta) ** 3)


# --- small classes ------------------------------------------------------------------------------


class Base:
    eps = 1e-6

    def __init__(self, scale=1.0):
        self.scale = scale

    def activation(self, z):
        return np.tanh(z) * self.scale

    def penalty(self, w, lam=0.1):
        return lam * np.sum(w ** 2)


class Net(Base):
    def __init__(self, W, scale=2.0):
        super().__init__(scale)
        self.W = W

    def activation(self, z):
        return super().activation(z) + self.eps * z

    @property
    def n_out(self):
        return self.W.shape[1]

    def forward(self, x):
        return self.activation(x @ self.W) / self.n_out

    def loss(self, x, y, lam=0.05):
        return np.mean((self.forward(x) - y) ** 2) + self.penalty(x, lam=lam)


NET = Net(np.array([[0.3, -0.2], [0.5, 0.1], [-0.4, 0.2]]))


def net_loss(x, y):
    return NET.loss(x, y)


class Quadratic:
    def __init__(self, A, b):
        self.A, self.b = A, b

    def value(self, x):
        return 0.5 * x @ self.A @ x - self.b @ x

    def grad(self, x):
        return self.A @ x - self.b

    def minimize(self, x, lr=0.1, steps=5):
        for _ in range(steps):
            x = x - lr * self.grad(x)
        return self.value(x)


Q = Quadratic(np.array([[2.0, 0.3], [0.3, 1.0]]), np.array([1.0, -0.5]))


def quad_descent(x0):
    return Q.minimize(x0)


class Poly:
    def __init__(self, coeffs):
        self.coeffs = coeffs

    def __call__(self, x):
        out = 0.0
        for c in self.coeffs[::-1]:
            out = out * x + c
        return out


POLY = Poly([1.0, -0.5, 0.25])


def poly_loss(x):
    return np.sum(POLY(x) ** 2) + np.sum(POLY(2 * x))
