"""Programs tangentish refused until refusals6 (test_refusals6.py), a section per construct the
branch lifted, and the forms that stay refused."""

from __future__ import annotations

import numpy as np

import tangentish

# --- `try` / `except` / `else` / `finally` ---


def cholesky_or_diagonal(B, x):
    A = B @ B.T + 0.5 * np.eye(3)
    try:
        L = np.linalg.cholesky(A)
    except np.linalg.LinAlgError:
        L = np.diag(np.sqrt(np.abs(np.diag(A))))
    return np.sum(np.tanh(L @ x))


def indefinite_falls_back(B, x):  # (A is indefinite: the `except` block runs)
    A = B @ B.T - 4.0 * np.eye(3)
    try:
        L = np.linalg.cholesky(A)
    except np.linalg.LinAlgError:
        L = np.diag(np.sqrt(np.abs(np.diag(A))))
    return np.sum(np.tanh(L @ x))


def cholesky_logdet(B):
    A = B @ B.T + np.eye(3)
    try:
        L = np.linalg.cholesky(A)
        logdet = 2.0 * np.sum(np.log(np.diag(L)))
    except np.linalg.LinAlgError:
        logdet = np.log(np.abs(np.linalg.det(A)))
    return logdet


def solve_else_finally(A, b):
    try:
        y = np.linalg.solve(A, b)
    except (np.linalg.LinAlgError, ValueError):
        y = 0.5 * b
    else:
        y = y * 2.0
    finally:
        scale = 1.5
    return np.sum(y ** 2) * scale


def singular_solve(a, b):  # (a singular matrix: the first handler of two takes it)
    S = np.stack([a, 0.0 * a])  # (a row of zeros: exactly singular)
    try:
        y = np.linalg.solve(S, b)
    except np.linalg.LinAlgError:
        y = np.sin(b) * np.sum(a)
    except ValueError:
        y = b
    return np.sum(y)


def bare_except(a, b):
    S = np.stack([a, 0.0 * a])
    try:
        y = np.linalg.inv(S)
    except:  # noqa: E722  (a bare `except`: anything)
        y = np.outer(b, a)
    return np.sum(y * y)


def try_finally(x):
    try:
        y = np.sin(x) * 2.0
    finally:
        total = 1.0
    return np.sum(y) + total


def unhandled_propagates(a):
    S = np.stack([a, 0.0 * a])
    try:
        y = np.linalg.inv(S)
    except TypeError:
        y = S
    return np.sum(y)


def _helper(A):
    return np.linalg.cholesky(A)


def try_calls_a_helper(x):
    try:
        L = _helper(np.outer(x, x) + np.eye(2))
    except np.linalg.LinAlgError:
        L = np.eye(2)
    return np.sum(L)


def reads_the_exception(x):
    try:
        y = np.linalg.inv(np.outer(x, x))
    except np.linalg.LinAlgError as e:
        y = np.eye(2) * len(str(e))
    return np.sum(y)


def returns_through_finally(x):
    try:
        return np.sum(np.sin(x))
    finally:
        print("done")


# --- closures made by a factory ---


def make_scaled(a):
    def f(x):
        return a * np.sum(np.sin(x))
    return f


SCALED = make_scaled(2.0)  # (differentiated itself: grad(make_scaled(2.0)))


def make_affine(w, b):
    def f(x):
        return np.tanh(w * x + b)
    return f


def make_power(p):
    return lambda z: z ** p


def factory_called_inside(x, w):
    layer = make_affine(w, 0.1)
    square = make_power(2)
    return np.sum(square(layer(x))) + np.sum(layer(2.0 * x))


def make_act(name):  # (several returns: not the recognised shape)
    if name == "tanh":
        return np.tanh
    return lambda z: z


def factory_with_branches(x):
    act = make_act("tanh")
    return np.sum(act(x))


# --- a lambda chosen by a branch ---


def lambda_by_conditional(x, flag):
    act = (lambda z: np.tanh(z)) if flag else (lambda z: z * z)
    return np.sum(act(x) * x)


def lambda_or_function(x, k):
    act = (lambda z: np.sin(k * z)) if k > 0.0 else np.cos
    return np.sum(act(x))


def lambdas_in_branches(x, mode):
    scale = np.sum(x)
    if mode == 0:
        act = lambda z: np.tanh(scale * z)  # noqa: E731
    elif mode == 1:
        act = lambda z: z * scale  # noqa: E731
    else:
        act = np.sin
    return np.sum(act(x))


# --- iter() and next(), zip(*rows), map(f, xs) ---


def next_of_params(params, x):
    it = iter(params)
    W = next(it)
    b = next(it)
    c = next(it, 0.25)  # (exhausted: the default)
    return np.sum(np.tanh(W @ x + b)) * c


def next_of_rows(X):
    it = iter(X)
    first = next(it)
    total = np.sum(first ** 2)
    for row in it:
        total = total + np.sum(np.sin(row) * first)
    return total


def next_in_a_loop(x):
    it = iter([x[0], x[1], x[2], x[3]])
    acc = 0.0
    for k in range(3):
        v = next(it)
        acc = acc + v * (k + 1.0)
    rest = list(it)
    return acc * rest[0]


def loop_leaves_the_rest(x):
    it = iter(list(x))
    s = 0.0
    for v in it:
        s = s + v * v
        if v > 0.4:
            break
    rest = list(it)
    return s + 2.0 * sum(rest)


def next_exhausted(x):
    it = iter([x, x])
    a = next(it)
    b = next(it)
    c = next(it)  # (StopIteration, as Python raises)
    return np.sum(a * b * c)


def changed_after_iter(xs):
    it = iter(xs)
    xs.append(xs[0])
    return next(it)


def next_inside_an_expression(x):
    it = iter(x)
    return next(it) * next(it)


def columns_of_rows(x):
    rows = [x[0:2], x[2:4], np.sin(x[4:6])]
    cols = list(zip(*rows, strict=False))  # (the shortest: all three have 2)
    return sum(c[0] * c[1] * c[2] for c in cols)


def columns_strict(x):
    rows = [x[0:3], x[3:6]]
    cols = tuple(zip(*rows, strict=True))
    return cols[0][0] * cols[2][1] + cols[1][0] ** 2


def mapped(x, w):
    ys = list(map(np.tanh, x * w))
    zs = list(map(lambda a, b: a * b, x, ys))
    return sum(zs) + sum(map(np.sin, x))


# --- *args forwarded to a helper with defaults; a helper of its own taking *args ---


def dense(x, w=1.0, b=0.0):
    return np.tanh(w * x + b)


def layer_args(x, *args):
    return dense(x, *args)


@tangentish.checkpoint  # (a derivative of its own: never inlined)
def layer_args_own(x, *args):
    return dense(x, *args) * 2.0


def forwards_args(x, w):
    return np.sum(layer_args(x, w, 0.1)) + np.sum(layer_args(x, w))


def forwards_args_own(x, w):
    return np.sum(layer_args_own(x, w, 0.1)) + np.sum(layer_args_own(x * w))


def layer_kwargs(x, **kw):
    return dense(x, **kw)


def forwards_kwargs(x, w):
    return np.sum(layer_kwargs(x, w=w, b=0.1))


def too_many_for_args(x):
    return np.sum(layer_args(x, 1.0, 0.0, 2.0))


def extended_after_iter(xs, v):
    ys = xs
    it = iter(xs)
    ys += [v]
    return next(it) * v
