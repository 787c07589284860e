"""Language and recommendation models as people write them in NumPy before reaching for a
framework (re-imagined, none copied): a linear-chain CRF by the forward algorithm, word2vec
skip-gram with negative sampling, GloVe's weighted least squares, a factorization machine, a
matrix factorisation with biases, a tied-weight autoencoder, label smoothing, mixup with a fixed
lambda, a highway layer, maxout, a peephole LSTM, capsule squashing, t-SNE's KL by hand, a
character CNN with ``np.convolve`` per filter, layer norm and batch norm classes, embedding
gathers with integer index arrays and ``np.add.at``, a pointer-network attention, a
sequence-to-sequence decoder with teacher forcing, a byte-pair merge-free unigram LM loss.
``tests/test_idioms19_nlp.py`` differentiates each in every mode."""

import numpy as np


def _lse(a, axis=-1):
    m = a.max(axis=axis, keepdims=True)
    return (m + np.log(np.exp(a - m).sum(axis=axis, keepdims=True))).squeeze(axis)


def crf_forward_nll(emissions, transitions, tags):
    T, K = emissions.shape
    alpha = emissions[0].copy()
    for t in range(1, T):
        alpha = _lse(alpha[:, None] + transitions, axis=0) + emissions[t]
    log_z = _lse(alpha, axis=0)
    score = emissions[0, tags[0]]
    for t in range(1, T):
        score += transitions[tags[t - 1], tags[t]] + emissions[t, tags[t]]
    return log_z - score


def skipgram_negative(W_in, W_out, center, context, negatives):
    v = W_in[center]
    pos = np.log(1.0 / (1.0 + np.exp(-W_out[context] @ v)))
    neg = np.sum(np.log(1.0 / (1.0 + np.exp(W_out[negatives] @ v))))
    return -(pos + neg)


def glove_loss(W, C, bw, bc, cooc, x_max=10.0, alpha=0.75):
    i, j = np.nonzero(cooc)
    x = cooc[i, j]
    weight = np.where(x < x_max, (x / x_max) ** alpha, 1.0)
    pred = np.sum(W[i] * C[j], axis=1) + bw[i] + bc[j]
    return np.sum(weight * (pred - np.log(x)) ** 2)


def factorization_machine(w0, w, V, X, y):
    linear = w0 + X @ w
    inter = 0.5 * np.sum((X @ V) ** 2 - (X ** 2) @ (V ** 2), axis=1)
    pred = linear + inter
    return np.mean((pred - y) ** 2)


def mf_with_biases(P, Q, bu, bi, users, items, ratings, mu=3.5, lam=0.05):
    pred = mu + bu[users] + bi[items] + np.einsum("ij,ij->i", P[users], Q[items])
    err = ratings - pred
    reg = lam * (np.sum(P ** 2) + np.sum(Q ** 2) + bu @ bu + bi @ bi)
    return err @ err + reg


def tied_autoencoder(W, b_h, b_o, X):
    H = np.tanh(X @ W + b_h)
    R = H @ W.T + b_o
    return np.mean(np.sum((R - X) ** 2, axis=1))


def label_smoothing_xent(logits, labels, eps=0.1):
    n, k = logits.shape
    target = np.full((n, k), eps / (k - 1))
    target[np.arange(n), labels] = 1.0 - eps
    logp = logits - _lse(logits)[:, None]
    return -np.sum(target * logp) / n


def mixup_loss(W, X, Y, perm, lam=0.7):
    Xm = lam * X + (1 - lam) * X[perm]
    Ym = lam * Y + (1 - lam) * Y[perm]
    logits = Xm @ W
    logp = logits - _lse(logits)[:, None]
    return -np.mean(np.sum(Ym * logp, axis=1))


def highway_layer(x, Wh, Wt, bt=-1.0):
    h = np.maximum(x @ Wh, 0.0)
    t = 1.0 / (1.0 + np.exp(-(x @ Wt + bt)))
    return np.sum(t * h + (1.0 - t) * x)


def maxout(x, W, b, pieces=3):
    z = (x @ W + b).reshape(x.shape[0], -1, pieces)
    return np.sum(z.max(axis=-1) ** 2)


def lstm_peephole(params, xs):
    Wx, Wh, p, b = params["Wx"], params["Wh"], params["peep"], params["b"]
    H = Wh.shape[0]
    h = np.zeros(H)
    c = np.zeros(H)
    outs = []
    for x in xs:
        z = x @ Wx + h @ Wh + b
        i = 1 / (1 + np.exp(-(z[:H] + p[0] * c)))
        f = 1 / (1 + np.exp(-(z[H:2 * H] + p[1] * c)))
        g = np.tanh(z[2 * H:3 * H])
        c = f * c + i * g
        o = 1 / (1 + np.exp(-(z[3 * H:] + p[2] * c)))
        h = o * np.tanh(c)
        outs.append(h)
    return np.sum(np.stack(outs) ** 2)


def capsule_squash(u, W, iters=3):
    u_hat = np.einsum("ij,ijk->ik", u, W)  # (in caps, out dim)
    b = np.zeros(u.shape[0])
    for _ in range(iters):
        c = np.exp(b) / np.exp(b).sum()
        s = c @ u_hat
        n2 = s @ s
        v = n2 / (1 + n2) * s / np.sqrt(n2 + 1e-9)
        b = b + u_hat @ v
    return np.linalg.norm(v)


def tsne_kl(Y, P):
    d2 = np.sum((Y[:, None, :] - Y[None, :, :]) ** 2, axis=-1)
    num = 1.0 / (1.0 + d2)
    np.fill_diagonal(num, 0.0)
    Q = num / num.sum()
    mask = P > 0
    return np.sum(P[mask] * np.log(P[mask] / Q[mask]))


def char_cnn_convolve(emb, filters, ids):
    x = emb[ids]  # (T, D)
    feats = []
    for f in filters:  # f: (width, D)
        acc = np.zeros(x.shape[0] - f.shape[0] + 1)
        for d in range(x.shape[1]):
            acc += np.convolve(x[:, d], f[::-1, d], mode="valid")
        feats.append(np.max(np.tanh(acc)))
    return np.sum(np.array(feats))


class LayerNorm:
    def __init__(self, gamma, beta, eps=1e-5):
        self.gamma, self.beta, self.eps = gamma, beta, eps

    def __call__(self, x):
        mu = x.mean(axis=-1, keepdims=True)
        var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
        return self.gamma * (x - mu) / np.sqrt(var + self.eps) + self.beta


def layernorm_class_loss(gamma, beta, X, W):
    ln = LayerNorm(gamma, beta)
    return np.sum(np.tanh(ln(X @ W)) ** 2)


def batchnorm_running(X, gamma, beta, momentum=0.9, eps=1e-5):
    running_mean = np.zeros(X.shape[1])
    running_var = np.ones(X.shape[1])
    out = 0.0
    for batch in np.split(X, 3):
        mu = batch.mean(axis=0)
        var = batch.var(axis=0)
        running_mean = momentum * running_mean + (1 - momentum) * mu
        running_var = momentum * running_var + (1 - momentum) * var
        xhat = (batch - mu) / np.sqrt(var + eps)
        out += np.sum((gamma * xhat + beta) ** 3)
    return out + np.sum(running_mean ** 2) + np.sum(running_var)


def embedding_grad_add_at(E, ids, targets):
    pooled = np.zeros((len(targets), E.shape[1]))
    np.add.at(pooled, np.repeat(np.arange(len(targets)), ids.shape[1]), E[ids.ravel()])
    return np.sum((pooled - targets) ** 2)


def pointer_attention(enc, dec, W1, W2, v, target):
    scores = np.tanh(enc @ W1 + (dec @ W2)[None, :]) @ v
    logp = scores - _lse(scores, axis=0)
    return -logp[target]


def seq2seq_teacher_forcing(params, src, tgt_ids):
    E, Wenc, Wdec, Wout = params
    h = np.zeros(Wenc.shape[1])
    for x in src:
        h = np.tanh(x @ Wenc[:x.shape[0]] + h @ Wenc[x.shape[0]:])
    loss = 0.0
    prev = 0
    for t in tgt_ids:
        h = np.tanh(E[prev] @ Wdec[:E.shape[1]] + h @ Wdec[E.shape[1]:])
        logits = h @ Wout
        loss += _lse(logits, axis=0) - logits[t]
        prev = t
    return loss / len(tgt_ids)


def unigram_lm(logits, token_ids):
    logp = logits - _lse(logits, axis=0)
    counts = np.bincount(token_ids, minlength=len(logits))
    return -(counts @ logp) / len(token_ids)


def attention_dropout_fixed(Q, K, V, seed=0, rate=0.25):
    rng = np.random.default_rng(seed)
    s = Q @ K.T / np.sqrt(Q.shape[1])
    a = np.exp(s - s.max(axis=1, keepdims=True))
    a /= a.sum(axis=1, keepdims=True)
    keep = rng.random(a.shape) >= rate
    a = a * keep / (1 - rate)
    return np.sum((a @ V) ** 2)


def kmeans_soft_assign(centers, X, temp=0.5):
    d2 = ((X[:, None, :] - centers[None]) ** 2).sum(-1)
    logits = -d2 / temp
    r = np.exp(logits - _lse(logits)[:, None])
    return np.sum(r * d2) / len(X)


def triplet_cosine(anchor, pos, neg, margin=0.2):
    def cos(a, b):
        return np.sum(a * b, axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
    return np.mean(np.maximum(0.0, margin - cos(anchor, pos) + cos(anchor, neg)))
