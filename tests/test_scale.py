"""Size and nesting (issue 9): deep code is differentiated or refused clearly, never a raw
RecursionError; nesting costs time linear in depth (the timings are in benchmarks/bench_scale.py,
never asserted here)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import bench_scale  # noqa: E402  (the benchmark's program generators)


def _load(tmp_path: Path, source: str, name: str):
    return bench_scale._load(source, tmp_path, name)


def _fd_gradient(f, x: np.ndarray) -> np.ndarray:
    return numeric_grad(f, [x], 0)


# around the limit and far past it, where Python still compiles the module
@pytest.mark.parametrize("depth", [200, 250, 280, 300, 320, 400, 1000, 2500])
@pytest.mark.parametrize("mode", ["grad", "jvp"])
def test_deep_expressions_are_differentiated_or_refused_clearly(tmp_path, depth, mode):
    f = _load(tmp_path, bench_scale.deep_expression(depth), f"deep_{depth}_{mode}")
    x = np.array([0.3, -0.2])
    try:
        got = (tangentish.grad(f)(x) if mode == "grad"
               else tangentish.jvp(f)(x, x_dot=np.array([1.0, 0.0]))[1])
    except tangentish.UnsupportedConstructError as exc:
        assert "levels deep" in str(exc) and "deep_" in str(exc)  # names the file
        return
    reference = _fd_gradient(f, x)
    expected = reference if mode == "grad" else reference[0]
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-7)


def test_fifty_nested_ifs_and_twenty_nested_loops(tmp_path):
    x = np.array([0.3, -0.2, 0.5])
    for name, source in (("ifs", bench_scale.nested_ifs(50)), ("loops", bench_scale.nested_loops(20))):
        f = _load(tmp_path, source, f"nested_{name}")
        np.testing.assert_allclose(tangentish.grad(f)(x), _fd_gradient(f, x), rtol=1e-5, atol=1e-7)


def test_a_long_straight_line_function_is_right(tmp_path):
    f = _load(tmp_path, bench_scale.straight_line(300), "straight_300")
    x = np.array([0.3, -0.2, 0.5])
    np.testing.assert_allclose(tangentish.grad(f)(x), _fd_gradient(f, x), rtol=1e-4, atol=1e-7)


def test_the_collector_pause_nests_and_restores_the_callers_setting():
    """Transforms pause the cyclic collector (a third of a large transform's time); nested and
    concurrent ones share the pause, and the caller's own setting comes back either way."""
    import gc
    import threading

    from tangentish import collector

    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        try:
            with collector.paused():
                assert not gc.isenabled()
                with collector.paused():
                    assert not gc.isenabled()
                assert not gc.isenabled()
            assert gc.isenabled() == enabled
            barrier = threading.Barrier(4)

            def work(barrier=barrier):
                with collector.paused():
                    barrier.wait()
                    assert not gc.isenabled()

            threads = [threading.Thread(target=work) for _ in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert gc.isenabled() == enabled
        finally:
            gc.enable()


def test_a_failing_transform_restores_the_collector():
    import gc

    def bad(x):
        with open("f") as handle:  # not differentiable: refused
            return x * handle
    assert gc.isenabled()
    with pytest.raises(tangentish.TangentishError):
        tangentish.grad(bad)
    assert gc.isenabled()


def _in_a_fresh_process(check: str, tmp_path: Path) -> None:
    """Run ``collector_checks.py CHECK`` in a process of its own: a process that froze nothing,
    whose heap is small (in a worker holding the suite, unfreezing and collecting ~a million
    objects took 20 CPU-s of CI)."""
    import subprocess

    here = Path(__file__).resolve().parent
    run = subprocess.run([sys.executable, str(here / "collector_checks.py"), check, str(tmp_path)],
                         capture_output=True, text=True, timeout=120, cwd=here)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip() == f"{check}: ok", run.stdout + run.stderr


def test_the_young_objects_a_pause_that_imports_made_go_to_the_oldest_generation(tmp_path):
    """A first transform imports the passes: ~23,000 objects the process keeps.  The pause ends
    with them moved to the oldest generation (not walked by a generation-0 collection at the
    next allocation); a cycle among them is still freed by a full collection; a pause that
    imports nothing (a later transform) leaves the generations alone."""
    _in_a_fresh_process("young", tmp_path)


def test_the_pause_moves_nothing_a_caller_froze_or_a_disabled_collector_holds(tmp_path):
    _in_a_fresh_process("frozen", tmp_path)


def test_calls_nested_below_the_parsers_limit_are_refused_clearly(tmp_path):
    """`np.sin(np.sin(...))` 170 deep passes the parser's limit (200 levels) and overflowed a
    later pass: a raw RecursionError (speed20, stop 60); any RecursionError while transforming
    is the refusal now (pipeline._too_deep). (Python 3.13's deeper stack differentiates it.)"""
    depth = 170
    source = "def f(x):\n    return np.sum(" + "np.sin(" * depth + "x" + ")" * depth + ")"
    f = _load(tmp_path, source, "sines_170")
    try:
        got = tangentish.grad(f)(np.array([0.3, -0.2]))
    except tangentish.UnsupportedConstructError as exc:
        assert "nested too deeply" in str(exc) and "sines_170" in str(exc)
        return
    np.testing.assert_allclose(got, _fd_gradient(f, np.array([0.3, -0.2])), rtol=1e-5)
