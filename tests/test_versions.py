"""passes/versions.py: join copies coalesced where the versions' lives do not overlap.

Source in, source out for the cases that decide (a loop-carried copy, a copy kept because the tape
still reads the old version, a branch left empty, a dead reset), and over the control-flow zoo in
every mode: the derivatives with the pass give bit for bit what they give without it (the pass only
renames, so any difference is a wrong merge).
"""

from __future__ import annotations

import textwrap

import gast
import numpy as np
import pytest
from test_control_flow import CASES

import tangentish
from tangentish import pipeline
from tangentish.cache import CACHE
from tangentish.passes.derivative import Derivative
from tangentish.passes.generate import generate
from tangentish.passes.versions import share_versions
from tangentish.syntax.naming import Namer


def shared(source: str) -> str:
    """The pass run on the function ``source`` (its body only: no docstring)."""
    node = gast.parse(textwrap.dedent(source)).body[0]
    fn = Derivative(node.name, node.args, node.body, Namer(set()))
    share_versions(fn)
    text = generate(fn, "")
    return "\n".join(line for line in text.splitlines() if '"""' not in line) + "\n"


def same(source: str) -> str:
    return textwrap.dedent(source).lstrip("\n")


def test_a_loop_carried_version_takes_the_variables_name():
    assert shared("""
        def f(x, n):
            s_1 = 0.0
            for i in range(n):
                s_2 = s_1
                s_3 = s_2 * x
                s_1 = s_3
            return s_1
        """) == same("""
        def f(x, n):
            s_1 = 0.0
            for i in range(n):
                s_1 = s_1 * x
            return s_1
        """)


def test_a_copy_stays_where_the_old_version_is_read_after_the_new_one_is_bound():
    # the tape reads s_2 after s_1 is bound again: they interfere; s_3 and s_1 do not
    assert shared("""
        def f(x, n, _tape):
            s_1 = 0.0
            for i in range(n):
                s_2 = s_1
                s_3 = s_2 * x
                s_1 = s_3
                _tape.append(s_2)
            return s_1
        """) == same("""
        def f(x, n, _tape):
            s_1 = 0.0
            for i in range(n):
                s_2 = s_1
                s_1 = s_2 * x
                _tape.append(s_2)
            return s_1
        """)


def test_a_while_loops_versions_and_its_test():
    assert shared("""
        def f(x):
            x_1 = x * 1.0
            t = x_1 < 10.0
            while t:
                x_3 = x_1 * 1.5
                t = x_3 < 10.0
                x_1 = x_3
            return x_1
        """) == same("""
        def f(x):
            x_1 = x * 1.0
            t = x_1 < 10.0
            while t:
                x_1 = x_1 * 1.5
                t = x_1 < 10.0
            return x_1
        """)


def test_a_branch_left_empty_goes_and_the_test_is_negated():
    assert shared("""
        def f(x, n):
            brk_1 = False
            w = x * 1.0
            for i in range(n):
                t = w > i
                if t:
                    brk_4 = True
                else:
                    brk_4 = brk_1
                brk_1 = brk_4
                u = not brk_1
                if u:
                    z = w
                else:
                    y = w
                    z = y * 2.0
                w = z
                if brk_4:
                    break
            return w
        """) == same("""
        def f(x, n):
            brk_1 = False
            w = x * 1.0
            for i in range(n):
                t = w > i
                if t:
                    brk_1 = True
                u = not brk_1
                if not u:
                    w = w * 2.0
                if brk_1:
                    break
            return w
        """)


def test_a_reset_overwritten_before_any_read_goes():
    assert shared("""
        def f(x, c):
            a_bar = None
            if c:
                a_bar = x * 2.0
            else:
                a_bar = x * 3.0
            b_bar = 0.0
            b_bar = a_bar + x
            return b_bar
        """) == same("""
        def f(x, c):
            if c:
                a_bar = x * 2.0
            else:
                a_bar = x * 3.0
            b_bar = a_bar + x
            return b_bar
        """)


def test_a_parameter_names_its_class_and_a_global_keeps_its_name():
    assert shared("""
        def f(x, c):
            x_1 = x
            z = GLOBAL
            x_2 = x_1 * z
            return x_2 + z
        """) == same("""
        def f(x, c):
            z = GLOBAL
            x_2 = x * z
            return x_2 + z
        """)


def test_two_parameters_never_share_a_name():
    # c is never read: its life does not overlap x's, but a signature cannot lose a name
    source = """
        def f(x, c):
            c = x
            return c * 2.0
        """
    assert shared(source) == same(source)


def test_a_parameter_read_after_its_copy_changes_keeps_the_copy():
    source = """
        def f(x, n):
            x_1 = x
            for i in range(n):
                x_1 = x_1 * x
            return x_1
        """
    assert shared(source) == same(source)


def test_a_parameter_never_takes_in_another_variable_bound_again():
    # The cotangent's life ends at the copy, but s_bar is bound again in the loop: merged, the
    # pullback read `out_bar = out_bar + ...` (and a jvp `x_dot = _rt.set_index(x_dot, ...)`),
    # as if the caller's cotangent changed.  A variable bound once may still read as it.
    source = """
        def f(out_bar, n):
            s_bar = out_bar
            for i in range(n):
                s_bar = s_bar * 2.0
            return s_bar
        """
    assert shared(source) == same(source)
    assert shared("""
        def f(out_bar, n):
            s_bar = out_bar
            return s_bar * n
        """) == same("""
        def f(out_bar, n):
            return out_bar * n
        """)


def test_a_tuple_binding_interferes_with_what_is_live_after_it():
    # ``d, b = u`` binds b while b_1 is still read: b = b_1 stays a copy (two versions of one
    # variable: passes/copy_reads.py, which reads through copies between two variables, is not
    # what keeps it)
    source = """
        def f(t, u):
            if t:
                b_1 = t * 2.0
                b = b_1
                e = b * 3.0
                d, b = u
                c = b_1 + b + d + e
            else:
                c = t * 1.0
            return c
        """
    assert shared(source) == same(source)


def _results(fn, args, wrt):
    mode_calls = {
        "grad": lambda: tangentish.grad(fn, wrt=wrt)(*args),
        "value_and_grad": lambda: tangentish.value_and_grad(fn, wrt=wrt)(*args),
        "vjp": lambda: _pullback(fn, wrt, args),
        "jvp": lambda: tangentish.jvp(fn, wrt=wrt)(*args, **_tangents(fn, wrt, args)),
    }
    found = {}
    for mode, run in mode_calls.items():
        found[mode] = run()
    if not isinstance(wrt, tuple):
        found["hvp"] = tangentish.hvp(fn, wrt=wrt)(*args, np.ones_like(args[wrt]) * 0.5)
    return found


def _pullback(fn, wrt, args):
    output, pullback = tangentish.vjp(fn, wrt)(*args)
    return output, pullback(np.ones_like(output) * 0.7)


def _tangents(fn, wrt, args):
    import inspect

    names = list(inspect.signature(fn).parameters)
    positions = wrt if isinstance(wrt, tuple) else (wrt,)
    return {f"{names[p]}_dot": np.ones_like(args[p]) * 0.3 for p in positions}


def _flat(value):
    if isinstance(value, (tuple, list)):
        return [leaf for item in value for leaf in _flat(item)]
    if isinstance(value, dict):
        return [leaf for key in sorted(value) for leaf in _flat(value[key])]
    return [np.asarray(value)]


@pytest.mark.parametrize("fn, args, wrt", CASES[::2], ids=[
    f"{fn.__name__}-{i}" for i, (fn, _, _) in enumerate(CASES[::2])])
def test_every_mode_gives_bit_for_bit_what_it_gives_without_the_pass(fn, args, wrt, monkeypatch):
    assert_same_without(fn, args, wrt, lambda: monkeypatch.setattr(
        pipeline, "share_versions", lambda derivative, walks=None: None))


_WITH_EVERY_PASS: dict = {}


def _with_every_pass(fn, args, wrt) -> dict:
    """Every mode's results of a case built with every pass (after a cleared cache), once per
    process: ``test_common``, ``test_sink`` and ``test_versions`` compare the same cases' results
    with three passes turned off, and building them was half of each of those tests."""
    key = (fn, wrt, tuple(map(id, args)))
    if key not in _WITH_EVERY_PASS:
        CACHE.clear()
        _WITH_EVERY_PASS[key] = (args, _results(fn, args, wrt))  # (args kept: their ids stay theirs)
    return _WITH_EVERY_PASS[key][1]


def assert_same_without(fn, args, wrt, disable) -> None:
    """Every mode's results with a pass and after ``disable()`` turned it off are equal bit for
    bit, in dtype and in shape."""
    with_pass = _with_every_pass(fn, args, wrt)
    disable()
    CACHE.clear()
    try:
        without = _results(fn, args, wrt)
    finally:
        CACHE.clear()
    for mode, got in with_pass.items():
        expected = _flat(without[mode])
        found = _flat(got)
        assert len(found) == len(expected), mode
        for a, b in zip(found, expected, strict=True):
            assert a.dtype == b.dtype and a.shape == b.shape, mode
            np.testing.assert_array_equal(a, b, err_msg=mode)


def test_a_copy_read_through_goes_with_the_del_that_ends_its_life():
    """``t_bar = s_bar`` read twice, then ``del t_bar`` (the release pass frees it) while
    ``s_bar`` is read after: the reads read ``s_bar``, and the copy and its ``del`` go together
    (fuzz seed 4870 program 65: the ``del`` stayed, UnboundLocalError); another name the same
    ``del`` frees stays deleted."""
    assert shared("""
        def f(x, s_bar, u_bar):
            t_bar = s_bar
            x_bar = x + t_bar
            x_bar = x_bar - t_bar * u_bar
            del t_bar, u_bar
            x_bar = x_bar + 2 * s_bar
            return x_bar
        """) == same("""
        def f(x, s_bar, u_bar):
            x_bar = x + s_bar
            x_bar = x_bar - s_bar * u_bar
            del u_bar
            x_bar = x_bar + 2 * s_bar
            return x_bar
        """)
