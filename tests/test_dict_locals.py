"""Dict locals (``tangentish/passes/dict_locals.py``): a dict built in the function becomes a
variable per key.  One row per pattern, each differentiated in every mode (``grad``,
``value_and_grad``, ``vjp``, ``jvp``, ``jacobian`` both ways, ``hessian``, ``hvp``,
``grad(grad)``) and compared with central finite differences of the function (first order) or of
its gradient (second order, that gradient itself checked against differences of the function
first); returned dicts through ``vjp``, ``jvp`` and ``jacobian`` leaf by leaf; and one row per
refused pattern, testing the message, the line and the hint.
"""

from __future__ import annotations

import collections
import os
import pathlib

import numpy as np
import pytest
from helpers import assert_grad_close, numeric_grad

import tangentish
from tangentish.errors import UnsupportedConstructError
from tangentish.passes.dict_locals import replace_dict_locals
from tangentish.syntax.parse import parse_function
from tangentish.syntax.printer import function_text

GOLDEN = pathlib.Path(__file__).parent / "golden" / "containers"
UPDATE = os.environ.get("TANGENTISH_UPDATE_GOLDEN") == "1"
X = np.array([0.3, -0.6, 0.9])
U = np.array([0.5, 0.25, -1.0])


def cache_writes(x):
    cache = {}
    cache["a"] = x * 2
    cache["b"] = np.sin(x)
    return np.sum(cache["a"] * cache["b"])


def display(x):
    p = {"w": x, "v": x ** 2}
    return np.sum(p["w"] + p["v"])


def augmented(x):
    d = {"a": x * 1.0, 0: np.cos(x)}
    d["a"] += x ** 2
    d[0] *= d["a"]
    d[-1] = d[0] - x
    return np.sum(d[-1] * d["a"])


def get_in_len(x):
    d = {"a": np.tanh(x)}
    y = d.get("a", 0.0) * d.get("b", 2.0) + len(d)
    if "a" in d and "b" not in d:
        y = y * d["a"]
    return np.sum(y + (d.get("c") is None))


def decided(x):
    d = {"a": x}
    if "b" not in d:
        d["b"] = x * 2.0
    else:
        d["z"] = d["q"]  # (not run: the key is known to be missing)
    if "a" in d and len(d) == 2:
        d["c"] = d["a"] + d["b"]
    s = 0.0
    for v in d.values():
        s = s + np.sum(v ** 2)
    return s + (np.sum(x) if len(d) > 5 else 0.0) + (1.0 if "z" in d else 2.0)


def iterate(x):
    d = {"w": x, "v": np.exp(x)}
    d["u"] = x * 3.0
    s = 0.0
    for k in d:
        s = s + np.sum(d[k] * x)
    for v in d.values():
        s = s * 0.5 + np.sum(v ** 2)
    for k, v in d.items():
        if k != "v":
            s = s + np.sum(np.sin(v))
    for k in d.keys():  # noqa: SIM118 (the pattern under test)
        s = s + len(k) * np.sum(d[k])
    return s


def update_and_copies(x):
    d = dict(a=x, b=x ** 2)  # noqa: C408 (the pattern under test)
    d.update({"c": np.sin(x)}, a=x * 3.0)
    e = dict(d, b=x)
    f = {**e, "z": np.cos(x)}
    g = f.copy()
    g["a"] = g["a"] * g["z"]
    return np.sum(d["a"] * e["b"] + f["a"] * g["a"] + g["c"])


def branches(x):
    d = {"a": x}
    if np.sum(x) > 0:
        d["b"] = x * 2.0
        d["c"] = x
    else:
        d["b"] = x * 3.0
    d["a"] = d["a"] + d["b"]
    s = 0.0
    for v in [d["a"], d["b"]]:
        s = s + np.sum(v * v)
    return s


def loops(x):
    d = {"h": x, "n": 0}
    for i in range(3):
        d["h"] = np.tanh(d["h"] * x + i)
        d["n"] += 1
    i = 0
    while i < 2:
        d = {"h": d["h"] * x, "n": d["n"]}
        i += 1
    return np.sum(d["h"]) * d["n"]


def jumps(x):
    d = {"a": x}
    s = 0.0
    for i in range(4):
        cell = {"h": np.sin(x * i), "c": x}
        if i == 1:
            continue
        cell["o"] = cell["h"] * cell["c"]
        d["a"] = d["a"] * 0.5 + cell["o"]
        if np.sum(d["a"]) > 2.0:
            d["b"] = x
            break
        s = s + np.sum(cell["o"])
    return s + np.sum(d["a"])


def deleted(x):
    d = {"a": x, "b": x * 2.0, "c": np.sin(x)}
    del d["b"]
    s = 0.0
    for _k, v in d.items():
        s = s + np.sum(v) * len(d)
    d["b"] = x
    return s + np.sum(d["b"])


def swapped(x):
    d = {"a": x, "b": x ** 2}
    d = {"a": d["b"], "b": d["a"] * 3.0}
    d["a"], d["b"] = d["b"], d["a"]
    return np.sum(d["a"] * x + d["b"])


def returns_early(x):
    d = {"a": np.sin(x)}
    if np.sum(x) > 5.0:
        d["b"] = x
        return np.sum(d["b"])
    if np.sum(x) > 4.0:
        return np.sum(x)
    else:
        d["c"] = x * 3.0
    for k, v in d.items():
        if k == "c":
            return np.sum(v * d["a"])
    return 0.0


def layers(x):
    net = {"first": x[:2], "second": x[1:]}
    h = 1.0
    for name, w in net.items():
        h = np.tanh(h * w + (1.0 if name == "first" else -0.5))
    return np.sum(h)


def odd_keys(x):
    p_w = x * 2.0
    p = {"w": x, "a b": x ** 2, "a_b": np.cos(x), 1: x, "1": x}
    return np.sum(p_w * p["w"] + p["a b"] * p["a_b"] + p[1] * p["1"])


def helper_with_dict(x):
    return np.sum(_helper(x) * x)


def _helper(x):
    d = {"s": np.sin(x)}
    d["s"] = d["s"] * x
    return d["s"]


def loop_else(x):  # (a loop over a dict built here has no break: its else always runs)
    d = {"a": x, "b": np.sin(x)}
    s = 0.0
    for v in d.values():
        s = s + np.sum(v * v)
    else:
        s = s * np.cos(s)
    return s


def views_consumed(x):  # (a view handed to a builtin, or a comprehension: what d holds there)
    d = {"a": x * 2.0, "b": np.sin(x)}
    d["c"] = d["a"] * d["b"]
    parts = list(d.values())
    d["a"] = x * 10.0
    total = sum(np.sum(v * v) for v in d.values()) + len(d.keys())
    total = total + np.sum([np.sum(v) for v in d.values()])
    return total + np.sum(parts[0] * parts[2]) + np.sum(sorted(d.keys())[0] == 'a') + np.sum(sum(d.values()))


def _scaled_sum(v, alpha=1.0, beta=0.0, power=2):
    return np.sum(alpha * v ** power + beta * np.sin(v))


def keywords_spread(x):  # (f(x, **opts): one keyword per key, in the dict's order)
    opts = {"alpha": x[0] * 0.5, "beta": 2.0}
    opts["power"] = 3
    more = dict(a_min=-0.5, a_max=x[1] ** 2 + 1.0)  # noqa: C408  (the dict(k=...) form)
    more["a_min"] = x[2] - 1.0
    return _scaled_sum(x, **opts) + np.sum(np.clip(x, **more)) + _scaled_sum(x * 2.0, beta=1.5)


def ordered(x):  # (collections.OrderedDict: a dict local too, in the same order)
    d = collections.OrderedDict()
    d["a"] = x ** 2
    d["b"] = np.sin(x)
    e = collections.OrderedDict(first=x[0] * 3.0, second=x[1])
    total = 0.0
    for k, v in d.items():
        total = total + np.sum(v) * (2.0 if k == "b" else 1.0)
    return total * e["first"] + sum(e.values())


def comprehension_shadows(x):  # (refused before: a comprehension over constants reading d at its
    d = {"a": x, "b": x * 2.0}  # key is unrolled, dict_loops.constant_keys; its own k is not
    k = "a"  # the outer one)
    return np.sum([np.sum(d[k]) for k in ["b"]]) * len(k)


CASES = [cache_writes, display, augmented, get_in_len, decided, iterate, update_and_copies, branches,
         loops, jumps, deleted, swapped, returns_early, layers, odd_keys, helper_with_dict,
         loop_else, views_consumed, keywords_spread, ordered, comprehension_shadows]


def _fd(fn, x=X):
    return numeric_grad(fn, [x])


@pytest.mark.parametrize("fn", CASES, ids=lambda f: f.__name__)
def test_first_order_modes(fn):
    expected = _fd(fn)
    assert_grad_close(tangentish.grad(fn)(X), expected, rtol=1e-6, atol=1e-7, label="grad")
    value, gradient = tangentish.value_and_grad(fn)(X)
    assert value == pytest.approx(fn(X)) and value == pytest.approx(float(fn(X)))
    assert_grad_close(gradient, expected, rtol=1e-6, atol=1e-7, label="value_and_grad")
    value, pullback = tangentish.vjp(fn)(X)
    assert value == pytest.approx(fn(X))
    assert_grad_close(pullback(1.0), expected, rtol=1e-6, atol=1e-7, label="vjp")
    value, tangent = tangentish.jvp(fn)(X, x_dot=U)
    assert value == pytest.approx(fn(X))
    assert float(tangent) == pytest.approx(float(expected @ U), rel=1e-6, abs=1e-7)
    for mode in ("rev", "fwd"):
        assert_grad_close(tangentish.jacobian(fn, mode=mode)(X), expected, rtol=1e-6,
                          atol=1e-7, label=f"jacobian {mode}")


def _gradient_difference(fn, v, h=1e-5):
    gradient = tangentish.grad(fn)
    return (gradient(X + h * v) - gradient(X - h * v)) / (2 * h)


@pytest.mark.parametrize("fn", CASES, ids=lambda f: f.__name__)
def test_second_order_modes(fn):
    assert_grad_close(tangentish.grad(fn)(X), _fd(fn), rtol=1e-6, atol=1e-7)  # (the reference)
    hessian = np.stack([_gradient_difference(fn, e) for e in np.eye(X.size)], axis=-1)
    np.testing.assert_allclose(tangentish.hessian(fn)(X), hessian, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(tangentish.hvp(fn)(X, U), hessian @ U, rtol=1e-4, atol=1e-6)
    twice = tangentish.grad(tangentish.grad(fn))(X, out_bar_bar=U)
    np.testing.assert_allclose(twice, hessian @ U, rtol=1e-4, atol=1e-6)


def returned(x):
    stats = {}
    stats["mean"] = np.mean(x)
    stats["scaled"] = x * 2.0
    stats.update(tag="run", sq=x ** 2)
    del stats["tag"]
    return stats


def returned_copy(x):
    base = {"a": np.sin(x)}
    return {**base, "b": np.sum(x)}, dict(base), (base, 3)


def _leaves(value):
    if isinstance(value, dict):
        return [leaf for v in value.values() for leaf in _leaves(v)]
    if isinstance(value, (tuple, list)):
        return [leaf for v in value for leaf in _leaves(v)]
    return [value] if isinstance(value, (float, np.ndarray, np.floating)) else []


@pytest.mark.parametrize("fn", [returned, returned_copy], ids=lambda f: f.__name__)
def test_returned_dicts(fn):
    value, pullback = tangentish.vjp(fn)(X)
    assert repr(value) == repr(fn(X))  # the same structure, keys in order, the same values
    leaves = _leaves(fn(X))
    rng = np.random.default_rng(7)
    weights = [rng.standard_normal(np.shape(leaf)) for leaf in leaves]

    def weighted(x):
        return sum(float(np.sum(w * leaf)) for w, leaf in zip(weights, _leaves(fn(x)),
                                                                strict=True))

    cotangent, it = _rebuild(fn(X), iter(weights))
    assert next(it, None) is None
    assert_grad_close(pullback(cotangent), _fd(weighted), rtol=1e-6, atol=1e-7, label="vjp")
    _, tangent = tangentish.jvp(fn)(X, x_dot=U)
    got = sum(float(np.sum(w * t)) for w, t in zip(weights, _leaves(tangent), strict=True))
    assert got == pytest.approx(float(_fd(weighted) @ U), rel=1e-6, abs=1e-7)
    blocks = tangentish.jacobian(fn)(X)
    got = sum(np.tensordot(w, b, axes=np.ndim(w)) for w, b in zip(weights, _leaves(blocks),
                                                                   strict=True))
    assert_grad_close(got, _fd(weighted), rtol=1e-6, atol=1e-7, label="jacobian")


def _rebuild(value, weights):
    if isinstance(value, dict):
        return {k: _rebuild(v, weights)[0] for k, v in value.items()}, weights
    if isinstance(value, (tuple, list)):
        return type(value)(_rebuild(v, weights)[0] for v in value), weights
    if isinstance(value, (float, np.ndarray, np.floating)):
        return next(weights), weights
    return None, weights


def test_has_aux_dict_and_a_dict_of_a_container_argument():
    def loss(params, x):
        scaled = {"w": params["w"] * 2.0, "b": params["b"]}
        out = np.sum(np.tanh(x * scaled["w"] + scaled["b"]))
        aux = {"scaled_w": scaled["w"], "n": len(scaled)}
        return out, aux

    params = {"w": X, "b": np.array(0.25)}
    (value, aux), grads = tangentish.value_and_grad(loss, has_aux=True)(params, U)
    assert value == pytest.approx(loss(params, U)[0]) and aux["n"] == 2
    np.testing.assert_allclose(aux["scaled_w"], X * 2.0)
    for key in params:
        def partial(leaf, key=key):
            return loss({**params, key: leaf}, U)[0]
        assert_grad_close(grads[key], numeric_grad(partial, [params[key]]), rtol=1e-6,
                          atol=1e-7, label=key)


def scaled_params(params, x):
    scaled = {}
    for k, v in params.items():
        scaled[k] = v * 2.0
    k = "w"
    first = {k: scaled[k]}
    return np.sum(scaled["w"] * x + scaled["b"] * first["w"])


def test_a_dict_filled_from_a_dict_argument():
    params = {"w": X, "b": np.array(0.25)}
    grads = tangentish.grad(scaled_params)(params, U)
    for key in params:
        def partial(leaf, key=key):
            return scaled_params({**params, key: leaf}, U)
        assert_grad_close(grads[key], numeric_grad(partial, [params[key]]), rtol=1e-6,
                          atol=1e-7, label=key)


def test_readable_source():
    text = tangentish.grad(cache_writes).source
    assert "cache_a = x * 2" in text and "cache_b = np.sin(x)" in text
    assert '# adjoint of: cache["b"] = np.sin(x)' in text
    info = parse_function(odd_keys)  # (the user's own p_w keeps its name; no two keys share one)
    replace_dict_locals(info)
    assert function_text(info.node).splitlines()[1:-1] == [
        "    p_w = x * 2.0", "    p_w_1 = x", "    p_a_b = x ** 2", "    p_a_b_1 = np.cos(x)",
        "    p_1 = x", "    p_1_1 = x"]


@pytest.mark.parametrize("fn, mode", [(cache_writes, "grad"), (layers, "grad"),
                                      (returned, "vjp")], ids=lambda v: getattr(v, "__name__", v))
def test_golden(fn, mode):
    text = tangentish.source(fn, mode=mode)
    path = GOLDEN / f"dict_local_{fn.__name__}_{mode}.py"
    if UPDATE:
        path.write_text(text)
    assert path.exists(), f"no golden file {path}; run with TANGENTISH_UPDATE_GOLDEN=1"
    assert text == path.read_text()


# -- refused, clearly ------------------------------------------------------------------------


def r_variable_key(x):
    d = {"a": x, "b": x}
    k = "a" if np.sum(x) > 0 else "b"
    return np.sum(d[k])


def r_passed_on(x):
    d = {"a": x}
    return np.sum(len(list(d)) * x)


def r_defaultdict(x):
    totals = collections.defaultdict(float)
    for k, v in enumerate(x):
        totals[k % 2] += v * v
    return totals[0] + totals[1]


def r_spread_twice(x):
    opts = {"alpha": x, "beta": 1.0}
    return _scaled_sum(x, alpha=2.0, **opts)


def r_alias(x):
    d = {"a": x}
    e = d
    e["a"] = x * 2.0
    return np.sum(d["a"])


def r_alias_candidate(x):
    d = {"a": x}
    e = {}
    e = d
    return np.sum(e["a"])


def r_stored(x):
    d = {"a": x}
    rows = [d]
    return np.sum(x) + len(rows)


def r_one_branch(x):
    d = {"a": x}
    if np.sum(x) > 0:
        d["b"] = x * 2.0
    return np.sum(d["b"])


def r_one_branch_in(x):
    d = {"a": x}
    if np.sum(x) > 0:
        d["b"] = x * 2.0
    return np.sum(x) * ("b" in d)


def r_order_differs(x):
    d = {}
    if np.sum(x) > 0:
        d["a"], d["b"] = x, x * 2.0
    else:
        d["b"], d["a"] = x, x * 2.0
    s = 0.0
    for v in d.values():
        s = s * 2.0 + np.sum(v)
    return s


def r_pop(x):  # (moved before the statement, the pop would change what `d.get` reads)
    d = {"a": x, "b": x}
    return np.sum(d.pop("a")) + np.sum(d.get("a", 0.0))


def r_pop_branch(x):  # (runs only where `x[0] > 0`)
    d = {"a": x, "b": x}
    return np.sum(x) if x[0] > 0 else np.sum(d.pop("a"))


def r_missing(x):
    d = {"a": x}
    return np.sum(d["b"])


def r_grows_while_iterated(x):
    d = {"a": x}
    for _k in d:
        d["b"] = x
    return np.sum(d["a"])


def r_break_in_unrolled(x):
    d = {"a": x, "b": x}
    s = 0.0
    for v in d.values():
        s = s + np.sum(v)
        if s > 1:
            break
    return s


def r_break_changes_keys(x):
    d = {"a": x}
    for i in range(3):
        if i > 1:
            break
        d["b"] = x
    return np.sum(d["b"])


def r_lambda(x):
    d = {"a": x}
    f = lambda: d["a"]  # noqa: E731
    return np.sum(f())


def r_parameter(d):  # (rebound at the top, it is renamed from there: passes/dict_rebound.py)
    for _ in range(2):
        d = {"a": d}
    return np.sum(d["a"])


def r_maybe_unbound(x):
    if np.sum(x) > 0:
        d = {"a": x}
    return np.sum(d["a"])


def r_maybe_unbound_loop(x):  # (no iteration where x is empty)
    for k in range(len(x)):
        d = {"a": x * k}
    return np.sum(d["a"])


def r_break_before_bound(x):
    for k in range(3):
        if x[0] > 0:
            break
        d = {"a": x * k}
    return np.sum(d["a"])


def r_get_call_default(x):
    d = {"a": x}
    return np.sum(d.get("a", np.zeros(3)))


def r_copy_of_argument(x, params):
    d = dict(params)
    return np.sum(d["w"] * x)


def r_zip_changed_in_body(x):  # (`zip` reads `ws[1]` after the body changed it: stays a loop)
    ws = [x, x * x]
    d = {}
    for k, v in zip("ab", ws):  # noqa: B905
        ws[1] = 2.0 * x
        d[k] = v
    return np.sum(d["b"])


def r_dict_keyword_twice(x):  # (Python raises TypeError: a value was given before)
    d = dict(b=x, **{"b": 2.0 * x})
    return np.sum(d["b"])


def r_setdefault(x):  # (moved, `np.cos(x)` would run before `np.sum(x)`: calls keep their order)
    d = {"a": x}
    return np.sum(x) * np.sum(d.setdefault("b", np.cos(x)))


def r_shadowed_len(x):
    def len(v):  # noqa: A001 (a local `len` is not the builtin)
        return 2.0

    d = {"a": x}
    return np.sum(d["a"]) * len(d)


def r_in_call(x, c=True):  # (a branch of a conditional expression: not hoisted, dict_hoist)
    return np.sum(x * (len({"a": x}) if c else 1))


def r_ordered_returned(x):
    d = collections.OrderedDict(a=x)
    return d


def r_pop_missing(x):
    d = {"a": x}
    e = d.pop("b")
    return np.sum(e)


def r_setdefault_maybe(x):
    d = {"a": x}
    if np.sum(x) > 0:
        d["b"] = x * 2.0
    d.setdefault("b", x)
    return np.sum(d["b"])


REFUSED = [
    (r_pop_missing, r"`d.pop\('b'\)`: the dict holds no such key here", 'd.pop("b")'),
    (r_setdefault_maybe, r"d\['b'\], which is set on some paths only", "d.setdefault"),
    (r_ordered_returned, "returning the OrderedDict 'd'", "return d"),
    (r_variable_key, "a key of 'd' that is not a constant", "d[k]"),
    (r_passed_on, "the dict 'd' used as a whole", "list(d)"),
    (r_alias, "the dict 'd' used as a whole", "e = d"),
    (r_alias_candidate, "an alias", "e = d"),
    (r_stored, "the dict 'd' used as a whole", "rows = [d]"),
    (r_one_branch, r"d\['b'\], which is set on some paths only", 'return np.sum(d["b"])'),
    (r_one_branch_in, r"d\['b'\], which is set on some paths only", '"b" in d'),
    (r_order_differs, "in which order, depends on the path", "for v in d.values()"),
    (r_pop, r"`d.pop\(...\)` here", "d.pop"),
    (r_pop_branch, r"`d.pop\(...\)` here", "d.pop"),
    (r_missing, r"no such key here \(a KeyError\)", 'd["b"]'),
    (r_grows_while_iterated, "adds or removes its keys", "for _k in d:"),
    (r_break_in_unrolled, "`break` or `continue` in a loop over a dict", "for v in d.values()"),
    (r_break_changes_keys, r"d\['b'\], which is set on some paths only", 'd["b"])'),
    (r_lambda, "used in a nested function", "lambda"),
    (r_parameter, "binding 'd' other than to a dict", "def r_parameter(d):"),
    (r_maybe_unbound, "where it may not be bound", 'd["a"]'),
    (r_maybe_unbound_loop, "where it may not be bound", 'd["a"]'),
    (r_break_before_bound, "where it may not be bound", 'd["a"]'),
    (r_get_call_default, "`d.get` with a default that calls something", "d.get"),
    (r_copy_of_argument, "the argument .params., whose keys are known only when", "dict(params)"),
    (r_zip_changed_in_body, "a key of 'd' that is not a constant", "d[k]"),
    (r_dict_keyword_twice, r"a key given twice to `dict\(...\)`", "dict(b=x"),
    (r_setdefault, r"`d.setdefault\(...\)` here", "d.setdefault"),
    (r_shadowed_len, "used in a nested function|used as a whole", "len(d)"),
    (r_in_call, "a dict display", 'len({"a": x})'),
    (r_defaultdict, "writing into 'totals', the value of a call given 'float'", "totals[k % 2]"),
    (r_spread_twice, r"`\*\*opts` with the key 'alpha'", "**opts"),
]


@pytest.mark.parametrize("fn, message, text", REFUSED, ids=[r[0].__name__ for r in REFUSED])
def test_refused(fn, message, text):
    args = (X, {"w": X}) if fn is r_copy_of_argument else (X,)
    for build in (tangentish.grad, tangentish.jvp):
        with pytest.raises(UnsupportedConstructError, match=message) as info:
            build(fn)(*args)
        shown = str(info.value)
        assert text in shown and "test_dict_locals.py" in shown and "hint:" in shown, shown


# -- a dict local of an inlined helper: a variable per key, as in the function itself ----------


def _iterates(b, scale=2.0):
    d = dict(a=np.sin(scale), b=-3.0, c=scale * b[1] * 0.5)  # noqa: C408 (the fuzzer's form)
    total = 0.0
    for key, val in d.items():
        total = total + val * (2.0 if key == "a" else 1.0)
    return b * total


def helper_iterating_a_dict(x):  # was: no derivative rule for `dict`
    return np.sum(_iterates(x * x) * x)


def _iterates_for_nothing(b, scale=0.5):  # (fuzz seed 530, program 70)
    if b[-1] > 0.0:
        d = {"a": np.arctan(scale), "c": scale * b[1]}
        unused = 0.0
        for _key, val in d.items():
            unused = unused + val
        return np.mean(b) ** 2
    return b[0]


def helper_with_an_unused_dict(x):  # was: the gradient kept `_seq = d.items()`, refused twice
    return _iterates_for_nothing(np.sin(x), scale=2.0) * _iterates_for_nothing(x)


@pytest.mark.parametrize("fn", [helper_iterating_a_dict, helper_with_an_unused_dict],
                         ids=lambda f: f.__name__)
def test_a_dict_local_of_an_inlined_helper(fn):
    test_first_order_modes(fn)
    test_second_order_modes(fn)
    code = [line for line in tangentish.grad(fn).source.splitlines() if "#" not in line]
    assert not [line for line in code if "dict(" in line or ".items()" in line]


def setdefault_and_pop(x):
    d = {"a": np.sin(x)}
    d.setdefault("b", x * x)
    d.setdefault("a", 3.0)
    c = d.setdefault("c", x[0] * 2.0)
    if np.sum(x) > 0:
        d.setdefault("a", 1.0)
    first = d.pop("a")
    missing = d.pop("a", 0.5)
    return np.sum(first * d["b"]) + c * missing + np.sum(d.get("a", 1.0) * x)


def test_setdefault_and_pop_as_statements():
    """``d.setdefault(K, v)`` and ``d.pop(K[, v])`` with a constant key, as statements or assigned
    to a name, are what they do at that line (``passes/dict_methods.py``; refused before): every
    mode against differences, and second order (the rows' own checks)."""
    test_first_order_modes(setdefault_and_pop)
    test_second_order_modes(setdefault_and_pop)


def pop_in_expressions(x):
    d = {"a": np.sin(x), "b": x * 3.0}
    total = np.sum(x) + np.sum(d.pop("a", 2.0) * x) * np.sum(d.pop("a", x * 4.0))  # (in order)
    total = total * d.setdefault("a", x[1])
    if np.sum(d.setdefault("c", x[0] * x)) > -10.0:
        total += np.sum(d.get("b", 0.0) * d.pop("c"))
    return total + np.sum(d.pop("b", d.pop("a")) * x)


def _hvp_against_differences(fn):
    """``hvp`` along ``U`` against central differences of the gradient (itself checked)."""
    np.testing.assert_allclose(tangentish.hvp(fn)(X, U), _gradient_difference(fn, U),
                               rtol=1e-4, atol=1e-6)


def test_setdefault_and_pop_in_expressions():
    """``d.pop(K)`` and ``d.setdefault(K, v)`` inside an expression run first, in Python's order,
    as statements of their own (``passes/dict_method_calls.py``; refused before; where moving
    them could change a value, refused: ``REFUSED``): every mode, and hvp."""
    test_first_order_modes(pop_in_expressions)
    _hvp_against_differences(pop_in_expressions)


def keyed_loops(x):
    ws = [np.sin(x), x * x, 2.0]
    d = {}
    for k, w in enumerate(ws, start=1):
        d[k] = w * x
    for name, v in zip("ab", (x[0], x)):  # noqa: B905
        d[name] = np.cos(v) + d[k]  # (`k` holds the last item after the loop)
    for i in range(2):
        d[i] = d[i + 1] * d["a"]
    else:
        d["c"] = x[1] * i
    return np.sum(d[0] * d["b"] + d[1] + d[3] * d["c"])


def test_loops_writing_a_dict_at_their_keys():
    """A loop over items known in the function that writes a dict local at a key its target
    gives (``for k, v in enumerate(ws): d[k] = v * x``, ``zip``, ``range``) is unrolled
    (``passes/keyed_loops.py``; refused before as a key that is not a constant): every mode
    and hvp against differences."""
    test_first_order_modes(keyed_loops)
    _hvp_against_differences(keyed_loops)


def keywords_written_in_the_call(x):
    spread = _scaled_sum(x, **{"alpha": x[0] * 2.0, **dict(power=3)}, beta=np.sum(x))  # noqa: C408
    return spread + _scaled_sum(x ** 2, **dict(beta=x[1]))  # noqa: C408  (the dict(k=...) form)


def test_keywords_of_a_dict_written_in_the_call():
    """``f(x, **{"a": e})`` and ``f(x, **dict(a=e))`` pass the keywords written there
    (``passes/keyword_displays.py``; refused before): every mode against differences, second
    order; a key given twice stays as written, refused as before (Python raises there)."""
    test_first_order_modes(keywords_written_in_the_call)
    test_second_order_modes(keywords_written_in_the_call)
    with pytest.raises(UnsupportedConstructError, match="a dict display"):
        tangentish.grad(lambda x: _scaled_sum(x, **{"alpha": x}, alpha=1.0))(X)


SCALING = {"alpha": 0.5, "power": 3}


def keywords_of_a_module_dict(x):
    return _scaled_sum(x, **{**SCALING, "alpha": x[0]}) + _scaled_sum(x * 2.0, **SCALING)


def copied_with_keywords(x, opts):
    d = dict(a=x, **opts)  # noqa: C408
    return np.sum(d["a"] * d["b"])


def test_keywords_of_a_module_dict():
    """``f(**{**CONFIG, "lr": x})`` and ``f(x, **CONFIG)`` of a module's dict pass one keyword
    per key it holds (read live; its keys, in order, are what the derivative is built for:
    adding one builds again; ``passes/keyword_displays.py``; refused before): every mode and hvp
    against differences.  ``dict(a=x, **opts)`` of a dict argument under ``wrt`` is its
    copy with ``a`` (its keys known per structure), against the closed form."""
    test_first_order_modes(keywords_of_a_module_dict)
    _hvp_against_differences(keywords_of_a_module_dict)
    SCALING["beta"] = 2.0
    try:
        assert_grad_close(tangentish.grad(keywords_of_a_module_dict)(X),
                          _fd(keywords_of_a_module_dict), rtol=1e-6, atol=1e-7)
    finally:
        del SCALING["beta"]
    gx, gopts = tangentish.grad(copied_with_keywords, wrt=(0, 1))(X, {"b": 2.0})
    np.testing.assert_allclose(gx, np.full(3, 2.0))
    assert gopts == {"b": pytest.approx(np.sum(X))}
    with pytest.raises(UnsupportedConstructError, match="the argument .opts., whose keys are known"):
        tangentish.grad(copied_with_keywords)(X, {"b": 2.0})  # (held constant: keys unknown)


# A loop that surely runs (``range`` of int constants, a non-empty display) binds what its body
# binds: a dict bound, or a key set, in it is there after it (refused before as "may not be
# bound" / "set on some paths only"; the mutation fuzzer's loops; r_maybe_unbound_loop and
# r_break_before_bound stay refused).
def bound_in_counted_loops(x):
    for k in range(1, 4):
        stats = {"loss": np.sum(x ** 2) * k, "last": x[0]}
    for w in (0.5, 1.5):
        scale = {"w": w * x[1]}
    return stats["loss"] * stats["last"] + scale["w"]


def key_set_in_a_counted_loop(x):
    d = {}
    for i in range(3):
        d["a"] = x * i
    return np.sum(d["a"])


@pytest.mark.parametrize("fn", [bound_in_counted_loops, key_set_in_a_counted_loop],
                         ids=lambda f: f.__name__)
def test_what_a_loop_that_surely_runs_binds_is_bound_after_it(fn):
    test_first_order_modes(fn)
