"""Programs whose constructs refusals7 lifted (``test_refusals7.py``): casts to float32, ``out=``
at its position, into a slice and of a reduction, ``**kwargs`` handed on."""

import numpy as np

import tangentish
from tangentish import hvp

# --- np.float32 casts (checked against closed forms: differences of float32 values are noise) ---


def float32_square(x):
    y = np.float32(x)
    return np.sum(y * y)


def float32_of_a_sum(x):
    return np.float32(np.sum(x)) ** 2 + np.float32(x[1]) * 3.0


def float32_then_back(x):
    return np.sum(np.float64(np.float32(x)) * np.sin(x))


# --- out= at its position, into a slice, of a reduction ---


def out_positional(a, b):
    c = np.empty_like(a)
    np.add(a, b, c)
    return np.sum(c * c)


def out_slice(a, b):
    c = np.zeros(4)
    np.multiply(a, b, out=c[1:])
    return np.sum(np.sin(c))


def out_reduction(a):
    r = np.empty(3)
    np.sum(a, axis=0, out=r)
    return np.sum(r ** 2)


def out_reduction_bound(a):
    r = np.empty(3)
    s = np.sum(a * a, axis=0, out=r)
    return np.sum(s * r)


def out_rows_of_a_buffer(a):
    buf = np.zeros((3, 3))
    np.mean(a, axis=0, out=buf[0, :])
    np.max(a, 0, buf[1, :])
    np.tanh(buf[0], buf[2, :])
    return np.sum(buf * buf[::-1])


# --- **params of a dict parameter differentiated: its entries by name ---


def dense(x, w=1.0, b=0.0):
    return np.tanh(w * x + b)


def layer(x, **kw):
    return dense(x, kw["w"]) * kw.get("gain", 1.0)


def unpacks_params(x, params):
    return np.sum(dense(x, **params))


def unpacks_nested(x, params):
    h = dense(x, **params["first"])
    return np.sum(dense(h, **params["second"], b=0.1) ** 2)


def unpacks_into_kwargs(x, params):
    return np.sum(layer(x, **params) * x)


def unpacks_in_a_loop(x, params):
    for p in params["layers"]:
        x = dense(x, **p)
    return np.sum(x)


def unpacks_twice(x, params):
    return np.sum(dense(x, **params, w=2.0))


# --- tangentish.hvp (and a jvp of a grad) called inside a differentiated function ---


def energy(x):
    return np.sum(np.sin(x) * x ** 2)


def energy2(x, k):
    return k * np.sum(np.cos(x) * x) + np.sum(x ** 3) * k ** 2


def jvp_of_grad(x):
    v = np.cos(x)
    return np.sum(tangentish.jvp(tangentish.grad(energy))(x, x_dot=v)[1] ** 2)


def hvp_inside(x):
    return np.sum(tangentish.hvp(energy)(x, np.cos(x)) ** 2)


def hvp_wrt_k(x, k):
    return np.sum(tangentish.hvp(energy2, wrt=1)(x, k, 0.5) * x) + k


def hvp_two_args(x, k):
    h = hvp(energy2)(x, k, x * k)
    return np.sum(np.tanh(h))


def hvp_by_keyword(x):
    return np.sum(tangentish.hvp(energy)(x, v=x) ** 2)


def hessian_inside(x):
    return np.trace(tangentish.hessian(energy)(x))


def jacobian_inside(x, k):  # (refusals9: both were refused)
    J = tangentish.jacobian(energy2, wrt=0, mode="fwd")(x, k)
    H = tangentish.hessian(energy2, wrt=0)(np.sin(x), k)
    return np.sum(J * x) + np.sum(H * np.outer(x, x[::-1]))


def hessian_tuple_wrt(x, k):
    return np.sum(tangentish.hessian(energy2, wrt=(0, 1))(x, k)[0][0])


# --- closure factories choosing what they return by a literal argument ---


def make_act(kind, k=1.5):
    if kind == "tanh":
        def act(z):
            return np.tanh(k * z)
    elif kind in ("square", "sq"):
        def act(z):
            return k * z * z
    else:
        return np.sin
    return act


def make_either(kind):
    def smooth(z):
        return np.log1p(np.exp(z))

    def sharp(z):
        return z * np.abs(z)
    if kind == "smooth" and not False:
        return smooth
    return sharp


def factory_chosen_by_literals(x):
    f, g = make_act("tanh"), make_act("sq", k=0.5)
    return np.sum(f(x) + g(x) * f(x * x))


def factory_returns_one_of_two(x, w):
    a = make_either("smooth")
    b = make_either("sharp")
    return np.sum(a(w * x) - b(x))


def penalty(x, kind="l2"):
    if kind == "l1":
        return np.sum(np.abs(x))
    return np.sum(x * x)


def helper_branch_by_literal(x):
    return penalty(x, "l1") + penalty(x * 2.0)


def factory_chosen_at_run_time(x, kind):
    act = make_act(kind)
    return np.sum(act(x))


# --- recursion whose depth the call's literal arguments decide ---


def power(x, n):
    if n == 0:
        return 1.0
    return x * power(x, n - 1)


def recursive_power(x):
    return np.sum(power(x, 3)) + np.sum(power(np.sin(x), 2))


def horner(cs, x, n):
    if n == 1:
        return cs[0]
    return cs[0] + x * horner(cs[1:], x, n - 1)


def recursive_horner(c, x):
    return horner(c, x, 3) * horner(c[::-1], x, 2)


def halves(x, depth=2):
    if depth == 0:
        return np.tanh(x)
    half = x.shape[0] // 2
    return halves(x[:half], depth - 1) * 2.0 + np.sum(halves(x[half:], depth - 1))


def recursive_halves(x):
    return np.sum(halves(x))


def too_deep(x):
    return np.sum(power(x, 9))


def depth_at_run_time(x, n):
    return np.sum(power(x, n))
