"""Survival analysis, ranking losses and mixture models as they are written in statistics and
recommender code (re-imagined, none copied): Cox partial likelihoods by risk-set loops and by
reversed cumulative sums (Breslow ties), Weibull and log-normal AFT likelihoods with censoring,
piecewise-exponential hazards, discrete-time hazards; pairwise hinge, RankNet, ListNet,
ApproxNDCG and BPR losses; Gaussian, Poisson and von Mises mixtures with a hand-written
logsumexp and an EM step.  ``tests/test_idioms18_survival.py`` differentiates each in every
mode."""

import math

import numpy as np


def _logsumexp(a, axis=None):
    m = np.max(a, axis=axis, keepdims=True)
    out = m + np.log(np.sum(np.exp(a - m), axis=axis, keepdims=True))
    return np.squeeze(out, axis=axis) if axis is not None else out.item()


def cox_partial_loop(beta, X, times, events):
    eta = X @ beta
    ll = 0.0
    for i in range(len(times)):
        if not events[i]:
            continue
        at_risk = times >= times[i]
        ll += eta[i] - np.log(np.sum(np.exp(eta[at_risk])))
    return -ll


def cox_partial_cumsum(beta, X, times, events):
    order = np.argsort(-times)
    eta = (X @ beta)[order]
    ev = events[order]
    log_risk = np.log(np.cumsum(np.exp(eta)))
    return -np.sum((eta - log_risk)[ev.astype(bool)])


def cox_breslow_ties(beta, X, times, events):
    eta = X @ beta
    total = 0.0
    for t in np.unique(times[events == 1]):
        died = (times == t) & (events == 1)
        risk = times >= t
        total += eta[died].sum() - died.sum() * np.log(np.exp(eta[risk]).sum())
    return -total


def weibull_aft_nll(params, X, t, delta):
    beta, log_k = params[:-1], params[-1]
    k = np.exp(log_k)
    lam = np.exp(X @ beta)
    z = (t / lam) ** k
    log_f = np.log(k) - np.log(lam) + (k - 1) * np.log(t / lam) - z
    log_S = -z
    return -np.sum(delta * log_f + (1 - delta) * log_S)


def lognormal_aft_censored(mu, sigma, t, delta):
    from scipy.special import log_ndtr
    z = (np.log(t) - mu) / sigma
    log_pdf = -0.5 * z ** 2 - np.log(sigma * t * math.sqrt(2 * math.pi))
    return -np.sum(np.where(delta == 1, log_pdf, log_ndtr(-z)))


def piecewise_exponential(log_hazards, t, delta, cuts=np.array([0.0, 1.0, 2.0, np.inf])):  # noqa: B008
    h = np.exp(log_hazards)
    nll = 0.0
    for ti, di in zip(t, delta, strict=True):
        exposure = np.clip(ti - cuts[:-1], 0.0, np.diff(cuts))
        j = np.searchsorted(cuts, ti, side="right") - 1
        nll += np.sum(h * exposure) - di * log_hazards[j]
    return nll


def discrete_time_hazard(logits, durations, events):
    hazards = 1.0 / (1.0 + np.exp(-logits))
    ll = 0.0
    for i, (d, e) in enumerate(zip(durations, events, strict=True)):
        ll += np.sum(np.log1p(-hazards[i, :d]))
        if e:
            ll += np.log(hazards[i, d])
        else:
            ll += np.log1p(-hazards[i, d])
    return -ll / len(durations)


def kaplan_meier_smooth(hazard_logits):
    h = 1 / (1 + np.exp(-hazard_logits))
    S = np.cumprod(1 - h)
    return np.sum(S) + S[-1]


def pairwise_hinge_rank(scores, relevance, margin=1.0):
    loss = 0.0
    n = len(scores)
    for i in range(n):
        for j in range(n):
            if relevance[i] > relevance[j]:
                loss += max(0.0, margin - (scores[i] - scores[j]))
    return loss


def ranknet_loss(scores, relevance):
    diff = scores[:, None] - scores[None, :]
    target = (relevance[:, None] > relevance[None, :]).astype(float)
    mask = relevance[:, None] != relevance[None, :]
    return np.sum(mask * (np.logaddexp(0.0, -diff) * target))


def listnet_loss(scores, relevance, temperature=1.0):
    p_true = np.exp(relevance) / np.exp(relevance).sum()
    log_p = scores / temperature - _logsumexp(scores / temperature)
    return -np.sum(p_true * log_p)


def approx_ndcg(scores, relevance, alpha=5.0):
    diff = scores[None, :] - scores[:, None]
    approx_rank = 1.0 + np.sum(1.0 / (1.0 + np.exp(-alpha * diff)), axis=1) - 0.5
    gains = 2.0 ** relevance - 1
    dcg = np.sum(gains / np.log2(1.0 + approx_rank))
    ideal = np.sort(gains)[::-1]
    idcg = np.sum(ideal / np.log2(np.arange(2, len(gains) + 2)))
    return 1.0 - dcg / idcg


def bpr_loss(user, items, pos, neg, reg=0.01):
    x_pos = items[pos] @ user
    x_neg = items[neg] @ user
    loss = -np.sum(np.log(1 / (1 + np.exp(-(x_pos - x_neg)))))
    return loss + reg * (user @ user + np.sum(items[pos] ** 2) + np.sum(items[neg] ** 2))


def lambda_weighted_pairs(scores, relevance):
    order = np.argsort(-scores)
    rank = np.empty_like(order)
    rank[order] = np.arange(len(scores))
    disc = 1.0 / np.log2(rank + 2.0)
    total = 0.0
    for i, j in [(i, j) for i in range(len(scores)) for j in range(len(scores))
                 if relevance[i] > relevance[j]]:
        delta = abs((2 ** relevance[i] - 2 ** relevance[j]) * (disc[i] - disc[j]))
        total += delta * np.log1p(np.exp(-(scores[i] - scores[j])))
    return total


def gmm_1d_logsumexp(x, means, log_sigmas, logits):
    log_w = logits - _logsumexp(logits)
    sig = np.exp(log_sigmas)
    comp = (log_w[None, :] - 0.5 * ((x[:, None] - means[None, :]) / sig) ** 2
            - log_sigmas - 0.5 * np.log(2 * np.pi))
    return -np.sum(_logsumexp(comp, axis=1))


def gmm_em_step_loglik(x, mu, var, w):
    log_p = np.stack([np.log(w[k]) - 0.5 * np.log(2 * np.pi * var[k])
                      - (x - mu[k]) ** 2 / (2 * var[k]) for k in range(len(mu))], axis=1)
    resp = np.exp(log_p - _logsumexp(log_p, axis=1)[:, None])
    Nk = resp.sum(axis=0)
    mu_new = resp.T @ x / Nk
    var_new = np.sum(resp * (x[:, None] - mu_new) ** 2, axis=0) / Nk
    return np.sum(mu_new ** 2) + np.sum(np.log(var_new))


def poisson_mixture(counts, log_rates, logits):
    from scipy.special import gammaln, logsumexp
    lam = np.exp(log_rates)
    log_pmf = counts[:, None] * log_rates - lam - gammaln(counts[:, None] + 1)
    log_mix = log_pmf + logits - logsumexp(logits)
    return -logsumexp(log_mix, axis=1).sum()


def von_mises_mixture(theta, mus, kappas, w):
    from scipy.special import i0
    dens = np.zeros_like(theta)
    for m, k, wk in zip(mus, kappas, w, strict=True):
        dens += wk * np.exp(k * np.cos(theta - m)) / (2 * np.pi * i0(k))
    return -np.sum(np.log(dens))


def mixture_of_regressions(X, y, W, logits, sigma=0.5):
    preds = X @ W  # (n, K)
    log_lik = -0.5 * ((y[:, None] - preds) / sigma) ** 2
    log_prior = logits - np.log(np.sum(np.exp(logits)))
    joint = log_lik + log_prior
    mx = joint.max(axis=1, keepdims=True)
    return -np.sum(mx[:, 0] + np.log(np.exp(joint - mx).sum(axis=1)))


def concordance_smooth(risk, times, events, s=0.1):
    num = den = 0.0
    for i in range(len(times)):
        if events[i] == 0:
            continue
        later = times > times[i]
        num += np.sum(1 / (1 + np.exp(-(risk[i] - risk[later]) / s)))
        den += later.sum()
    return num / den


def softmax_cross_entropy_topk(scores, label, k=3):
    top = np.argsort(scores)[::-1][:k]
    sel = scores[top]
    lse = np.log(np.sum(np.exp(sel - sel.max()))) + sel.max()
    return lse - scores[label]


def gompertz_nll(params, t, delta):
    a, b = np.exp(params)
    log_h = np.log(a) + b * t
    H = a / b * (np.exp(b * t) - 1)
    return -np.sum(delta * log_h - H)
