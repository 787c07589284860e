"""Memoization: hits return the same function; new source, options or rules rebuild."""

import copy
import functools
import gc
import inspect
import linecache
import pickle
import textwrap
import threading
import weakref

import numpy as np
import pytest
from helpers import module_from_text

import tangentish
from tangentish.cache import CACHE
from tangentish.extend import adjoint, d
from tangentish.pipeline import Options


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


# -- never stale -------------------------------------------------------------------------------------


_module = module_from_text


def _define(tmp_path, module, name: str, text: str) -> None:
    """Run more code from another file in ``module``'s namespace (a redefinition)."""
    path = tmp_path / f"{name}.py"
    path.write_text(textwrap.dedent(text))
    exec(compile(path.read_text(), str(path), "exec"), module.__dict__)


def test_rebinding_a_global_callable_rebuilds(tmp_path):
    mod = _module(tmp_path, "act_mod", """
        import numpy as np
        ACT = np.sin
        def f(x):
            return ACT(x)
    """)
    first = tangentish.grad(mod.f)
    assert first(0.5) == np.cos(0.5)
    mod.ACT = np.cos
    assert "global ACT" in CACHE.stale_reason(mod.f, Options())
    second = tangentish.grad(mod.f)
    assert second is not first and second(0.5) == -np.sin(0.5)


def test_redefining_a_helper_rebuilds_the_caller(tmp_path):
    mod = _module(tmp_path, "helper_mod", """
        def helper(x):
            return x * x
        def f(x):
            return helper(x) + 1.0
    """)
    assert tangentish.grad(mod.f)(3.0) == 6.0
    _define(tmp_path, mod, "helper_mod_v2", """
        def helper(x):
            return x * x * x
    """)
    assert tangentish.grad(mod.f)(3.0) == 27.0


def test_rebinding_a_global_a_helper_reads_rebuilds_the_caller(tmp_path):
    """What a helper resolves is checked on each cached lookup of its caller (through the
    helper, a fixed function: scope.py's fast checks of another function's names)."""
    mod = _module(tmp_path, "helper_global_mod", """
        import numpy as np
        ACT = np.sin
        SCALE = 2.0
        def helper(x):
            return ACT(x) * SCALE
        def f(x):
            return helper(x) + x
    """)
    assert tangentish.grad(mod.f)(0.5) == 2.0 * np.cos(0.5) + 1.0
    mod.ACT = np.cos
    assert tangentish.grad(mod.f)(0.5) == -2.0 * np.sin(0.5) + 1.0
    mod.SCALE = 3  # a float becomes an int: the constant's type is part of what was resolved
    assert tangentish.grad(mod.f)(0.5) == -3.0 * np.sin(0.5) + 1.0
    del mod.ACT
    with pytest.raises(Exception, match="ACT"):
        tangentish.grad(mod.f)(0.5)


def test_editing_a_helpers_code_or_defaults_in_place_rebuilds_the_caller(tmp_path):
    mod = _module(tmp_path, "helper_defaults_mod", """
        def helper(x, k=2.0):
            return k * x * x
        def cubed(x, k=2.0):
            return k * x * x * x
        def f(x):
            return helper(x)
    """)
    assert tangentish.grad(mod.f)(1.0) == 4.0
    mod.helper.__defaults__ = (3.0,)
    assert tangentish.grad(mod.f)(1.0) == 6.0  # the helper's defaults are the caller's too
    mod.helper.__code__ = mod.cubed.__code__
    assert tangentish.grad(mod.f)(1.0) == 9.0


def test_swapping_a_function_held_in_a_closure_cell_rebuilds():
    def make(fn):
        def f(x):
            return fn(x)
        return f

    f = make(np.sin)
    assert tangentish.grad(f)(0.5) == np.cos(0.5)
    f.__closure__[0].cell_contents = np.cos
    assert tangentish.grad(f)(0.5) == -np.sin(0.5)


def test_changed_defaults_and_keyword_defaults_rebind(tmp_path):
    mod = _module(tmp_path, "defaults_mod", """
        def f(x, k=2.0, *, m=1.0):
            return k * m * x * x
    """)
    assert tangentish.grad(mod.f)(1.0) == 4.0
    mod.f.__defaults__ = (5.0,)
    assert tangentish.grad(mod.f)(1.0) == 10.0
    mod.f.__kwdefaults__["m"] = 3.0  # the same dict, changed in place
    assert tangentish.grad(mod.f)(1.0) == 30.0


def test_replacing_the_code_object_rebuilds(tmp_path):
    mod = _module(tmp_path, "code_mod", """
        def f(x):
            return x * x
        def g(x):
            return x * x * x
    """)
    assert tangentish.grad(mod.f)(2.0) == 4.0
    mod.f.__code__ = mod.g.__code__
    assert tangentish.grad(mod.f)(2.0) == 12.0


def test_defining_a_name_that_shadows_a_builtin_rebuilds(tmp_path):
    mod = _module(tmp_path, "shadow_mod", """
        def f(x):
            return abs(x)
    """)
    assert tangentish.grad(mod.f)(-2.0) == -1.0
    _define(tmp_path, mod, "shadow_mod_abs", """
        def abs(x):
            return x * x
    """)
    assert tangentish.grad(mod.f)(-2.0) == -4.0


def user_op(x):  # differentiated through its source until a rule is registered below
    return x * x


def uses_user_op(x):
    return user_op(x) + 1.0


def test_a_newly_registered_rule_for_a_helper_rebuilds_its_callers():
    assert tangentish.grad(uses_user_op)(3.0) == 6.0

    @adjoint(user_op)
    def user_op_adjoint(y, x):  # deliberately not the derivative, to observe that it is used
        d[x] = 10.0 * d[y]

    assert tangentish.grad(uses_user_op)(3.0) == 10.0


# -- shared by closures --------------------------------------------------------------------------------


def scaled_square(k):
    def f(x):
        return k * x * x
    return f


def applied(fn):
    def f(x):
        return fn(x) * 2.0
    return f


def test_closures_of_the_same_code_share_one_transform():
    CACHE.clear()
    closures = [scaled_square(float(k)) for k in range(1, 6)]
    derivatives = [tangentish.grad(f) for f in closures]
    assert [df(1.0) for df in derivatives] == [2.0, 4.0, 6.0, 8.0, 10.0]
    assert CACHE.stats.misses == 1 and CACHE.stats.shared == 4
    codes = {inspect.unwrap(df).__code__ for df in derivatives}
    assert len(codes) == 1  # one compiled function object per key, bound five times


def test_closures_over_different_callables_get_their_own_transform():
    CACHE.clear()
    sin_1, cos_1, sin_2 = applied(np.sin), applied(np.cos), applied(np.sin)
    assert tangentish.grad(sin_1)(0.5) == 2.0 * np.cos(0.5)
    assert tangentish.grad(cos_1)(0.5) == -2.0 * np.sin(0.5)
    assert tangentish.grad(sin_2)(0.5) == 2.0 * np.cos(0.5)
    assert (CACHE.stats.misses, CACHE.stats.shared) == (2, 1)


def test_closures_made_and_dropped_in_a_loop_are_bound_not_transformed():
    CACHE.clear()
    for k in range(50):
        assert tangentish.grad(scaled_square(float(k)))(1.0) == 2.0 * k
    assert (CACHE.stats.misses, CACHE.stats.shared) == (1, 49)


# -- threads -------------------------------------------------------------------------------------------


def test_threads_get_one_compiled_function_per_key_and_identical_results(tmp_path):
    mod = _module(tmp_path, "threads_mod", """
        import numpy as np
        import tangentish
        def poly(x):
            return 3.0 * x * x + 2.0 * x
        def wave(x):
            return np.sum(np.sin(x) * x)
        @tangentish.checkpoint  # a derivative of its own, cached under its own key
        def helper(x):
            return x * x * x
        def calls_helper(x):
            return helper(x) + x
    """)
    functions = [mod.poly, mod.wave, mod.calls_helper, scaled_square(4.0), scaled_square(5.0)]
    expected = [14.0, np.sin(2.0) + 2.0 * np.cos(2.0), 13.0, 16.0, 20.0]
    threads, calls = 16, 25
    barrier = threading.Barrier(threads)
    seen: list[list] = [[] for _ in range(threads)]
    errors = []

    def work(index: int) -> None:
        try:
            barrier.wait()
            for call in range(calls):
                fn = functions[(index + call) % len(functions)]
                mode = tangentish.grad if call % 2 else tangentish.value_and_grad
                seen[index].append((fn, mode, mode(fn)))
        except BaseException as exc:  # reported below, in the main thread
            errors.append(exc)

    CACHE.clear()
    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert not errors and not any(w.is_alive() for w in workers)
    derivatives, codes = {}, {}
    for fn, mode, df in (item for items in seen for item in items):
        derivatives.setdefault((fn, mode), set()).add(id(df))
        codes.setdefault((fn.__code__, mode), set()).add(inspect.unwrap(df).__code__)
    assert len(derivatives) == 10 and all(len(ids) == 1 for ids in derivatives.values())
    assert all(len(found) == 1 for found in codes.values())  # one compiled function per key
    # 4 codes x 2 modes, the helper's grad once; the second closure shares the first's transforms
    assert CACHE.stats.misses == 9 and CACHE.stats.shared == 2
    for fn, want in zip(functions, expected, strict=True):
        assert tangentish.grad(fn)(2.0) == pytest.approx(want, rel=1e-12)
        assert tangentish.value_and_grad(fn)(2.0)[1] == pytest.approx(want, rel=1e-12)


# -- memory --------------------------------------------------------------------------------------------


def test_two_thousand_dropped_closures_are_released():
    """(Enough for the cache to prune its keys of dead code objects, every 256 additions, 7 times.)"""
    CACHE.clear()
    alive = []
    for k in range(2_000):
        f = scaled_square(float(k))
        tangentish.grad(f)
        alive.append(weakref.ref(f))
        del f
    gc.collect()
    assert sum(ref() is not None for ref in alive) == 0
    assert len(CACHE) == 1 and CACHE.stats.misses == 1


def test_dropped_functions_whose_derivative_reaches_them_through_globals_are_released(tmp_path):
    """Each function lives in its own namespace, which its derivative's globals are."""
    from tangentish import loader

    CACHE.clear()
    alive, names = [], set()
    for k in range(40):
        path = tmp_path / f"own_namespace_{k}.py"
        path.write_text(f"def f(x):\n    return {k}.0 * x * x\n")
        namespace: dict = {}
        exec(compile(path.read_text(), str(path), "exec"), namespace)
        df = tangentish.grad(namespace["f"])
        assert df(1.0) == 2.0 * k
        assert inspect.unwrap(df).__globals__ is namespace  # the cycle f → df → namespace → f
        names.add(inspect.unwrap(df).__code__.co_filename)
        alive.append(weakref.ref(namespace["f"]))
        del namespace, df
    gc.collect()
    assert sum(ref() is not None for ref in alive) == 0
    assert not names & set(loader._USERS) and not names & set(linecache.cache)


def test_a_copied_cache_slot_is_ignored_and_pickles_as_empty():
    def f(x):
        return x * x

    first = tangentish.grad(f)

    @functools.wraps(f)  # copies f.__dict__, the cache slot included
    def tripled(x):
        return 3.0 * f(x)

    assert tangentish.grad(tripled)(2.0) == 12.0 and tangentish.grad(f) is first
    slot = f.__dict__["__tangentish_derivatives__"]
    for copied in (pickle.loads(pickle.dumps(slot)), copy.deepcopy(slot)):
        assert not hasattr(copied, "entries")


def test_a_cached_derivative_never_takes_true_for_1_or_a_list_for_a_tuple():
    def f(x, y):
        return x * y

    first = tangentish.grad(f, wrt=1)
    with pytest.raises(tangentish.ArgumentError, match="bool"):
        tangentish.grad(f, wrt=True)
    pair = tangentish.grad(f, wrt=(0, 1))
    with pytest.raises(tangentish.ArgumentError, match="bool"):
        tangentish.grad(f, wrt=(0, True))
    assert tangentish.grad(f, wrt=[0, 1]) is pair and tangentish.grad(f, wrt=1) is first


def test_a_helper_that_died_is_not_taken_for_the_none_bound_in_its_place(tmp_path):
    """A transform holds the helpers it resolved weakly; the name rebound to None once the helper
    is gone must not pass for the helper it was built with."""
    mod = _module(tmp_path, "dying_mod", """
        def helper(x):
            return x * x
        def f(x):
            return helper(x)
    """)
    first = tangentish.grad(mod.f)
    mod.helper = None
    gc.collect()
    assert CACHE.stale_reason(mod.f, Options()) is not None
    try:
        again = tangentish.grad(mod.f)
    except tangentish.TangentishError:  # rebuilt and refused (calling None): not the stale one
        return
    assert again is not first
