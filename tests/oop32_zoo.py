"""NumPy models written with objects and configuration (oop32): layer classes storing arrays
and an activation (``__call__`` or ``forward``), models holding a list of layers, optimiser
classes with their hyper-parameters in attributes, activation registries and string switches,
dicts of functions read at a key known when the function runs (a display, a module dict, a
config dict's entry), ``getattr(self, name)``, properties, static and class methods, class
attributes as hyper-parameters, a model built in the function from arrays passed in and a model
object handed in as a constant argument.  Rows: :data:`CASES` (``tests/test_oop32.py``)."""

from __future__ import annotations

import numpy as np
from idioms15_check import Case, seeded

_n, _u, _ = seeded(3201)


def relu(z):
    return np.maximum(z, 0.0)


def softplus(z):
    return np.logaddexp(0.0, z)


CONFIG = {"act": "tanh", "l2": 1e-2, "hidden": 3, "norm": "layer"}
ACTIVATIONS = {}


def register(name):
    def decorate(fn):
        ACTIVATIONS[name] = fn
        return fn
    return decorate


@register("swish")
def swish(z):
    return z / (1.0 + np.exp(-z))


@register("gelu")
def gelu(z):
    return 0.5 * z * (1.0 + np.tanh(0.7978845608 * (z + 0.044715 * z ** 3)))


# layers


class Dense:
    def __init__(self, W, b, act=np.tanh):
        self.W = W
        self.b = b
        self.act = act

    def __call__(self, x):
        return self.act(self.W @ x + self.b)


class Linear:
    def __init__(self, W, b):
        self.W = W
        self.b = b

    def forward(self, x):
        return x @ self.W + self.b


class Sequential:
    def __init__(self, layers):
        self.layers = layers

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


class Residual:
    def __init__(self, inner):
        self.inner = inner

    def __call__(self, x):
        return x + self.inner(x)


class LayerNorm:
    eps = 1e-5

    def __init__(self, gain, bias):
        self.gain = gain
        self.bias = bias

    def __call__(self, x):
        mu = x.mean(axis=-1, keepdims=True)
        var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
        return self.gain * (x - mu) / np.sqrt(var + self.eps) + self.bias


class Activations:
    def tanh(self, z):
        return np.tanh(z)

    def softplus(self, z):
        return np.logaddexp(0.0, z)

    def apply(self, name, z):
        return getattr(self, name)(z)


class Gaussian:
    def __init__(self, mu, log_sigma):
        self.mu = mu
        self.log_sigma = log_sigma

    @property
    def sigma(self):
        return np.exp(self.log_sigma)

    def log_prob(self, y):
        z = (y - self.mu) / self.sigma
        return -0.5 * z ** 2 - self.log_sigma - 0.5 * np.log(2.0 * np.pi)


class Poly:
    degree = 3

    @staticmethod
    def square(z):
        return z * z

    @classmethod
    def features(cls, x):
        return np.stack([x ** k for k in range(cls.degree)], axis=-1)


class Ridge:
    lam = 0.1

    def __init__(self, w):
        self.w = w

    def loss(self, X, y):
        r = X @ self.w - y
        return 0.5 * np.mean(r ** 2) + 0.5 * self.lam * np.sum(self.w ** 2)


class SGD:
    def __init__(self, lr=0.1):
        self.lr = lr

    def step(self, params, grads):
        return [p - self.lr * g for p, g in zip(params, grads)]  # noqa: B905


class Momentum:
    def __init__(self, lr=0.05, beta=0.9):
        self.lr = lr
        self.beta = beta

    def step(self, p, g, v):
        v = self.beta * v + g
        return p - self.lr * v, v


class RNNCell:
    def __init__(self, Wx, Wh):
        self.Wx = Wx
        self.Wh = Wh

    def step(self, h, x):
        return np.tanh(self.Wx @ x + self.Wh @ h)


class MSE:
    def __call__(self, pred, target):
        return np.mean((pred - target) ** 2)


class L2:
    def __init__(self, lam):
        self.lam = lam

    def __call__(self, w):
        return self.lam * np.sum(w ** 2)


class SmoothL1:
    def __init__(self, lam, eps=0.1):
        self.lam = lam
        self.eps = eps

    def __call__(self, w):
        return self.lam * np.sum(np.sqrt(w ** 2 + self.eps ** 2))


class Base:
    def __call__(self, x):
        return self.forward(x)


class Affine(Base):
    def __init__(self, a, c):
        self.a = a
        self.c = c

    def forward(self, x):
        return self.a * x + self.c


class SwitchLayer:
    def __init__(self, W, kind="relu"):
        self.W = W
        self.kind = kind

    def __call__(self, x):
        z = self.W @ x
        if self.kind == "relu":
            return relu(z)
        elif self.kind == "softplus":
            return softplus(z)
        return np.tanh(z)


class RBF:
    def __init__(self, lengthscale, variance=1.0):
        self.lengthscale = lengthscale
        self.variance = variance

    def __call__(self, a, b):
        d2 = (a[:, None] - b[None, :]) ** 2
        return self.variance * np.exp(-0.5 * d2 / self.lengthscale ** 2)


class Params:
    def __init__(self, W, b):
        self.params = {"W": W, "b": b}

    def __call__(self, x):
        return np.tanh(self.params["W"] @ x + self.params["b"])


W1, B1 = _n(3, 4, scale=0.5), _n(3, scale=0.1)
W2, B2 = _n(2, 3, scale=0.5), _n(2, scale=0.1)
X4 = _n(4)
XS = _n(5, 4, scale=0.7)
YS = _n(5)
MODEL = Sequential([Dense(W1, B1), Dense(W2, B2, act=softplus)])

# programs


def two_dense_layers(x, W1, b1, W2, b2):
    h = Dense(W1, b1)(x)
    out = Dense(W2, b2, act=relu)(h)
    return np.sum(out ** 2)


def sequential_of_layers(W1, b1, W2, b2, x):
    model = Sequential([Dense(W1, b1), Dense(W2, b2, act=np.sin)])
    return np.sum(model(x))


def layers_loop_in_function(W1, x):
    layers = [Dense(W1, np.zeros(3)), Dense(np.eye(3) * 0.5, np.ones(3))]
    for layer in layers:
        x = layer(x)
    return np.sum(x ** 2)


def linear_forward(W, b, X):
    layer = Linear(W, b)
    return np.mean(np.tanh(layer.forward(X)) ** 2)


def residual_block(x, W):
    block = Residual(Dense(W, np.zeros(W.shape[0])))
    return np.sum(block(x) ** 2)


def layer_norm_then_dense(x, gain, W):
    norm = LayerNorm(gain, np.zeros(4))
    return np.sum(Dense(W, np.zeros(3))(norm(x)))


def getattr_activation(x, name="softplus"):
    acts = Activations()
    return np.sum(acts.apply(name, x) * x)


def gaussian_property(mu, log_sigma, y):
    dist = Gaussian(mu, log_sigma)
    return -np.sum(dist.log_prob(y))


def static_and_class_methods(x):
    feats = Poly.features(x)
    return np.sum(Poly.square(feats @ np.array([0.5, -1.0, 0.25])))


def ridge_class_hyper(w, X, y):
    return Ridge(w).loss(X, y)


def sgd_step_then_loss(W, X, y):
    grad = X.T @ (X @ W - y) / len(y)
    (W_new,) = SGD(lr=0.2).step([W], [grad])
    return 0.5 * np.mean((X @ W_new - y) ** 2)


def momentum_steps(w, X, y):
    opt = Momentum()
    v = np.zeros_like(w)
    for _ in range(3):
        g = X.T @ (X @ w - y) / len(y)
        w, v = opt.step(w, g, v)
    return np.sum((X @ w - y) ** 2)


def rnn_cell_unrolled(Wx, Wh, xs):
    cell = RNNCell(Wx, Wh)
    h = np.zeros(Wh.shape[0])
    for x in xs:
        h = cell.step(h, x)
    return np.sum(h ** 2)


def mse_loss_object(W, X, y):
    loss = MSE()
    return loss(X @ W, y)


def regularizer_objects(w, X, y):
    regs = [L2(0.1), SmoothL1(0.05)]
    total = 0.5 * np.mean((X @ w - y) ** 2)
    for reg in regs:
        total = total + reg(w)
    return total


def inherited_call(x, a):
    return np.sum(Affine(a, 0.5)(x) ** 3)


def string_switch_layer(W, x, kind="softplus"):
    return np.sum(SwitchLayer(W, kind)(x))


def kernel_object_gp(log_ell, X, y):
    k = RBF(np.exp(log_ell), 1.5)
    K = k(X, X) + 0.1 * np.eye(len(X))
    alpha = np.linalg.solve(K, y)
    return 0.5 * y @ alpha + 0.5 * np.linalg.slogdet(K)[1]


def params_dict_in_object(W, x):
    layer = Params(W, np.zeros(3))
    return np.sum(layer(x) ** 2)


def model_passed_as_constant(x, model):
    return np.sum(model(x) ** 2)


def global_model_read(x):
    return np.sum(MODEL(x))


def display_of_activations(x, act_name="tanh"):
    act = {"tanh": np.tanh, "relu": relu, "softplus": softplus}[act_name]
    return np.sum(act(x) * x)


def display_at_config_key(W, x):
    act = {"tanh": np.tanh, "sin": np.sin}[CONFIG["act"]]
    return np.sum(act(W @ x)) + CONFIG["l2"] * np.sum(W ** 2)


def display_with_lambdas(x, act_name="square"):
    act = {"square": lambda z: z * z, "cube": lambda z: z ** 3, "tanh": np.tanh}[act_name]
    return np.sum(act(x))


def display_called_at_once(x, name="softplus"):
    return np.sum({"softplus": softplus, "swish": swish, "sq": lambda z: z * z}[name](x))


def display_in_layer_loop(W, x):
    for name in ("tanh", "softplus"):
        x = {"tanh": np.tanh, "softplus": softplus}[name](W @ x)
    return np.sum(x)


def display_of_scales(w, size="large"):
    scale = {"small": 0.1, "large": 2.0}[size]
    return scale * np.sum(w ** 2)


def registry_by_decorator(x, name="swish"):
    return np.sum(ACTIVATIONS[name](x))


def module_table_at_config_key(x):
    return np.sum(ACTIVATIONS[CONFIG.get("act2", "gelu")](x))


def hidden_from_config(W, x):
    h = np.tanh(W[: CONFIG["hidden"]] @ x)
    return np.sum(h ** 2)


def dense_act_from_display(W, x, act="softplus"):
    layer = Dense(W, np.zeros(W.shape[0]), act={"softplus": softplus, "tanh": np.tanh}[act])
    return np.sum(layer(x))


def layers_rebound(W1, W2, x):
    layer = Dense(W1, np.zeros(3))
    h = layer(x)
    layer = Dense(W2, np.ones(2), act=np.sin)
    return np.sum(layer(h) ** 2)


def layers_copied(W1, x):
    first = Dense(W1, np.zeros(3), act=softplus)
    second = Dense(np.eye(3) * 0.5, np.ones(3))
    layer = first
    x = layer(x)
    layer = second
    return np.sum(layer(x))


def adam_like_step(w, X, y, lr=0.05, b1=0.9, b2=0.999):
    opt = Momentum(lr, b1)
    g = X.T @ (X @ w - y) / len(y)
    m = (1.0 - b1) * g
    v = (1.0 - b2) * g * g
    w_new, _ = opt.step(w, m / (np.sqrt(v / (1.0 - b2)) + 1e-8) * (1.0 - b1), np.zeros_like(w))
    return np.sum((X @ w_new - y) ** 2)


def empty_class_methods(x, a):
    acts = Activations()
    return np.sum(acts.tanh(a * x) + acts.softplus(x))


def indexed_layers(W1, W2, x):
    layers = [Dense(W1, np.zeros(3), act=softplus), Dense(W2, np.zeros(2))]
    h = layers[0](x)
    return np.sum(layers[-1](h) ** 2)


def loop_over_layer_tuple(W1, x):
    for layer in (Dense(W1, np.zeros(3)), Affine(0.5, 0.1), Dense(np.eye(3), np.ones(3), relu)):
        x = layer(x)
    return np.sum(x ** 2)


def layers_loop_with_break(W1, x):
    layers = [Dense(W1, np.zeros(3)), Dense(np.eye(3) * 0.5, np.ones(3))]
    for layer in layers:
        x = layer(x)
        if np.max(x) > 10.0:
            break
    return np.sum(x)


def layer_or_raise(W, x, kind="linear"):
    if kind == "linear":
        layer = Linear(W, np.zeros(W.shape[1]))
    elif kind == "dense":
        layer = Linear(W, np.ones(W.shape[1]))
    else:
        raise ValueError(f"unknown layer kind {kind!r}")
    return np.sum(np.tanh(layer.forward(x)) ** 2)


def layer_lists_rebound(W1, W2, x):
    layers = [Dense(W1, np.zeros(3), act=softplus), Dense(W2, np.zeros(2))]
    h = layers[0](x)
    layers = [Dense(W1 * 0.5, np.ones(3)), Dense(W2, np.zeros(2), act=np.sin)]
    for layer in layers:
        x = layer(x)
    return np.sum(x ** 2) + np.sum(layers[-1](h) ** 2)


CASES = [
    Case("two_dense_layers", two_dense_layers, (X4, W1, B1, W2, B2), wrt=1),
    Case("linear_forward", linear_forward, (_n(4, 2), _n(2), XS)),
    Case("layer_norm_then_dense", layer_norm_then_dense, (X4, _u(0.5, 1.5, 4), W1), wrt=1),
    Case("gaussian_property", gaussian_property, (_n(5), _n(5, scale=0.3), YS), wrt=1),
    Case("static_and_class_methods", static_and_class_methods, (_n(5),)),
    Case("ridge_class_hyper", ridge_class_hyper, (_n(4), XS, YS)),
    Case("sgd_step_then_loss", sgd_step_then_loss, (_n(4), XS, YS)),
    Case("momentum_steps", momentum_steps, (_n(4), XS, YS)),
    Case("rnn_cell_unrolled", rnn_cell_unrolled, (_n(3, 4, scale=0.4), _n(3, 3, scale=0.4), XS),
         wrt=1),
    Case("mse_loss_object", mse_loss_object, (_n(4), XS, YS)),
    Case("inherited_call", inherited_call, (X4, 0.7), wrt=1),
    Case("kernel_object_gp", kernel_object_gp, (0.2, _n(5), YS)),
    Case("global_model_read", global_model_read, (X4,)),
    Case("display_of_activations", display_of_activations, (X4,)),
    Case("display_of_activations_relu", display_of_activations, (X4 + 0.05, "relu"),
         second=False),
    Case("display_at_config_key", display_at_config_key, (W1, X4)),
    Case("display_with_lambdas", display_with_lambdas, (X4,)),
    Case("display_with_lambdas_cube", display_with_lambdas, (X4, "cube")),
    Case("display_called_at_once", display_called_at_once, (X4,)),
    Case("display_called_at_once_lambda", display_called_at_once, (X4, "sq")),
    Case("display_in_layer_loop", display_in_layer_loop, (_n(4, 4, scale=0.5), X4)),
    Case("display_of_scales", display_of_scales, (X4,)),
    Case("registry_by_decorator", registry_by_decorator, (X4,)),
    Case("hidden_from_config", hidden_from_config, (_n(4, 4), X4)),
    Case("layers_loop_in_function", layers_loop_in_function, (W1, X4)),
    Case("regularizer_objects", regularizer_objects, (_n(4), XS, YS)),
    Case("indexed_layers", indexed_layers, (W1, W2, X4), wrt=1),
    Case("loop_over_layer_tuple", loop_over_layer_tuple, (W1, X4), second=False),
    Case("dense_act_from_display", dense_act_from_display, (W1, X4)),
    Case("layer_or_raise", layer_or_raise, (_n(4, 3, scale=0.5), X4)),
    Case("string_switch_layer", string_switch_layer, (W1, X4)),
    Case("string_switch_layer_relu", string_switch_layer, (W1, X4 + 0.05, "relu"), second=False),
    Case("layer_lists_rebound", layer_lists_rebound, (W1, W2, X4)),
    Case("layers_rebound", layers_rebound, (W1, W2, X4)),
    Case("layers_copied", layers_copied, (W1, X4)),
    Case("adam_like_step", adam_like_step, (_n(4), XS, YS)),
    Case("empty_class_methods", empty_class_methods, (X4, 0.8), wrt=1),
    # (refused before oop33: objects in objects' fields, a loop over layers with a break, a
    # dict stored by __init__, a module's table at a config dict's get)
    Case("sequential_of_layers", sequential_of_layers, (W1, B1, W2, B2, X4)),
    Case("layers_loop_with_break", layers_loop_with_break, (W1, X4)),
    Case("params_dict_in_object", params_dict_in_object, (W1, X4)),
    Case("module_table_at_config_key", module_table_at_config_key, (X4,)),
    Case("residual_block", residual_block, (_n(3), _n(3, 3, scale=0.5)), wrt=1),
]

# Refused, each naming what it cannot follow (``tests/test_oop32.py``): (program, arguments,
# words the message holds).
REFUSED = [
    (getattr_activation, (X4,), ("Activations", "getattr(self, name)")),
    (model_passed_as_constant, (X4, MODEL), ("model(...)",)),
]
