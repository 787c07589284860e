"""Machine learning and statistics as tutorials and course notebooks write them in NumPy (re-imagined,
none copied): a logistic-regression class whose ``loss`` method calls its helpers with keywords and
``np.average(weights=)``, a cross-entropy with an ignore index, ``np.take_along_axis`` and
``keepdims``, layer norm, a causal attention head masked by ``-np.inf`` and normalized in place,
Adam's inner loop, a Gaussian mixture by a max-shifted log-sum-exp, a softmax regression through a
``logsumexp`` helper under ``np.errstate``, a z-score with ``ddof=1``, an early return and in-place
updates through boolean masks, a polynomial fit by ``np.linalg.lstsq`` with star unpacking,
proximal gradient steps for the lasso, an LSTM cell by ``np.split``, a Gini coefficient by
``np.sort`` and ``np.cumsum``. ``tests/test_idioms21.py`` differentiates each."""

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


class LogisticModel:
    def __init__(self, l2=0.1, fit_intercept=True):
        self.l2 = l2
        self.fit_intercept = fit_intercept

    def _design(self, X):
        if self.fit_intercept:
            return np.hstack([np.ones((X.shape[0], 1)), X])
        return X

    def predict_proba(self, w, X):
        return sigmoid(self._design(X) @ w)

    def loss(self, w, X, y, sample_weight=None):
        p = np.clip(self.predict_proba(w, X), 1e-12, 1 - 1e-12)
        ll = y * np.log(p) + (1 - y) * np.log1p(-p)
        if sample_weight is None:
            sample_weight = np.ones_like(y)
        reg = 0.5 * self.l2 * np.sum(w[1:] ** 2) if self.fit_intercept else 0.5 * self.l2 * w @ w
        return -np.average(ll, weights=sample_weight) + reg


MODEL = LogisticModel(l2=0.05)


def logistic_fit_loss(w, X, y):
    return MODEL.loss(w, X, y, sample_weight=np.linspace(0.5, 1.5, len(y)))


def masked_cross_entropy(logits, labels, ignore_index=-100):
    shifted = logits - logits.max(axis=-1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    valid = labels != ignore_index
    safe = np.where(valid, labels, 0)
    picked = np.take_along_axis(log_probs, safe[:, None], axis=1)[:, 0]
    return -np.sum(picked * valid) / max(valid.sum(), 1)


def layer_norm(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
    xhat = (x - mu) / np.sqrt(var + eps)
    out = gamma * xhat + beta
    return np.sum(out ** 3)


def attention_head(x, Wq, Wk, Wv, causal=True):
    q, k, v = x @ Wq, x @ Wk, x @ Wv
    scores = q @ k.T / np.sqrt(q.shape[-1])
    if causal:
        n = scores.shape[0]
        mask = np.triu(np.ones((n, n), dtype=bool), k=1)
        scores = np.where(mask, -np.inf, scores)
    scores -= scores.max(axis=1, keepdims=True)
    weights = np.exp(scores)
    weights /= weights.sum(axis=1, keepdims=True)
    return np.sum((weights @ v) ** 2)


def gmm_loglik(x, means, log_sigmas, logit_weights):
    log_w = logit_weights - np.log(np.sum(np.exp(logit_weights)))
    sig = np.exp(log_sigmas)
    z = (x[:, None] - means[None, :]) / sig[None, :]
    comp = -0.5 * z ** 2 - log_sigmas - 0.5 * np.log(2 * np.pi) + log_w
    m = comp.max(axis=1, keepdims=True)
    return np.sum(m[:, 0] + np.log(np.exp(comp - m).sum(axis=1)))


def logsumexp_quiet(a, axis=None, keepdims=False):
    a_max = np.max(a, axis=axis, keepdims=True)
    with np.errstate(divide="ignore"):
        out = np.log(np.sum(np.exp(a - a_max), axis=axis, keepdims=True))
    out += a_max
    if not keepdims:
        out = np.squeeze(out, axis=axis)
    return out


def softmax_regression(W, X, y_onehot):
    lse = logsumexp_quiet(X @ W, axis=1, keepdims=True)
    logp = X @ W - lse
    return -np.mean(np.sum(y_onehot * logp, axis=1)) + 1e-3 * np.sum(W * W)


def zscore_outliers(x, threshold=1.5):
    if np.all(x == x[0]):
        return 0.0
    z = (x - x.mean()) / x.std(ddof=1)
    x = x.copy()
    x[np.abs(z) > threshold] *= 0.5
    x[x < 0] = 0.0
    return np.sum(x ** 2) + np.median(x)


def polyfit_residual(x, y, deg=2):
    V = np.vander(x, deg + 1)
    coef, *_ = np.linalg.lstsq(V, y, rcond=None)
    return np.sum((np.polyval(coef, x) - y) ** 2) + coef @ coef


def prox_lasso(w0, A, b, lam=0.1, step=0.1, iters=6):
    w = w0
    for _ in range(iters):
        g = A.T @ (A @ w - b)
        z = w - step * g
        w = np.sign(z) * np.maximum(np.abs(z) - step * lam, 0.0)
    return 0.5 * np.sum((A @ w - b) ** 2) + lam * np.linalg.norm(w, ord=1)


def gini(x):
    s = np.sort(x)
    n = len(s)
    cum = np.cumsum(s)
    return (n + 1 - 2 * np.sum(cum) / cum[-1]) / n


def adam_inner_loop(w0, A, b, lr=0.05, beta1=0.9, beta2=0.999, eps=1e-8, steps=3):
    w = w0.copy()
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for t in range(1, steps + 1):
        g = A.T @ (A @ w - b)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        m_hat = m / (1 - beta1 ** t)
        v_hat = v / (1 - beta2 ** t)
        w -= lr * m_hat / (np.sqrt(v_hat) + eps)
    return 0.5 * np.sum((A @ w - b) ** 2)


def stacked_lstm_cell(x_seq, W, U, b):
    hdim = U.shape[1]
    h = np.zeros(hdim)
    c = np.zeros(hdim)
    for x in x_seq:
        z = W @ x + U @ h + b
        i, f, o, g = np.split(z, 4)
        i, f, o = 1 / (1 + np.exp(-i)), 1 / (1 + np.exp(-f)), 1 / (1 + np.exp(-o))
        c = f * c + i * np.tanh(g)
        h = o * np.tanh(c)
    return np.sum(h ** 2)
