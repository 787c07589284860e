"""Small neural-network layers and Python idioms as people write them around NumPy (re-imagined,
none copied): layer norm, attention with a softmax, conv1d by slicing; ``enumerate``/``zip`` over
arrays, dicts of parameters, tuple unpacking, early returns, ``while`` with ``break``, a list
appended to and then stacked, keyword arguments, helpers with default arguments, and methods of
a small class.  ``tests/test_idioms15_python.py`` differentiates each in every mode."""

import numpy as np

# --- layers ------------------------------------------------------------------------------------


def layernorm(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    return np.sum(((x - mu) / np.sqrt(var + eps) * gamma + beta) ** 2)


def rmsnorm(x, weight, eps=1e-6):
    rms = np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps)
    return np.sum(np.tanh(x / rms * weight))


def _softmax(z, axis=-1):
    z = z - z.max(axis=axis, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


def self_attention(X, Wq, Wk, Wv):
    Q, K, V = X @ Wq, X @ Wk, X @ Wv
    scores = Q @ K.T / np.sqrt(K.shape[-1])
    return np.sum(_softmax(scores) @ V)


def causal_attention(X, W):
    T, d = X.shape
    q, k, v = np.split(X @ W, 3, axis=1)
    att = q @ k.T / np.sqrt(d)
    att = np.where(np.tril(np.ones((T, T))) == 1, att, -np.inf)
    return np.sum(_softmax(att) @ v)


def multihead(X, W, heads=2):
    T, D = X.shape
    qkv = (X @ W).reshape(T, 3, heads, D // heads).transpose(1, 2, 0, 3)
    q, k, v = qkv[0], qkv[1], qkv[2]
    w = _softmax(q @ k.transpose(0, 2, 1) / np.sqrt(D // heads))
    out = (w @ v).transpose(1, 0, 2).reshape(T, D)
    return np.mean(out ** 2)


def conv1d_slices(x, w, stride=1):
    k = len(w)
    n_out = (len(x) - k) // stride + 1
    out = np.zeros(n_out)
    for i in range(n_out):
        out[i] = x[i * stride:i * stride + k] @ w
    return np.sum(np.maximum(out, 0) ** 2)


def conv1d_channels(x, w, b):
    c_out, c_in, k = w.shape
    L = x.shape[1] - k + 1
    y = np.stack([np.sum(w[:, :, j][:, :, None] * x[None, :, j:j + L], axis=1)
                  for j in range(k)]).sum(axis=0)
    return np.sum(np.tanh(y + b[:, None]))


def mlp_relu(params, X, y):
    h = X
    for W, b in params[:-1]:
        h = np.maximum(h @ W + b, 0.0)
    W, b = params[-1]
    return np.mean((h @ W + b - y) ** 2)


def dropout_fixed_mask(x, w, keep=0.8, seed=0):
    mask = np.random.default_rng(seed).random(x.shape) < keep
    h = np.where(mask, x * w / keep, 0.0)
    return np.sum(h ** 2)


def glu(x, W, V):
    a, b = x @ W, x @ V
    return np.sum(a * (1.0 / (1.0 + np.exp(-b))))


def swiglu_ffn(x, W1, W2):
    h = x @ W1
    g, u = h[..., :2], h[..., 2:]
    return np.sum((g / (1 + np.exp(-g)) * u) @ W2)


def embedding_bag(E, ids, offsets):
    out = []
    for s, e in zip(offsets[:-1], offsets[1:]):  # noqa: B905  (as users write it)
        out.append(E[ids[s:e]].mean(axis=0))
    return np.sum(np.stack(out) ** 2)


def cross_entropy_int_labels(logits, labels):
    logp = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    return -logp[np.arange(len(labels)), labels].mean()


def residual_block(x, W1, W2):
    h = np.tanh(x @ W1)
    return np.sum((x + h @ W2) ** 2)


# --- Python idioms -----------------------------------------------------------------------------


def enumerate_weights(x, ws):
    total = 0.0
    for i, w in enumerate(ws):
        total += (i + 1) * np.sum(w * x ** (i + 1))
    return total


def zip_rows(A, B):
    s = 0.0
    for a, b in zip(A, B):  # noqa: B905
        s = s + np.dot(a, b) ** 2
    return s


def dict_params_loop(params, x):
    out = x
    for name in ("l1", "l2"):
        out = np.tanh(out @ params[name]["W"] + params[name]["b"])
    return np.sum(out)


def dict_update_inplace(p, x):
    state = {"h": np.zeros(2), "c": 0.0}
    for t in range(3):
        state["h"] = np.tanh(p @ x[t] + state["h"])
        state["c"] += state["h"].sum()
    return state["c"]


def tuple_unpack_swap(a, b):
    for _ in range(3):
        a, b = b, a + 0.5 * np.sin(b)
    return np.sum(a * b)


def starred_unpack(v):
    first, *middle, last = v
    return first * last + sum(m ** 2 for m in middle)


def early_return_norm(x, cap=2.0):
    n = np.linalg.norm(x)
    if n > cap:
        return cap * np.sum(x) / n
    return np.sum(x)


def while_break_accumulate(x, tol=0.05):
    total = 0.0
    term = x
    k = 0
    while True:
        total = total + term
        k += 1
        term = term * x / (k + 1)
        if np.max(np.abs(term)) < tol:
            break
    return np.sum(total)


def while_condition_counter(x):
    i = 0
    acc = np.ones_like(x)
    while i < 4 and np.all(np.abs(acc) < 100):
        acc = acc * (1 + x) + np.sin(x)
        i += 1
    return acc.sum()


def list_append_stack(x, n=4):
    rows = []
    h = x
    for _ in range(n):
        h = np.tanh(1.5 * h + 0.1)
        rows.append(h)
    H = np.stack(rows, axis=0)
    return np.sum(H * np.arange(1, n + 1)[:, None])


def list_append_column_stack(x):
    cols = []
    for p in range(1, 4):
        cols.append(x ** p)
    V = np.column_stack(cols)
    return np.sum(V @ np.array([0.5, -0.2, 0.1]))


def _scale(v, factor=2.0, *, shift=0.0):
    return factor * v + shift


def keyword_helper_calls(x):
    return np.sum(_scale(x) * _scale(x, 0.5) + _scale(x, shift=1.0) + _scale(factor=3.0, v=x))


def _penalty(w, kind="l2", lam=0.1):
    if kind == "l1":
        return lam * np.sum(np.abs(w))
    return lam * np.sum(w ** 2)


def default_arg_branch(w, x):
    return np.sum((x @ w) ** 2) + _penalty(w) + _penalty(w, kind="l1", lam=0.05)


def kwargs_forward(x, **kw):
    a = kw.get("a", 1.0)
    b = kw.get("b", 0.0)
    return np.sum(np.sin(a * x + b))


def call_kwargs_forward(x, a):
    return kwargs_forward(x, a=a, b=0.3) + kwargs_forward(x)


class Linear:
    def __init__(self, W, b):
        self.W = W
        self.b = b

    def __call__(self, x):
        return x @ self.W + self.b

    def l2(self):
        return np.sum(self.W ** 2)


LAYER = Linear(np.array([[0.5, -0.3], [0.2, 0.8], [-0.1, 0.4]]), np.array([0.1, -0.2]))


def module_layer_loss(x):
    return np.sum(np.tanh(LAYER(x))) + 0.01 * LAYER.l2()


class Regressor:
    def __init__(self, alpha=0.1):
        self.alpha = alpha

    def predict(self, w, X):
        return X @ w

    def loss(self, w, X, y):
        r = self.predict(w, X) - y
        return 0.5 * np.mean(r ** 2) + self.alpha * np.sum(w ** 2)


REG = Regressor(0.05)


def max_over_list(x):
    vals = [np.sum(x ** 2), np.sum(np.sin(x)), np.sum(x)]
    return max(vals)


def generator_sum_pairs(x):
    return sum(x[i] * x[j] for i in range(len(x)) for j in range(i + 1, len(x)))


def conditional_expression(x, mode="soft"):
    y = np.tanh(x) if mode == "soft" else np.clip(x, -1, 1)
    return np.sum(y ** 2)


def list_comprehension_norms(X):
    norms = [np.sqrt(np.sum(row ** 2)) for row in X]
    return np.sum(np.array(norms) ** 3)


def nested_function_closure(x, scale):
    def inner(v):
        return np.exp(-scale * v ** 2)

    return np.sum(inner(x) + inner(2 * x))


def lambda_map(x):
    f = lambda v: v ** 2 + 1  # noqa: E731
    return np.sum(f(x) * f(x + 1))


def reversed_recurrence(x):
    g = 0.0
    for v in reversed(x):
        g = v + 0.9 * g
    return g


def min_of_two_paths(x):
    a = np.sum((x - 1) ** 2)
    b = np.sum((x + 1) ** 2)
    return min(a, b)


def any_all_guards(x):
    if np.any(x > 5):
        return np.sum(x)
    if not np.all(np.isfinite(x)):
        return 0.0
    return np.sum(x ** 3)


def index_by_argmax(x, W):
    scores = W @ x
    k = int(np.argmax(scores))
    return scores[k] + 0.1 * np.sum(W[k] * x)


def flatten_params(theta, shapes=((2, 3), (3,))):
    out, i = [], 0
    for shape in shapes:
        n = int(np.prod(shape))
        out.append(theta[i:i + n].reshape(shape))
        i += n
    W, b = out
    return np.sum(np.tanh(np.ones(2) @ W + b))


def inplace_ops_chain(x):
    y = x.copy()
    y *= 2.0
    y += np.sin(x)
    y[0] -= y[-1]
    y /= 1.0 + x ** 2
    return np.sum(y ** 2)


def matrix_rows_assign(x):
    M = np.empty((3, len(x)))
    M[0] = x
    M[1] = x ** 2
    M[2, :] = np.cos(x)
    return np.sum(M.T @ np.array([1.0, -0.5, 0.25]))


def _kw_locals(x, **kw):
    a = kw.get("a", 1.0)
    scale = kw["scale"] if "scale" in kw else 2.0  # noqa: SIM401
    f = lambda v, a=a: np.sin(a * v)  # noqa: E731
    return np.sum(f(x) * scale)


def kwargs_same_names(x, a, s):
    return _kw_locals(x, a=a, scale=s) + _kw_locals(x, scale=s) + _kw_locals(x)


SHIFT = 0.25


def _global_key(x, **kw):
    return np.sum(x * kw.get("SHIFT", 1.0) + SHIFT)


def kwargs_global_clash(x, s):
    return _global_key(x, SHIFT=s)


class Dense:
    def __init__(self, W):
        self.W = W

    def __call__(self, x):
        return np.maximum(x @ self.W, 0.1 * x @ self.W)


DENSE = [Dense(np.eye(3) * 0.9), Dense(np.ones((3, 3)) * 0.2), Dense(np.eye(3)[:, :2])]


class MLP:
    def __init__(self, layers):
        self.layers = layers

    def __call__(self, x):
        for layer in self.layers[:-1]:
            x = np.tanh(layer(x))
        return self.layers[-1](x)


MLP_NET = MLP(DENSE)


def hidden_then_output(x):
    for layer in DENSE[:-1]:
        x = np.tanh(layer(x))
    return np.sum(DENSE[-1](x))


def mlp_hidden_slice(x):
    return np.sum(MLP_NET(x) ** 2)


def enumerate_sliced_layers(x):
    outs = []
    for i, layer in enumerate(DENSE[1:]):
        x = layer(x) * (i + 1)
        outs.append(x.sum())
    for layer, scale in zip(DENSE[::-1][1:], (0.5, 2.0)):  # noqa: B905
        outs.append(np.sum(layer(np.ones((1, 3))) * scale * x[:, :1]))
    return sum(outs)
