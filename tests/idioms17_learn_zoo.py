"""Estimators' losses and hand-written optimisers as outside code writes them (re-imagined, none
copied): logistic regression with L1/L2 penalties, the SVM hinge and its square, Huber, the
quantile (pinball) loss, Poisson and Tweedie deviances, ridge by ``np.linalg.solve``, elastic net,
softmax regression, and SGD/momentum/Nesterov/Adam/RMSProp update loops over a list of parameters
inside the function.  ``tests/test_idioms17_learn.py`` differentiates each in every mode."""

import numpy as np

# --- losses -------------------------------------------------------------------------------------


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def logistic_l2(w, X, y, C=1.0):
    z = X @ w
    # log(1 + exp(-y z)) written as sklearn does, with logaddexp
    loss = np.sum(np.logaddexp(0.0, -y * z))
    return loss + 0.5 / C * np.dot(w, w)


def logistic_l1_intercept(params, X, y, alpha=0.1):
    w, b = params[:-1], params[-1]
    p = _sigmoid(X @ w + b)
    eps = 1e-12
    nll = -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))
    return nll + alpha * np.sum(np.abs(w))


def hinge_loss(w, X, y, lam=0.01):
    margins = 1.0 - y * (X @ w)
    return np.mean(np.maximum(0.0, margins)) + lam * np.sum(w ** 2)


def squared_hinge(w, X, y):
    m = y * X.dot(w)
    return np.sum(np.clip(1 - m, 0, None) ** 2)


def multiclass_hinge(W, X, labels, delta=1.0):
    scores = X @ W
    n = X.shape[0]
    correct = scores[np.arange(n), labels][:, None]
    margins = np.maximum(0, scores - correct + delta)
    margins[np.arange(n), labels] = 0
    return margins.sum() / n


def huber(w, X, y, delta=1.0):
    r = y - X @ w
    a = np.abs(r)
    quad = 0.5 * r ** 2
    lin = delta * (a - 0.5 * delta)
    return np.sum(np.where(a <= delta, quad, lin))


def pseudo_huber(r, delta=0.5):
    return np.sum(delta ** 2 * (np.sqrt(1 + (r / delta) ** 2) - 1))


def quantile_loss(pred, y, q=0.8):
    diff = y - pred
    return np.mean(np.maximum(q * diff, (q - 1) * diff))


def multi_quantile(preds, y, quantiles=(0.1, 0.5, 0.9)):
    total = 0.0
    for i, q in enumerate(quantiles):
        e = y - preds[:, i]
        total = total + np.mean(np.where(e >= 0, q * e, (q - 1) * e))
    return total


def poisson_deviance(w, X, y):
    mu = np.exp(X @ w)
    return 2 * np.sum(mu - y * np.log(mu))


def tweedie_deviance(mu, y, p=1.5):
    a = y ** (2 - p) / ((1 - p) * (2 - p))
    b = y * mu ** (1 - p) / (1 - p)
    c = mu ** (2 - p) / (2 - p)
    return 2 * np.sum(a - b + c)


def ridge_centered_multi(X, Y, alpha=0.5):
    # intercept by centring, several targets at once, then leave-one-out residuals via the hat matrix
    Xc, Yc = X - X.mean(0), Y - Y.mean(0)
    G = Xc.T.dot(Xc)
    G[np.diag_indices_from(G)] += alpha
    coef = np.linalg.solve(G, Xc.T.dot(Yc))
    H = Xc @ np.linalg.solve(G, Xc.T)
    loo = (Yc - Xc @ coef) / (1.0 - np.diag(H))[:, None]
    return np.mean(loo ** 2)


def ridge_dual(X, y, alpha=0.3):
    K = X @ X.T
    dual = np.linalg.solve(K + alpha * np.eye(len(y)), y)
    return np.sum((K @ dual - y) ** 2)


def elastic_net(w, X, y, alpha=0.1, l1_ratio=0.3):
    n = len(y)
    r = y - X @ w
    penalty = l1_ratio * np.linalg.norm(w, 1) + 0.5 * (1 - l1_ratio) * np.linalg.norm(w) ** 2
    return r @ r / (2 * n) + alpha * penalty


def softmax_regression(W, X, labels, reg=1e-3):
    logits = X @ W
    logits -= logits.max(axis=1, keepdims=True)
    log_probs = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    nll = -log_probs[np.arange(len(labels)), labels].mean()
    return nll + reg * np.sum(W * W)


def one_hot_cross_entropy(W, X, labels, n_classes=3):
    Y = np.eye(n_classes)[labels]
    z = X @ W
    z = z - np.max(z, axis=-1, keepdims=True)
    p = np.exp(z) / np.sum(np.exp(z), axis=-1, keepdims=True)
    return -np.sum(Y * np.log(p)) / len(X)


def log_cosh_loss(pred, y):
    d = pred - y
    return np.sum(d + np.log1p(np.exp(-2.0 * d)) - np.log(2.0))


def focal_loss(logits, y, gamma=2.0, alpha=0.25):
    p = _sigmoid(logits)
    pt = np.where(y == 1, p, 1 - p)
    at = np.where(y == 1, alpha, 1 - alpha)
    return -np.sum(at * (1 - pt) ** gamma * np.log(pt))


def lasso_soft_threshold(w, lam=0.3):
    shrunk = np.sign(w) * np.maximum(np.abs(w) - lam, 0.0)
    return np.sum(shrunk ** 2 + shrunk * w)


def kernel_ridge_rbf(X, y, gamma=0.5, alpha=0.1):
    sq = np.sum(X ** 2, axis=1)
    d2 = sq[:, None] + sq[None, :] - 2 * X @ X.T
    K = np.exp(-gamma * d2)
    coef = np.linalg.solve(K + alpha * np.eye(K.shape[0]), y)
    return y @ coef


def standard_scaler_fit(X, w):
    mean = X.mean(axis=0)
    std = X.std(axis=0)
    Z = (X - mean) / std
    return np.sum(np.tanh(Z @ w))


# --- optimisers written by hand -----------------------------------------------------------------


def _quad_grads(params, A):
    w, b = params
    return [A @ w + b, np.sum(w) + b]


def sgd_steps(w0, A, lr=0.1, steps=4):
    w = w0.copy()
    for _ in range(steps):
        g = A @ w - 1.0
        w -= lr * g
    return np.sum(w ** 2)


def momentum_over_params(w0, b0, A, lr=0.05, beta=0.9, steps=3):
    params = [w0, b0]
    velocity = [np.zeros_like(p) for p in params]
    for _ in range(steps):
        grads = _quad_grads(params, A)
        for i in range(len(params)):
            velocity[i] = beta * velocity[i] + grads[i]
            params[i] = params[i] - lr * velocity[i]
    return np.sum(params[0] ** 2) + params[1] ** 2


def nesterov(w0, A, lr=0.05, mu=0.8, steps=4):
    w, v = w0, np.zeros_like(w0)
    for _ in range(steps):
        look = w + mu * v
        g = A @ look
        v = mu * v - lr * g
        w = w + v
    return w @ A @ w


def adam_over_params(w0, b0, A, lr=0.1, b1=0.9, b2=0.999, eps=1e-8, steps=3):
    params = [w0, b0]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    for t in range(1, steps + 1):
        grads = _quad_grads(params, A)
        new = []
        for p, g, i in zip(params, grads, range(len(params)), strict=True):
            m[i] = b1 * m[i] + (1 - b1) * g
            v[i] = b2 * v[i] + (1 - b2) * g * g
            mhat = m[i] / (1 - b1 ** t)
            vhat = v[i] / (1 - b2 ** t)
            new.append(p - lr * mhat / (np.sqrt(vhat) + eps))
        params = new
    return np.sum(params[0] ** 2) + 0.5 * params[1] ** 2


def rmsprop(w0, A, lr=0.05, rho=0.9, eps=1e-6, steps=3):
    w = w0
    cache = np.zeros_like(w)
    for _ in range(steps):
        g = A @ w + 0.5
        cache = rho * cache + (1 - rho) * g ** 2
        w = w - lr * g / np.sqrt(cache + eps)
    return np.sum(np.cos(w))


def adagrad_dict(params, A, lr=0.2, steps=3):
    acc = {k: np.zeros_like(v) for k, v in params.items()}
    p = dict(params)
    for _ in range(steps):
        g = {"w": A @ p["w"] + p["b"], "b": np.sum(p["w"])}
        for k in p:
            acc[k] = acc[k] + g[k] ** 2
            p[k] = p[k] - lr * g[k] / (np.sqrt(acc[k]) + 1e-7)
    return np.sum(p["w"] ** 2) + p["b"] ** 2


def gradient_descent_logistic(w0, X, y, lr=0.5, steps=3):
    w = w0
    for _ in range(steps):
        p = _sigmoid(X @ w)
        grad = X.T @ (p - y) / len(y)
        w = w - lr * grad
    return np.mean(np.logaddexp(0, -(2 * y - 1) * (X @ w)))


def lr_schedule_decay(w0, A, lr0=0.2, decay=0.5, steps=4):
    w = w0
    for k in range(steps):
        lr = lr0 / (1 + decay * k)
        w = w - lr * np.tanh(A @ w)
    return np.sum(w ** 2)


def weight_decay_tuple_params(params, X, y, wd=0.01, lr=0.1):
    W, b = params
    for _ in range(2):
        err = X @ W + b - y
        gW = X.T @ err / len(y) + wd * W
        gb = err.mean()
        W, b = W - lr * gW, b - lr * gb
    return np.sum((X @ W + b - y) ** 2)
