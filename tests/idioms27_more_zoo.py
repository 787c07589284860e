"""NumPy written the way people write it, in forms the earlier zoos do not take (part two):
learning and everyday Python: BPR on (user, positive, negative) index triples, an ALS sweep that
solves per user in a loop, RankNet's pairwise logistic loss by ``[:, np.newaxis] -
[np.newaxis, :]`` under a label mask, ListNet's softmax cross-entropy, a soft-rank NDCG, Sinkhorn
scaling (``u = a / (K @ v)``) on a cost built by broadcasting, a sorted 1-D Wasserstein distance,
a Chamfer distance by ``.min(axis=)``, a generalized IoU of boxes by ``np.maximum``/``np.minimum``,
a soft Dice loss, an ArcFace margin at ``[np.arange(n), labels]``, a center loss with
``centers[labels]``, ridge cross-validated over ``np.array_split`` folds and ``np.setdiff1d``."""

from __future__ import annotations

import math

import numpy as np

# --- recommenders and ranking ---


def bpr_loss(U, V, triples, reg=0.01):
    u, i, j = triples[:, 0], triples[:, 1], triples[:, 2]
    x_uij = np.sum(U[u] * (V[i] - V[j]), axis=1)
    return np.mean(np.logaddexp(0.0, -x_uij)) + reg * (np.sum(U ** 2) + np.sum(V ** 2))


def als_user_sweep(V, R, mask, lam=0.1):
    k = V.shape[1]
    U = np.empty((R.shape[0], k))
    for u in range(R.shape[0]):
        seen = mask[u]
        Vs = V[seen]
        U[u] = np.linalg.solve(Vs.T @ Vs + lam * np.eye(k), Vs.T @ R[u, seen])
    err = (R - U @ V.T) * mask
    return np.sum(err ** 2)


def ranknet_loss(scores, relevance):
    diff = scores[:, np.newaxis] - scores[np.newaxis, :]
    better = relevance[:, np.newaxis] > relevance[np.newaxis, :]
    return np.sum(np.where(better, np.logaddexp(0.0, -diff), 0.0)) / better.sum()


def listnet_loss(scores, relevance):
    p_true = np.exp(relevance) / np.exp(relevance).sum(axis=-1, keepdims=True)
    z = scores - scores.max(axis=-1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=-1, keepdims=True))
    return -(p_true * log_p).sum(axis=-1).mean()


def soft_ndcg(scores, relevance, temp=0.5):
    pair = (scores[None, :] - scores[:, None]) / temp
    ranks = 1.0 + np.sum(1.0 / (1.0 + np.exp(-pair)), axis=1) - 0.5
    gains = 2.0 ** relevance - 1.0
    dcg = np.sum(gains / np.log2(1.0 + ranks))
    ideal = np.sum(np.sort(gains)[::-1] / np.log2(np.arange(2, len(gains) + 2)))
    return 1.0 - dcg / ideal


# --- transport and geometry losses ---


def sinkhorn_cost(x, y, eps=0.5, iters=30):
    C = (x[:, None, :] - y[None, :, :]) ** 2
    C = C.sum(axis=-1)
    K = np.exp(-C / eps)
    a = np.full(len(x), 1.0 / len(x))
    b = np.full(len(y), 1.0 / len(y))
    v = np.ones(len(y))
    for _ in range(iters):
        u = a / (K @ v)
        v = b / (K.T @ u)
    P = u[:, None] * K * v[None, :]
    return np.sum(P * C)


def wasserstein_1d(x, y):
    return np.mean(np.abs(np.sort(x) - np.sort(y)))


def chamfer(p, q):
    d = np.sum((p[:, None] - q[None]) ** 2, axis=-1)
    return d.min(axis=1).mean() + d.min(axis=0).mean()


def giou_loss(pred, target):
    x1 = np.maximum(pred[:, 0], target[:, 0])
    y1 = np.maximum(pred[:, 1], target[:, 1])
    x2 = np.minimum(pred[:, 2], target[:, 2])
    y2 = np.minimum(pred[:, 3], target[:, 3])
    inter = np.clip(x2 - x1, 0, None) * np.clip(y2 - y1, 0, None)
    area = lambda b: (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])  # noqa: E731
    union = area(pred) + area(target) - inter
    cx1 = np.minimum(pred[:, 0], target[:, 0])
    cy1 = np.minimum(pred[:, 1], target[:, 1])
    cx2 = np.maximum(pred[:, 2], target[:, 2])
    cy2 = np.maximum(pred[:, 3], target[:, 3])
    hull = (cx2 - cx1) * (cy2 - cy1)
    giou = inter / union - (hull - union) / hull
    return np.mean(1.0 - giou)


def soft_dice(logits, mask, smooth=1.0):
    p = 1.0 / (1.0 + np.exp(-logits))
    p, m = p.reshape(-1), mask.reshape(-1)
    return 1.0 - (2.0 * (p * m).sum() + smooth) / (p.sum() + m.sum() + smooth)


def arcface_loss(emb, W, labels, s=8.0, margin=0.3):
    e = emb / np.linalg.norm(emb, axis=1, keepdims=True)
    w = W / np.linalg.norm(W, axis=0, keepdims=True)
    cos = np.clip(e @ w, -1 + 1e-7, 1 - 1e-7)
    rows = np.arange(len(labels))
    logits = cos.copy()
    logits[rows, labels] = np.cos(np.arccos(cos[rows, labels]) + margin)
    logits *= s
    logits -= logits.max(axis=1, keepdims=True)
    return -np.mean(logits[rows, labels] - np.log(np.exp(logits).sum(axis=1)))


def center_loss(features, centers, labels, lam=0.5):
    diff = features - centers[labels]
    return 0.5 * lam * np.sum(diff ** 2) / len(labels)


def cv_ridge(log_lam, X, y, k=3):
    lam = math.exp(log_lam) if isinstance(log_lam, float) else np.exp(log_lam)
    everything = np.arange(len(y))
    errors = []
    for fold in np.array_split(everything, k):
        train = np.setdiff1d(everything, fold)
        Xt, yt = X[train], y[train]
        w = np.linalg.solve(Xt.T @ Xt + lam * np.eye(X.shape[1]), Xt.T @ yt)
        errors.append(np.mean((X[fold] @ w - y[fold]) ** 2))
    return np.mean(errors)
