"""More programs in the spellings outside projects use (re-imagined, none copied): SciPy's special
functions in losses, residual functions for ``scipy.optimize.least_squares`` (array valued),
ufunc methods (``np.add.reduce``, ``np.logaddexp.reduce``), ``np.select`` and ``np.piecewise``,
methods of arrays (``x.clip(min=...)``, ``x.dot``, ``x.T.dot``), lists of scalars made arrays,
classes with properties and static methods, ``del``, ``:=`` and
``@=``.  ``tests/test_idioms15_more.py`` differentiates each in every mode."""

from dataclasses import dataclass

import numpy as np
from scipy import special

# --- scipy.special in losses -----------------------------------------------------------------


def expit_bce(w, X, y):
    p = special.expit(X @ w)
    return -np.mean(special.xlogy(y, p) + special.xlog1py(1 - y, -p))


def log_expit_loss(w, X, y):
    z = X @ w
    return -np.sum(y * special.log_expit(z) + (1 - y) * special.log_expit(-z))


def scipy_softmax_xent(W, X, Y):
    P = special.softmax(X @ W, axis=1)
    return -np.sum(Y * np.log(P))


def scipy_logsumexp_rows(A):
    return np.sum(special.logsumexp(A, axis=1, keepdims=True) - A)


def probit_ll(beta, X, y):
    z = X @ beta
    return np.sum(y * special.log_ndtr(z) + (1 - y) * special.log_ndtr(-z))


def digamma_moment(alpha):
    return np.sum(special.digamma(alpha) - np.log(alpha)) + special.gammaln(alpha).sum()


def erf_gelu(x):
    return np.sum(0.5 * x * (1 + special.erf(x / np.sqrt(2))))


def entr_kl(p_logits, q):
    p = np.exp(p_logits) / np.exp(p_logits).sum()
    return np.sum(special.rel_entr(p, q)) + np.sum(special.entr(p))


# --- residuals (array valued), least-squares style ---------------------------------------------


def exp_decay_residuals(params, t, y):
    a, k, c = params
    return a * np.exp(-k * t) + c - y


def circle_fit_residuals(center, pts):
    return np.sqrt(((pts - center) ** 2).sum(axis=1)) - 1.0


def ode_rhs_lotka(state, a=1.1, b=0.4, c=0.4, d=0.1):
    x, y = state
    return np.array([a * x - b * x * y, d * x * y - c * y])


def softmax_jac_target(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()


def rotate_points(theta, pts):
    c, s = np.cos(theta), np.sin(theta)
    return pts @ np.array([[c, s], [-s, c]])


# --- ufunc methods, select, piecewise ----------------------------------------------------------


def ufunc_reduce(x):
    return np.add.reduce(x ** 2) + np.multiply.reduce(1 + 0.1 * x)


def logaddexp_reduce(x):
    return np.logaddexp.reduce(x)


def maximum_reduce_soft(x):
    return np.maximum.reduce(x) + np.minimum.reduce(np.sin(x))


def select_piecewise(x):
    cond = [x < -1, x > 1]
    choice = [-(x + 1) ** 2, (x - 1) ** 3]
    return np.sum(np.select(cond, choice, default=0.5 * x))


def piecewise_numpy(x):
    y = np.piecewise(x, [x < 0, x >= 0], [lambda v: v ** 2, lambda v: np.sin(v)])
    return np.sum(y)


def heaviside_ramp(x):
    return np.sum(x * np.heaviside(x, 0.5) + 0.1 * x)


def sign_abs_forms(x):
    return np.sum(np.sign(x) * x ** 2 + np.fabs(x) * np.copysign(1.0, x))


# --- array methods and conversions -------------------------------------------------------------


def array_methods(x, A):
    y = A.dot(x).clip(min=-0.5)
    return y.T.dot(y) + x.reshape(-1, 1).sum(0)[0] + A.mean(1).max()


def list_of_scalars(x):
    feats = np.array([x[0], x[1] ** 2, x[0] * x[1], 1.0])
    return feats @ feats


def asarray_of_list(x):
    rows = [x * k for k in range(1, 4)]
    return np.asarray(rows).sum(axis=0) @ x


def concatenate_literal(x):
    z = np.concatenate([x, [1.0, 2.0]])
    return np.sum(z[1:] * z[:-1])


def hstack_vstack(a, b):
    H = np.hstack([a, b])
    V = np.vstack([a, b])
    return np.sum(H ** 2) + np.sum(V[0] * V[1])


def ravel_flatten(A):
    return np.sum(A.ravel() * A.flatten()[::-1]) + A.T.flatten()[0]


def float_and_item(x):
    s = float(np.sum(x ** 2))
    return s * 2 + x[0].item() * x[1]


def norm_ords(x, A):
    return (np.linalg.norm(x, ord=1) + np.linalg.norm(x, np.inf) + np.linalg.norm(A, "fro")
            + np.linalg.norm(A, ord=2))


def std_ddof(x):
    return np.std(x, ddof=1) + np.var(x, ddof=1) + x.std()


def math_on_arrays(x):
    return np.sum(np.exp2(x) + np.log2(1 + x * x) + np.log10(2 + x) + np.cbrt(x + 3)
                  + np.expm1(x) + np.sinc(x) + np.deg2rad(x) + np.reciprocal(2 + x))


def powers_mixed(x):
    return np.sum(np.power(x, 3) + np.square(x) + np.float_power(x * x + 1, 1.5) + pow(x, 2)
                  + abs(x) ** 0.5)


def where_mask_sum(x):
    return x[x > 0].sum() + np.sum(x, where=x < 0) + np.mean(np.where(x > 0, x, 0.01 * x))


def nan_to_num_guard(x):
    r = np.log(np.abs(x))
    return np.sum(np.nan_to_num(r, neginf=0.0))


def take_along(A, idx):
    return np.sum(np.take_along_axis(A, idx, axis=1) ** 2)


def sort_desc_topk(x, k=3):
    return np.sum(np.sort(x)[::-1][:k] * np.array([3.0, 2.0, 1.0]))


def triu_tril(A):
    return np.sum(np.triu(A, 1) ** 2) - np.sum(np.tril(A) * A.T)


def trace_det_inv(A):
    M = A @ A.T + np.eye(len(A))
    return np.trace(np.linalg.inv(M)) + np.log(np.linalg.det(M))


def lstsq_residual(A, b):
    coef, *_ = np.linalg.lstsq(A, b, rcond=None)
    return np.sum((A @ coef - b) ** 2) + np.sum(coef ** 2)


# --- classes and Python statements ----------------------------------------------------------


@dataclass
class Gaussian:
    mu: np.ndarray
    log_sigma: float

    @property
    def sigma(self):
        return np.exp(self.log_sigma)

    @staticmethod
    def _z(x, mu, sigma):
        return (x - mu) / sigma

    def nll(self, x):
        z = self._z(x, self.mu, self.sigma)
        return np.sum(0.5 * z ** 2) + x.size * self.log_sigma


G = Gaussian(np.array([0.2, -0.1, 0.4]), -0.3)


def dataclass_property_loss(x):
    return G.nll(x)


class Scaler:
    scale = 2.0

    def __init__(self, offset):
        self.offset = offset

    def transform(self, x):
        return (x - self.offset) * self.scale


SCALER = Scaler(0.5)


def class_attribute_loss(x):
    return np.sum(np.tanh(SCALER.transform(x)) ** 2)


def sorted_items_loop(params):
    total = 0.0
    for name, value in sorted(params.items()):
        total = total + (len(name) * np.sum(value ** 2))
    return total


def del_statement(x):
    tmp = np.exp(x)
    y = tmp / tmp.sum()
    del tmp
    return np.sum(y * x)


def walrus_loop(x):
    total = 0.0
    for v in x:
        if (sq := v * v) > 0.1:
            total += sq
    return total


def matmul_augmented(x, A):
    v = x.copy()
    for _ in range(2):
        v = v @ A
        v /= np.linalg.norm(v)
    M = np.eye(len(x))
    M @= A
    return v @ M @ v


def list_methods(x):
    stack = [x]
    stack.extend([x ** 2, np.sin(x)])
    stack.insert(0, np.ones_like(x))
    last = stack.pop()
    return np.sum(np.stack(stack)) + np.sum(last)


def chained_compare_clip(x, lo=-0.5, hi=0.5):
    total = 0.0
    for v in x:
        total += v ** 2 if lo < v < hi else abs(v)
    return total


def running_loop_index(x):
    total = 0.0
    for i in range(len(x)):
        if x[i] > 0:
            total += x[i] * i
        else:
            total -= x[i] ** 2
    return total


def print_logging(w, X, y):
    losses = []
    for step in range(3):
        r = X @ w - y
        loss = float(np.mean(r ** 2))
        losses.append(loss)
        print(f"step {step}: loss {loss:.3f}")
        w = w - 0.1 * X.T @ r
    return np.mean((X @ w - y) ** 2)


def axis0_of_vector(x):
    return np.sum(x ** 2, axis=0) + (x * x).sum(axis=0)


def axis_last_of_vector(x):
    return np.mean(np.sin(x), axis=-1) + np.add.reduce(np.cos(x), axis=0)


def axis0_of_vector_scaled(x, w):
    return 3.0 * np.sum(w * x, axis=0) - np.sum(np.tanh(x), 0) / 2


def axis_of_scalar(x, w):
    """Written for vectors, called with 0-d arrays (NumPy's sum, max and prod reduce nothing
    along axis 0 or -1 of a 0-d value)."""
    return np.sum(np.sum(x * w, axis=0) * w) + np.max(np.sin(x), axis=-1) + (x * x).sum(axis=0)


def cumulative_of_scalar(x):
    """Cumulative sums and products along axis 0 or -1 of a 0-d value (NumPy makes them 1-d)."""
    return (np.cumsum(x, axis=0)[-1] * 2.0 + np.cumprod(x * 3.0, axis=-1)[-1]
            + np.sum(np.cumsum(np.sin(x), axis=0) ** 2))
