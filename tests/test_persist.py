"""The persistent derivative cache (tangentish/persist): reused across processes only when nothing
it was made from changed; every kind of change regenerates; a bad entry is never trusted.

A "fresh process" is simulated by importing the module again from its file (a new module, new
function objects) after clearing the in-memory cache; one test runs real subprocesses."""

import importlib.util
import marshal
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from helpers import numeric_grad, source_module

import tangentish
from tangentish.cache import CACHE
from tangentish.persist import store
from tangentish.pipeline import refresh_environment
from tangentish.registry import REGISTRY

pytestmark = pytest.mark.usefixtures("generic_first_calls")  # (entries counted: the generic's)

MODEL = """
import numpy as np
import helpers_{tag} as helpers

SCALE = 2.0
ACT = np.sin


def loss(x, y):
    h = ACT(x) * y
    return np.sum(helpers.square(h) * SCALE)
"""

HELPERS = """
def square(v):
    return v * v
"""


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("TANGENTISH_CACHE_DIR", str(folder))
    monkeypatch.setattr(REGISTRY, "foreign", 0)  # (other tests register rules of their own)
    refresh_environment()
    CACHE.clear()
    yield folder
    monkeypatch.delenv("TANGENTISH_CACHE_DIR")
    refresh_environment()
    CACHE.clear()


def _counts():
    return store.STATS.hits, store.STATS.misses, store.STATS.stores


def _fresh(tmp_path, tag, model=MODEL, helpers=HELPERS, wrt=(0, 1), before=None):
    """Import the model (and its helper module) anew, as a new process would, and differentiate;
    return (what the persistent cache did, the gradient at a point, the reference gradient)."""
    CACHE.clear()
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    start = _counts()
    with source_module(src, f"helpers_{tag}", textwrap.dedent(helpers)), \
            source_module(src, f"model_{tag}", textwrap.dedent(model.format(tag=tag))) as module:
        if before is not None:
            before(module)
        derivative = tangentish.grad(module.loss, wrt=wrt)
        x, y = np.linspace(-1.0, 1.0, 4), np.linspace(0.5, 2.0, 4)
        got = derivative(x, y)
        expected = numeric_grad(module.loss, (x, y), wrt)
    done = tuple(b - a for a, b in zip(start, _counts(), strict=True))
    return done, got, expected


def _entry_of(folder, name):
    """The path of the entry of the derivative of the function ``name``."""
    (path,) = [p for p in folder.glob("*.entry")
               if store.decode(p.read_bytes())["fields"]["of"] == name]
    return path


def _close(got, expected):
    for g, e in zip(got, expected, strict=True):
        np.testing.assert_allclose(g, e, rtol=1e-6, atol=1e-8)


# (hits, misses, stores) for the model and its helper's derivative; ROOT: only the model rebuilt
HIT, MISS, ROOT = (2, 0, 0), (0, 2, 2), (1, 1, 1)


def test_a_fresh_import_reuses_the_stored_derivative(cache_dir, tmp_path):
    first = _fresh(tmp_path, "a")
    assert first[0] == MISS
    _close(*first[1:])
    again = _fresh(tmp_path, "a")
    assert again[0] == HIT
    _close(*again[1:])
    assert len(list(cache_dir.glob("*.entry"))) == 2


@pytest.mark.parametrize("change", [
    "edit the function's file", "change a helper's body", "rebind a global callable",
    "change a global constant", "change wrt", "change a comment"])
def test_every_change_regenerates(cache_dir, tmp_path, change):
    model, helpers, wrt, before, expected_counts = MODEL, HELPERS, (0, 1), None, ROOT
    if change == "edit the function's file":
        model = MODEL.replace("h = ACT(x) * y", "h = ACT(x) * y * y")
    elif change == "change a helper's body":
        helpers, expected_counts = HELPERS.replace("v * v", "v * v * v"), MISS
    elif change == "rebind a global callable":
        before = lambda module: setattr(module, "ACT", np.cos)  # noqa: E731
    elif change == "change a global constant":
        before = lambda module: setattr(module, "SCALE", 3.0)  # noqa: E731
    elif change == "change wrt":
        wrt = 1
    else:
        model = MODEL.replace("SCALE = 2.0", "SCALE = 2.0  # a comment: the provenance lines move")
    assert _fresh(tmp_path, "b")[0] == MISS
    done, got, expected = _fresh(tmp_path, "b", model, helpers, wrt, before)
    assert done == expected_counts
    _close(*((got, expected) if wrt != 1 else ((got,), (expected,))))


IMPORTING = """
import helpers_{tag} as helpers


def loss(x, y):
    import numpy as np
    from numpy import tanh
    from math import pi
    return np.sum(helpers.square(tanh(x) * y)) * pi
"""


def test_a_functions_own_imports_are_stored_and_read_back(cache_dir, tmp_path):
    """The objects its imports bind are cells of the derivative, found again by module and name
    (syntax/imports.py); the module binds none of those names."""
    first = _fresh(tmp_path, "imp", IMPORTING)
    assert first[0] == MISS
    _close(*first[1:])
    again = _fresh(tmp_path, "imp", IMPORTING)
    assert again[0] == HIT
    _close(*again[1:])


FACTORY = """
import numpy as np


def make(a):
    def loss(x, y):
        return np.sum(np.sin(x) * y * a)
    return loss
"""


def test_a_changed_closure_value_regenerates(cache_dir, tmp_path):
    def with_closure(value):
        CACHE.clear()
        start = _counts()
        with source_module(tmp_path, "factory_c", textwrap.dedent(FACTORY)) as module:
            loss = module.make(value)
            x, y = np.linspace(-1.0, 1.0, 3), np.ones(3)
            _close(tangentish.grad(loss, wrt=(0, 1))(x, y), numeric_grad(loss, (x, y), (0, 1)))
        return tuple(b - a for a, b in zip(start, _counts(), strict=True))

    assert with_closure(2.0) == (0, 1, 1)
    assert with_closure(2.0) == (1, 0, 0)
    assert with_closure(3.0) == (0, 1, 1)


def test_a_user_rule_turns_the_cache_off(cache_dir, tmp_path, monkeypatch):
    assert _fresh(tmp_path, "d")[0] == MISS
    from tangentish.extend import non_differentiable

    def mine(v):
        return v

    non_differentiable(mine)
    assert REGISTRY.foreign == 1
    done, got, expected = _fresh(tmp_path, "d")
    assert done == (0, 0, 0)  # neither read nor written
    _close(got, expected)


def test_tangentish_s_own_rules_are_not_a_user_s():
    scipy = "scipy.special, " if importlib.util.find_spec("scipy") is not None else ""
    code = (f"import {scipy}numpy.fft, tangentish, tangentish.api\n"
            "from tangentish.registry import REGISTRY\n"
            "REGISTRY.provide_all()\n"
            "print(REGISTRY.foreign, len(REGISTRY.entries))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env=dict(os.environ))
    foreign, rules = map(int, result.stdout.split())
    assert foreign == 0 and rules > 500


def test_stop_gradient_on_a_function_is_a_user_rule(cache_dir):
    tangentish.stop_gradient(lambda v: v)
    assert REGISTRY.foreign == 1


@pytest.mark.parametrize("damage", ["garbage", "truncated", "another format", "tampered token",
                                    "damaged text", "another function's code", "flipped byte"])
def test_a_damaged_entry_is_ignored_and_rewritten(cache_dir, tmp_path, damage):
    assert _fresh(tmp_path, "e")[0] == MISS
    path = _entry_of(cache_dir, "loss")
    data = path.read_bytes()
    stored = store.decode(data)
    if damage == "garbage":
        path.write_bytes(b"\x00\xff not an entry")
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "damaged text":  # (the checksum, written before, no longer matches)
        stored["fields"]["text"] = "def broken(:\n"
        path.write_bytes(data[:data.index(b"\n", len(b"tangentish entry\n")) + 1]
                         + marshal.dumps(stored))
    elif damage == "flipped byte":  # (in the code object's bytes: still loads, wrongly)
        at = data.index(stored["code"].co_code)
        path.write_bytes(data[:at] + bytes([data[at] ^ 1]) + data[at + 1:])
    else:
        if damage == "another format":
            stored["format"] = 0
        elif damage == "tampered token":
            stored["dependencies"][-1][-1] = ["object", "x", "y", "z", "w"]
        else:
            stored["code"] = (lambda: None).__code__
        path.write_bytes(store.encode(stored))  # (a valid checksum: the check after it refuses)
    done, got, expected = _fresh(tmp_path, "e")
    assert done == ROOT
    _close(got, expected)
    assert _fresh(tmp_path, "e")[0] == HIT  # (rewritten whole)


def test_every_byte_of_an_entry_is_checked(cache_dir, tmp_path):
    """Whatever byte of an entry changes, it is not read (the checksum, or the header)."""
    assert _fresh(tmp_path, "k")[0] == MISS
    data = _entry_of(cache_dir, "loss").read_bytes()
    assert store.decode(data) is not None
    for at in range(0, len(data), max(1, len(data) // 97)):
        assert store.decode(data[:at] + bytes([data[at] ^ 0x20]) + data[at + 1:]) is None, at
    assert store.decode(data + b"\x00") is None and store.decode(data[:-1]) is None


def test_a_directory_others_may_write_is_not_used(cache_dir, tmp_path):
    cache_dir.mkdir(mode=0o700)
    os.chmod(cache_dir, 0o777)
    assert _fresh(tmp_path, "f")[0] == (0, 0, 0)
    assert not list(cache_dir.iterdir())


def test_off_unless_a_directory_is_set(tmp_path):
    assert _fresh(tmp_path, "g")[0] == (0, 0, 0)


def test_clear_removes_every_entry(cache_dir, tmp_path):
    _fresh(tmp_path, "h")
    files = len(list(cache_dir.iterdir()))  # (2 entries, the wrappers' compiled code)
    assert len(list(cache_dir.glob("*.entry"))) == 2 and store.clear() == files
    assert _fresh(tmp_path, "h")[0] == MISS
    result = subprocess.run([sys.executable, "-m", "tangentish", "cache", "clear"],
                            capture_output=True, text=True, check=True, env=dict(os.environ))
    assert f"removed {files}" in result.stdout
    assert not list(cache_dir.iterdir())


FRESH = """
import sys
sys.path.insert(0, {folder!r})
import numpy as np
already = set(sys.modules)  # (NumPy 1.x imports json itself)
import tangentish
from tangentish.persist import store
import model_p
x, y = np.linspace(-1.0, 1.0, 4), np.linspace(0.5, 2.0, 4)
derivative = tangentish.grad(model_p.loss, wrt=(0, 1))
building = [m for m in ("tangentish.pipeline", "gast", "json") if m in set(sys.modules) - already]
print(repr(derivative(x, y)[0].tolist()), "building:", building, store.STATS)
"""


def test_a_fresh_process_hits(cache_dir, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "helpers_p.py").write_text(textwrap.dedent(HELPERS))
    (src / "model_p.py").write_text(textwrap.dedent(MODEL.format(tag="p")))
    code = FRESH.format(folder=str(src))
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env=dict(os.environ)).stdout for _ in range(2)]
    assert "DiskStats(hits=0, misses=2, stores=2" in runs[0] and "pipeline" in runs[0]
    assert "building: [] DiskStats(hits=2, misses=0, stores=0" in runs[1]  # (no pass, no gast)
    assert runs[0].split(" ")[0] == runs[1].split(" ")[0]


def test_the_helpers_facts_rewrite_are_named_without_importing_the_passes():
    from tangentish.passes.ranks import RANKED_HELPERS
    from tangentish.specialize import IMPROVABLE

    assert RANKED_HELPERS <= IMPROVABLE


@pytest.mark.parametrize("mode", ["value_and_grad", "jvp"])
def test_other_modes_round_trip(cache_dir, tmp_path, mode):
    def run():
        CACHE.clear()
        start = _counts()
        with source_module(tmp_path, "modes_m", textwrap.dedent(FACTORY)) as module:
            loss = module.make(1.5)
            x, y = np.linspace(-1.0, 1.0, 3), np.linspace(0.5, 1.0, 3)
            reference = numeric_grad(loss, (x, y), 0)
            if mode == "jvp":
                value, tangent = tangentish.jvp(loss, 0)(x, y, x_dot=np.ones(3))
                np.testing.assert_allclose(tangent, np.sum(reference), rtol=1e-6)
            else:
                value, gradient = tangentish.value_and_grad(loss, 0)(x, y)
                np.testing.assert_allclose(gradient, reference, rtol=1e-6)
            assert value == pytest.approx(loss(x, y))
        return tuple(b - a for a, b in zip(start, _counts(), strict=True))

    assert run() == (0, 1, 1)
    assert run() == (1, 0, 0)


LOCAL_HELPER = """
import numpy as np


def make():
    def inner(v):
        return np.sin(v)

    def loss(x, y):
        return np.sum(inner(x) * y)
    return loss
"""


def test_a_helper_defined_in_a_function_is_not_stored(cache_dir, tmp_path):
    skipped = store.STATS.skipped
    with source_module(tmp_path, "local_l", textwrap.dedent(LOCAL_HELPER)) as module:
        loss = module.make()
        x, y = np.linspace(-1.0, 1.0, 3), np.ones(3)
        _close(tangentish.grad(loss, wrt=(0, 1))(x, y), numeric_grad(loss, (x, y), (0, 1)))
    assert store.STATS.skipped > skipped
    assert not [p for p in cache_dir.glob("*.entry")
                if store.decode(p.read_bytes())["fields"]["of"] == "loss"]


def test_fuzz_programs_read_back_exactly(cache_dir, tmp_path):
    """A table of generated programs (the fuzzer's, seeds 600-): each derivative stored, then read
    back by a fresh import gives the same text and bit-for-bit the same gradient.  (That every
    kind of change regenerates is the tests above; this one checks the read-back path itself.)"""
    from fuzz.gen_program import generate
    from fuzz.program import ENTRY, draw_inputs

    stored = 0
    for index in range(16):
        program = generate(600, index, without=("layers", "unused_chains", "functional",
                                                    "scalars_py", "idioms2", "complex"))  # (a
        # loop over a module's list of layers depends on the list's length, which an entry does
        # not record: such a derivative is rebuilt in each process, never stored; unused_chains,
        # functional, scalars_py, idioms2, complex: the programs as they were, 13 of these 16
        # store a derivative; 30 programs took 7 CPU-s)
        wrt = tuple(i for i, p in enumerate(program.params) if p.kind != "int")
        inputs = draw_inputs(program, np.random.default_rng(index))
        seen = []
        for _ in range(2):
            CACHE.clear()
            start = _counts()
            with source_module(tmp_path, f"fuzzed_{index}", program.text) as module:
                try:
                    derivative = tangentish.grad(getattr(module, ENTRY), wrt=wrt)
                    result = derivative(*inputs)
                except (tangentish.TangentishError, ArithmeticError, ValueError):
                    break  # (refused, or not finite here: nothing to compare)
            seen.append((derivative.source, result, _counts()[0] - start[0]))
        if len(seen) == 2 and seen[1][2]:
            stored += 1
            assert seen[0][0] == seen[1][0], program.text
            for a, b in zip(seen[0][1], seen[1][1], strict=True):
                np.testing.assert_array_equal(a, b)
    assert stored >= 13, stored


def test_compiled_text_is_read_back_only_for_the_same_text(cache_dir, monkeypatch):
    """store.compiled: the call wrapper's plain path (a fixed template) compiled once for every
    process (its disk layer, ``_compiled``; in a process it is kept in memory too); a damaged
    file, or one holding another text, is compiled again and rewritten."""
    import builtins

    from tangentish.fastcall import _FILENAME, plain_text

    text = plain_text((True, False), None, False)
    compiles = []
    real = builtins.compile
    monkeypatch.setattr(builtins, "compile", lambda *a, **k: compiles.append(a) or real(*a, **k))
    first = store._compiled(text, _FILENAME)
    assert first == real(text, _FILENAME, "exec", dont_inherit=True) and len(compiles) == 1
    (path,) = cache_dir.glob("*.code")
    assert store._compiled(text, _FILENAME) == first and len(compiles) == 1  # (read back)
    for damage in ("flipped byte", "another text", "another file name"):
        data = path.read_bytes()
        if damage == "flipped byte":
            path.write_bytes(data[:-5] + bytes([data[-5] ^ 1]) + data[-4:])
        else:
            other = text + "\n# another\n" if damage == "another text" else text
            name = _FILENAME if damage == "another text" else _FILENAME + "x"
            path.write_bytes(store.encode({"format": store.FORMAT, "text": other,
                                           "code": real(other, name, "exec", dont_inherit=True)}))
        count = len(compiles)
        assert store._compiled(text, _FILENAME) == first and len(compiles) == count + 1, damage
    assert store.clear() == 1 and not list(cache_dir.iterdir())


def test_compiled_text_is_not_stored_when_the_cache_is_off(tmp_path):
    from tangentish.fastcall import _FILENAME, plain_text

    text = plain_text((True,), 0, False)
    assert store.compiled(text, _FILENAME) == compile(text, _FILENAME, "exec", dont_inherit=True)
    assert store.directory() is None


def test_compiled_text_is_kept_in_memory_by_text_and_file_name(monkeypatch):
    """One compile per wrapper text and file name in a process, whatever the disk does."""
    import builtins

    from tangentish.fastcall import _FILENAME, plain_text

    monkeypatch.setattr(store, "_COMPILED", {})
    compiles = []
    real = builtins.compile
    monkeypatch.setattr(builtins, "compile", lambda *a, **k: compiles.append(a) or real(*a, **k))
    text = plain_text((True, True), None, False)
    first = store.compiled(text, _FILENAME)
    assert store.compiled(text, _FILENAME) is first and len(compiles) <= 1
    other = store.compiled(text, _FILENAME + "x")
    assert other is not first and other.co_filename == _FILENAME + "x"
