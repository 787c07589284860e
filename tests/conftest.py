"""Shared pytest configuration: makes ``tests/`` importable (``helpers``, ``rules``) and offers a
seeded random generator per test."""

from __future__ import annotations

import gc
import os
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest


def _library_imported_plainly() -> None:
    """tangentish's modules are imported as Python imports them, not rewritten by pytest's
    assertion rewriting.  pytest rewrites every package of a distribution with a ``pytest11``
    entry point (tangentish's plugin), so each test process parsed, rewrote and compiled all
    of tangentish's ~250 modules, which hold no ``assert`` (1.4-2.4 of ~15 CPU-s a process's
    collection); the test modules' asserts are rewritten still.  (No-op if pytest changes.)"""
    for finder in sys.meta_path:
        marked = getattr(finder, "_must_rewrite", None)
        if type(finder).__name__ == "AssertionRewritingHook" and isinstance(marked, set):
            marked.discard("tangentish")


_library_imported_plainly()
_TESTS = str(Path(__file__).resolve().parent)
if _TESTS not in sys.path:
    sys.path.insert(0, _TESTS)

from helpers import seed_for  # noqa: E402  (needs the path above)

_COLLECTING = gc.isenabled()
gc.disable()  # (until the tests are collected: see pytest_collection_finish)


@pytest.fixture
def rng(request: pytest.FixtureRequest) -> np.random.Generator:
    """A generator seeded from the test's id: reproducible, different for every test."""
    return np.random.default_rng(seed_for(request.node.nodeid))


def pytest_collection_finish(session: pytest.Session) -> None:
    """The objects alive once the tests are collected (the tables, the zoos, pytest's items: about
    a million) live as long as the run: frozen, every later full collection skips them instead of
    walking them each time (7-13% of a worker's CPU went to collections).  Tests of what the
    collector does run in a process of their own (``collector_checks.py``).  Collecting them
    runs with the collector off (it made nearly nothing to free, and walked the growing heap
    again and again: 8.7-9.3 against 11.0-11.1 CPU-s a process)."""
    gc.collect()
    gc.freeze()
    if _COLLECTING:
        gc.enable()


def pytest_runtest_logfinish(nodeid: str, location: tuple) -> None:
    """What a test leaves alive once it has ended (its fixtures torn down) is mostly kept for the
    rest of the run (the cached derivatives, their specializations, the rule templates' plans
    built at first use): collected once, then frozen like the collected tests above, so later
    full collections walk only what later tests make, not a heap that grows test by test (one
    process running ``test_second_order.py``, ``test_float32.py`` and ``test_call_variants.py``:
    collections took 13.2 of its 134 CPU-s; frozen after each test, 4.1 of 122, the same peak
    memory)."""
    if _COLLECTING:
        gc.collect()
        gc.freeze()


@pytest.fixture
def generic_first_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    """First calls run the generic derivative, also in CI's run with
    ``TANGENTISH_SPECIALIZE_EAGERLY=1`` (and in the processes a test starts): for tests of what
    the generic code does on a first call (a run-time check it makes, the persistent cache's
    entries) that a specialization proves needless or adds to."""
    from tangentish.records import ENVIRONMENT

    monkeypatch.delenv("TANGENTISH_SPECIALIZE_EAGERLY", raising=False)
    monkeypatch.setattr(ENVIRONMENT, "eager", False)


@pytest.fixture
def second_calls_specialize(monkeypatch: pytest.MonkeyPatch) -> None:
    """A signature's second call builds and runs its specialized derivative (``specialize.HOT``
    is 2): for tests of the specialization machinery itself, which call a derivative a few times
    and check what each call built and ran (tests of specialized code elsewhere ask for it with
    ``helpers.specialize``)."""
    from tangentish import specialize

    monkeypatch.setattr(specialize, "HOT", 2)


TABLES = frozenset({
    "test_second_order.py::test_every_rule_at_second_order",
    "test_second_order.py::test_control_flow_at_second_order",
    "test_forward.py::test_every_rule_forward_matches_reverse",
    "test_export.py::test_every_zoo_export_runs_and_matches",
    "test_second_order_unbound.py::test_variables_with_no_value_on_some_path_at_second_order",
    "test_float32.py::test_float32_gradients_stay_float32",
    "test_float32.py::test_float32_tangents_stay_float32",
    "test_float32.py::test_float32_second_order_stays_float32",
    "test_sequence_results.py::test_every_call_returning_a_sequence_is_known",
    "test_integral_dtypes.py::test_first_order_against_finite_differences",
    "test_integral_dtypes.py::test_second_order_against_differences_of_the_gradient",
    "test_rank_changing_casts.py::test_grad", "test_rank_changing_casts.py::test_jvp_and_vjp",
    "test_rank_changing_casts.py::test_hvp",
    "test_realworld.py::test_grad_and_value_and_grad", "test_realworld.py::test_vjp_pullback_twice",
    "test_realworld.py::test_jvp", "test_realworld.py::test_jacobian",
    "test_realworld.py::test_hvp_and_hessian",
    "test_common.py::test_every_mode_gives_bit_for_bit_what_it_gives_without_the_pass",
    "test_versions.py::test_every_mode_gives_bit_for_bit_what_it_gives_without_the_pass",
    "test_memory.py::test_gradients_are_new_writable_arrays",
    "test_second_order_recurrences.py::test_element_writes_in_loops_at_second_order",
    "test_call_variants.py::test_reduction_variants",
    "test_call_variants_shapes.py::test_shape_variants",
    "test_call_variants_products.py::test_product_variants",
    "test_call_variants_ufuncs.py::test_ufunc_variants",
})
"""The big tables (``file::function``, a row per rule, zoo function or construct and mode): with
``TANGENTISH_TABLE_SHARD=i/n`` only the rows whose id hashes to ``i`` modulo ``n`` run.  CI runs
them whole with the README's command and splits them over the other interpreters (``.ci/run``),
so every row runs on two."""

EVERYWHERE = frozenset({"test_fuzz.py::test_fuzz_budget",
                        "test_rule_families.py::test_every_key_of_a_family_on_demand_has_a_listed_name",
                        "test_cli.py::test_rules_lists_rules_by_group"})
"""Tests every shard runs whatever ``TANGENTISH_REST_SHARD`` says (the fuzzer: each run fuzzes
from a seed of its own; the rule families' names, which depend on the NumPy each run has; the
listing of every rule, which parses each against the function this NumPy and SciPy have: the
``np.fft`` rules named NumPy 2's ``out=``, and every ``np.fft`` call failed on NumPy 1.x while
the sampled runs there missed their rows)."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``TANGENTISH_TABLE_SHARD=i/n`` keeps the tables' rows of shard ``i`` of ``n``;
    ``TANGENTISH_REST_SHARD=j/m`` the other tests of shard ``j`` of ``m`` (but
    :data:`EVERYWHERE`'s).  Unset: all of them."""
    tables, rest = (_shard(name) for name in ("TANGENTISH_TABLE_SHARD", "TANGENTISH_REST_SHARD"))
    if tables is None and rest is None:
        return
    kept, dropped = [], []
    for item in items:
        mine = in_shard(getattr(item, "originalname", item.name), item.nodeid, tables, rest)
        (kept if mine else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def _shard(variable: str) -> tuple[int, int] | None:
    shard = os.environ.get(variable, "")
    if not shard:
        return None
    if shard == "none":  # (none of them: a run of the tables' rows only)
        return 0, 0
    index, count = (int(part) for part in shard.split("/"))
    if not 0 <= index < count:
        raise pytest.UsageError(f"{variable}={shard}: want i/n with 0 <= i < n")
    return index, count


def in_shard(name: str, nodeid: str, tables: tuple[int, int] | None,
             rest: tuple[int, int] | None = None) -> bool:
    """Whether the test ``name`` (its function's) of id ``nodeid`` runs in the shards
    ``tables`` (of the tables' rows) and ``rest`` (of the other tests), each ``(index, count)``
    or None for all: a row or test of a shared set runs in exactly one shard of it."""
    test = f"{Path(nodeid.split('::')[0]).name}::{name}"
    shard = tables if test in TABLES else None if test in EVERYWHERE else rest
    return shard is None or shard[1] > 0 and zlib.crc32(nodeid.encode()) % shard[1] == shard[0]
