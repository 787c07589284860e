"""Sequence models as outside code writes them (re-imagined, none copied): vanilla RNN, GRU and LSTM
cells stepped in a Python loop (weights in a dict, in one stacked matrix split with
``np.split``, or gates sliced out of one product), bidirectional passes, attention with causal and
padding masks, multi-head attention by reshape and transpose, layer normalisation, sinusoidal
positional encodings, a 1-D temporal convolution and CTC-free sequence losses.
``tests/test_idioms17_seq.py`` differentiates each in every mode."""

import numpy as np


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def rnn_tanh_loop(Wx, Wh, xs, h0):
    h = h0
    hs = []
    for x in xs:
        h = np.tanh(Wx @ x + Wh @ h)
        hs.append(h)
    return np.sum(np.stack(hs) ** 2)


def gru_cell_loop(params, xs):
    Wz, Wr, Wh = params["Wz"], params["Wr"], params["Wh"]
    h = np.zeros(Wz.shape[0])
    for t in range(xs.shape[0]):
        hx = np.concatenate([h, xs[t]])
        z = _sigmoid(Wz @ hx)
        r = _sigmoid(Wr @ hx)
        h_tilde = np.tanh(Wh @ np.concatenate([r * h, xs[t]]))
        h = (1 - z) * h + z * h_tilde
    return np.sum(h)


def lstm_gates_sliced(W, b, xs, n_hidden=2):
    h = np.zeros(n_hidden)
    c = np.zeros(n_hidden)
    H = n_hidden
    for x in xs:
        gates = W @ np.hstack((x, h)) + b
        i = _sigmoid(gates[:H])
        f = _sigmoid(gates[H:2 * H])
        o = _sigmoid(gates[2 * H:3 * H])
        g = np.tanh(gates[3 * H:])
        c = f * c + i * g
        h = o * np.tanh(c)
    return h @ h + 0.1 * c.sum()


def lstm_split(W, xs):
    H = W.shape[0] // 4
    h, c = np.zeros(H), np.zeros(H)
    outputs = []
    for t in range(len(xs)):
        z = W @ np.concatenate((xs[t], h, [1.0]))
        i, f, o, g = np.split(z, 4)
        c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
        h = _sigmoid(o) * np.tanh(c)
        outputs.append(h)
    return np.mean(np.array(outputs))


def bidirectional_rnn(Wf, Wb, xs):
    def run(W, seq):
        h = np.zeros(W.shape[0])
        out = []
        for x in seq:
            h = np.tanh(W @ np.append(x, h))
            out.append(h)
        return out
    fwd = run(Wf, xs)
    bwd = run(Wb, xs[::-1])[::-1]
    return sum(np.dot(a, b) for a, b in zip(fwd, bwd, strict=True))


def rnn_teacher_forcing(W, V, xs, targets):
    h = np.zeros(W.shape[0])
    loss = 0.0
    for x, y in zip(xs, targets, strict=True):
        h = np.tanh(W @ np.r_[x, h])
        logits = V @ h
        loss -= logits[y] - np.log(np.sum(np.exp(logits)))
    return loss / len(xs)


def attention_causal(Q, K, V):
    T, d = Q.shape
    scores = Q @ K.T / np.sqrt(d)
    mask = np.triu(np.ones((T, T), dtype=bool), k=1)
    scores = np.where(mask, -1e9, scores)
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    w /= w.sum(axis=-1, keepdims=True)
    return np.sum((w @ V) ** 2)


def attention_padding_mask(Q, K, V, lengths):
    T = K.shape[0]
    valid = np.arange(T)[None, :] < lengths[:, None]
    s = Q @ K.T
    s[~valid] = -np.inf
    e = np.exp(s - np.max(s, axis=1, keepdims=True))
    a = e / e.sum(axis=1, keepdims=True)
    return np.sum(np.tanh(a @ V))


def multihead_attention(x, Wq, Wk, Wv, Wo, n_heads=2):
    # one head at a time, columns sliced out of the projections, joined with np.concatenate
    dh = x.shape[1] // n_heads
    q_all, k_all, v_all = x @ Wq, x @ Wk, x @ Wv
    heads = []
    for h in range(n_heads):
        cols = slice(h * dh, (h + 1) * dh)
        att = q_all[:, cols] @ k_all[:, cols].T / np.sqrt(dh)
        att = np.exp(att - att.max(-1, keepdims=True))
        heads.append(att / att.sum(-1, keepdims=True) @ v_all[:, cols])
    return np.sum((np.concatenate(heads, axis=-1) @ Wo + x) ** 2)


def einsum_attention(q, k, v):
    s = np.einsum("bqd,bkd->bqk", q, k)
    p = np.exp(s) / np.exp(s).sum(axis=2, keepdims=True)
    return np.einsum("bqk,bkd->bqd", p, v).sum()


def layer_norm(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
    return np.sum(np.tanh(gamma * (x - mu) / np.sqrt(var + eps) + beta))


def rms_norm(x, g, eps=1e-6):
    rms = np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps)
    return np.sum((x / rms * g) ** 3)


def positional_encoding_add(x, scale=1.0):
    T, D = x.shape
    pos = np.arange(T)[:, None]
    i = np.arange(D // 2)[None, :]
    angle = pos / 10000 ** (2 * i / D)
    pe = np.zeros((T, D))
    pe[:, 0::2] = np.sin(angle)
    pe[:, 1::2] = np.cos(angle)
    return np.sum(np.tanh(x * scale + pe))


def transformer_block(x, W1, W2, gamma):
    T, D = x.shape
    s = x @ x.T / np.sqrt(D)
    a = np.exp(s - s.max(axis=1, keepdims=True))
    a /= a.sum(axis=1, keepdims=True)
    h = x + a @ x
    mu = h.mean(-1, keepdims=True)
    h = gamma * (h - mu) / np.sqrt(h.var(-1, keepdims=True) + 1e-5)
    ff = np.maximum(h @ W1, 0) @ W2
    return np.mean((h + ff) ** 2)


def temporal_conv1d(x, w, dilation=2):
    # causal dilated convolution over time: x (T, C), w (K, C, F)
    K = w.shape[0]
    T = x.shape[0]
    pad = (K - 1) * dilation
    xp = np.vstack([np.zeros((pad, x.shape[1])), x])
    out = 0
    for k in range(K):
        out = out + xp[k * dilation:k * dilation + T] @ w[k]
    return np.sum(out ** 2)


def seq_mse_masked(pred, target, lengths):
    T = pred.shape[1]
    mask = (np.arange(T)[None, :] < lengths[:, None]).astype(float)
    return np.sum(mask * (pred - target) ** 2) / mask.sum()


def gru_scan_list(Wz, Uz, Wh, Uh, xs):
    h = np.zeros(Uz.shape[0])
    states = [h]
    for x in xs:
        z = _sigmoid(Wz @ x + Uz @ states[-1])
        cand = np.tanh(Wh @ x + Uh @ (states[-1]))
        states.append(z * states[-1] + (1 - z) * cand)
    return np.sum(states[-1] ** 2) + np.sum(states[1])


def echo_state_readout(W_out, W_in, W_res, u):
    x = np.zeros(W_res.shape[0])
    collected = []
    for t in range(len(u)):
        x = np.tanh(W_in * u[t] + W_res @ x)
        collected.append(x.copy())
    X = np.array(collected)
    y = X @ W_out
    return np.sum((y[:-1] - u[1:]) ** 2)


def beam_like_logprob(logits, tokens):
    # sum of log-softmax along the vocabulary for the chosen tokens
    lse = np.log(np.sum(np.exp(logits - logits.max(-1, keepdims=True)), -1)) + logits.max(-1)
    chosen = np.take_along_axis(logits, tokens[:, None], axis=-1)[:, 0]
    return np.sum(chosen - lse)
