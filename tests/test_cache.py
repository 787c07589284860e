"""Memoization: hits return the same function; new source, options or rules rebuild."""

import textwrap

import numpy as np

import tangentish
from tangentish.cache import CACHE
from tangentish.extend import adjoint, d


def cube(x):
    return x * x * x


def softsign(x):
    return x / (1.0 + np.abs(x))


def uses_softsign(x):
    return np.sum(my_op(x))


def uses_tanh(x):
    return np.sum(np.tanh(x))


def my_op(x):  # a "library" function given a rule below
    return np.tanh(x)


def test_second_grad_is_a_cache_hit_returning_the_same_function():
    first = tangentish.grad(cube)
    hits = CACHE.stats.hits
    second = tangentish.grad(cube)
    assert second is first
    assert CACHE.stats.hits == hits + 1


def test_different_options_are_different_entries():
    assert tangentish.grad(cube) is not tangentish.value_and_grad(cube)
    assert tangentish.grad(cube) is not tangentish.grad(cube, optimized=False)
    assert tangentish.grad(cube, wrt=0) is not tangentish.grad(cube, wrt=(0,))


def test_redefining_the_function_gives_a_new_derivative(tmp_path):
    path = tmp_path / "edited.py"
    namespace = {}
    for body, expected in (("x * x", 6.0), ("x * x * x", 27.0)):
        path.write_text(textwrap.dedent(f"""
            def f(x):
                return {body}
        """))
        code = compile(path.read_text(), str(path), "exec")
        exec(code, namespace)
        assert tangentish.grad(namespace["f"])(3.0) == expected


def test_registering_a_rule_invalidates_only_affected_entries():
    df_custom = None
    df_tanh = tangentish.grad(uses_tanh)
    df_cube = tangentish.grad(cube)

    @adjoint(my_op)
    def my_op_adjoint(y, x):
        d[x] = d[y] * (1.0 - y * y)

    df_custom = tangentish.grad(uses_softsign)
    x = np.linspace(-1, 1, 3)
    np.testing.assert_allclose(df_custom(x), 1 - np.tanh(x) ** 2)

    @adjoint(my_op)
    def my_op_adjoint_scaled(y, x):  # replaced rule (deliberately different, to observe it)
        d[x] = 2.0 * d[y] * (1.0 - y * y)

    rebuilt = tangentish.grad(uses_softsign)
    assert rebuilt is not df_custom
    np.testing.assert_allclose(rebuilt(x), 2 * (1 - np.tanh(x) ** 2))
    assert tangentish.grad(uses_tanh) is df_tanh
    assert tangentish.grad(cube) is df_cube
