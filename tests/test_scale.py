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


class _Cell:
    """A tracked object (the collector follows it) that may sit in a cycle."""

    def __init__(self) -> None:
        self.other = self


def _generation_of(thing: object, walk_oldest: bool = True) -> int | None:
    """The collector's generation holding ``thing`` (None: untracked or frozen).  Without
    ``walk_oldest``, a tracked object in neither young generation counts as in the oldest (true
    unless it is frozen): walking the oldest takes seconds in a process holding the suite."""
    import gc

    young = next((g for g in range(2) if any(o is thing for o in gc.get_objects(generation=g))),
                 None)
    if young is not None or not gc.is_tracked(thing):
        return young
    if not walk_oldest:
        return 2
    return 2 if any(o is thing for o in gc.get_objects(generation=2)) else None


def _import_new_module(folder, name: str) -> None:
    """Import a module no test imported before (a pause that imports: a first transform's)."""
    import importlib
    import sys

    (folder / f"{name}.py").write_text("TABLE = {'a': 1}\n")
    sys.path.insert(0, str(folder))
    try:
        importlib.import_module(name)
    finally:
        sys.path.remove(str(folder))


def test_the_young_objects_a_pause_that_imports_made_go_to_the_oldest_generation(tmp_path,
                                                                              unfrozen):
    """A first transform imports the passes: ~23,000 objects the process keeps.  The pause ends
    with them moved to the oldest generation (not walked by a generation-0 collection at the
    next allocation); a cycle among them is still freed by a full collection; a pause that
    imports nothing (a later transform) leaves the generations alone."""
    import gc
    import sys
    import weakref

    from tangentish import collector

    gc.enable()
    gc.collect()
    with collector.paused():
        made = [_Cell() for _ in range(3 * gc.get_threshold()[0])]
        _import_new_module(tmp_path, "_tangentish_pause_probe")
    sys.modules.pop("_tangentish_pause_probe")
    cycle = weakref.ref(made[0])
    assert gc.isenabled()
    assert gc.get_count()[0] < gc.get_threshold()[0]
    assert _generation_of(made[-1], walk_oldest=False) == 2  # (not frozen: freed below)
    del made
    gc.collect()
    assert cycle() is None  # (promoted, not leaked)
    with collector.paused():
        made = [_Cell() for _ in range(3 * gc.get_threshold()[0])]
    assert _generation_of(made[-1], walk_oldest=False) != 2


def test_the_pause_moves_nothing_a_caller_froze_or_a_disabled_collector_holds(tmp_path, unfrozen):
    import gc
    import sys

    from tangentish import collector

    try:
        gc.disable()  # (the caller's choice: left alone)
        with collector.paused():
            made = [_Cell() for _ in range(3 * gc.get_threshold()[0])]
            _import_new_module(tmp_path, "_tangentish_pause_probe_2")
        assert _generation_of(made[-1]) == 0
        gc.enable()
        kept = _Cell()
        gc.freeze()  # (a caller's frozen objects: an unfreeze would release them)
        with collector.paused():
            made = [_Cell() for _ in range(3 * gc.get_threshold()[0])]
            _import_new_module(tmp_path, "_tangentish_pause_probe_3")
        assert gc.get_freeze_count() > 0
        assert _generation_of(kept) is None  # (still frozen)
    finally:
        gc.unfreeze()
        gc.enable()
        sys.modules.pop("_tangentish_pause_probe_2", None)
        sys.modules.pop("_tangentish_pause_probe_3", None)
