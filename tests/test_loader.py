"""The loader: compiled once and bound per function, linecache entries released with the functions,
and the traceback-source files private, created atomically, verified before reuse, bounded in
number, and never executed."""

from __future__ import annotations

import gc
import inspect
import linecache
import os
import stat
import sys
import time
import traceback
import warnings

import numpy as np
import pytest

import tangentish
from tangentish import loader, source_files
from tangentish.cache import CACHE
from tangentish.extend import linear


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """The default source directory under a fresh temp dir."""
    monkeypatch.delenv("TANGENTISH_SOURCE_DIR", raising=False)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    return tmp_path


def _read(path) -> str:
    with open(path) as handle:
        return handle.read()


def _mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_load_binds_cells_and_reads_globals_live():
    namespace = {"OFFSET": 1.0}
    fn = loader.load("def g(x):\n    return x * k + OFFSET\n", "g", namespace,
                     {"k": 3.0}, None, None)
    assert fn(2.0) == 7.0
    namespace["OFFSET"] = 10.0
    assert fn(2.0) == 16.0 and "OFFSET" in namespace and "g" not in namespace


def test_bind_gives_another_closure_its_own_cells_globals_and_defaults():
    def make(k):
        def user(x, s=1.0):
            return k * s * x
        return user

    first, second = make(2.0), make(5.0)
    second.__defaults__ = (3.0,)
    cells = dict(zip(first.__code__.co_freevars, first.__closure__, strict=True))
    generated = loader.load("def d(x, s=1.0):\n    return k * s\n", "d", first.__globals__,
                            cells, first.__defaults__, None)
    generated.source = "text"
    unbound = loader.unbind(generated, first)
    assert all(cell is None for name, cell in unbound.cells if name == "k")  # not kept
    rebound = loader.bind(unbound, second)
    assert rebound(1.0) == 15.0 and rebound.__code__ is generated.__code__
    assert rebound.__closure__[0] is second.__closure__[0] and rebound.source == "text"
    assert generated(1.0) == 2.0  # the first binding is untouched


def test_linecache_entries_are_released_with_the_functions(private_tmp):
    fn = loader.load("def released(x):\n    return x\n", "released", {}, {}, None, None)
    filename = fn.__code__.co_filename
    assert inspect.getsource(fn).startswith("def released")
    del fn
    gc.collect()
    assert filename not in linecache.cache and filename not in loader._USERS


def _cubed_sine(x):
    return np.sin(x) ** 3


def test_a_derivative_is_differentiated_again_after_linecache_is_cleared_and_its_file_removed(
        private_tmp):
    """Anyone may clear linecache, and another process's cleanup may remove a generated file:
    reading the derivative's source must not fall back to this module (the globals it runs
    with), whose line 1 is not the derivative's."""
    first = tangentish.grad(_cubed_sine)
    path = inspect.unwrap(first).__code__.co_filename
    assert source_files.write_planned(path)  # (as a traceback through it would have)
    os.remove(path)
    linecache.clearcache()
    second = tangentish.grad(first)
    x = 0.7
    assert np.isclose(second(x), 6 * np.sin(x) * np.cos(x) ** 2 - 3 * np.sin(x) ** 3)


def test_the_default_directory_is_private_and_owned(private_tmp):
    folder = source_files.directory()
    assert folder == os.path.join(str(private_tmp), f"tangentish-{os.getuid()}")
    assert _mode(folder) == 0o700 and os.lstat(folder).st_uid == os.getuid()
    path = source_files.source_file("f", "x = 1\n")
    assert _mode(path) == 0o600 and os.path.dirname(path) == folder
    os.chmod(folder, 0o755)
    assert source_files.directory() == folder and _mode(folder) == 0o700  # made private again


def test_a_directory_planted_as_a_symlink_or_owned_by_someone_else_is_not_used(private_tmp,
                                                                               monkeypatch):
    target = private_tmp / "elsewhere"
    target.mkdir()
    os.symlink(target, source_files.default_directory())
    with pytest.warns(UserWarning, match="not a directory"):
        assert source_files.directory() is None
    os.unlink(source_files.default_directory())
    os.mkdir(source_files.default_directory(), 0o700)
    monkeypatch.setattr(source_files, "_uid", lambda: os.getuid() + 1)  # as seen by another user
    with pytest.warns(UserWarning, match="belongs to user id"):
        assert source_files.directory() is None
    assert list(target.iterdir()) == []


def test_a_checked_directory_is_checked_again_only_when_it_changed(private_tmp, monkeypatch):
    folder = source_files.directory()
    made, mkdir = [], os.mkdir
    monkeypatch.setattr(os, "mkdir", lambda *args: made.append(args) or mkdir(*args))
    assert source_files.directory() == folder and not made  # the same: one lstat, no mkdir
    os.chmod(folder, 0o750)  # another mode: checked from scratch, and made private again
    assert source_files.directory() == folder and len(made) == 1 and _mode(folder) == 0o700
    os.rename(folder, folder + ".moved")
    os.symlink(folder + ".moved", folder)  # swapped for a symlink to it after the check
    with pytest.warns(UserWarning, match="not a directory"):
        assert source_files.source_file("f", "x = 1\n") is None
    os.unlink(folder)
    os.rename(folder + ".moved", folder)
    assert source_files.directory() == folder
    monkeypatch.setattr(source_files, "write_private", lambda *args: False)
    assert source_files.source_file("f", "x = 2\n") is None and not source_files._CHECKED


def test_a_configured_directory_writable_by_others_is_not_used(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    monkeypatch.setenv("TANGENTISH_SOURCE_DIR", str(shared))
    with pytest.warns(UserWarning, match="other users can write"):
        assert source_files.source_file("f", "x = 1\n") is None
    assert list(shared.iterdir()) == []


def test_a_planted_symlink_is_replaced_never_followed(private_tmp):
    text = "def f(x):\n    return x\n"
    folder = source_files.directory()
    expected = source_files.source_file("f", text)
    os.unlink(expected)
    victim = private_tmp / "victim.txt"
    victim.write_text("precious\n")
    os.symlink(victim, expected)
    assert source_files.source_file("f", text) == expected
    assert victim.read_text() == "precious\n"
    assert stat.S_ISREG(os.lstat(expected).st_mode) and _read(expected) == text
    assert os.path.dirname(expected) == folder


def test_an_existing_file_is_reused_only_if_private_and_byte_identical(private_tmp):
    text = "def f(x):\n    return x\n"
    path = source_files.source_file("f", text)
    inode = os.lstat(path).st_ino
    assert source_files.source_file("f", text) == path and os.lstat(path).st_ino == inode
    for planted, mode in (("def f(x):\n    return 0\n", 0o600), (text, 0o666)):
        os.unlink(path)
        with open(path, "w") as handle:
            handle.write(planted)
        os.chmod(path, mode)
        assert source_files.source_file("f", text) == path
        assert _read(path) == text and _mode(path) == 0o600
    os.unlink(path)
    os.mkfifo(path)  # reading it would block: it is replaced, not opened for reading
    assert source_files.source_file("f", text) == path and _read(path) == text


def test_files_are_bounded_least_recently_used_first(private_tmp, monkeypatch):
    monkeypatch.setattr(source_files, "MAX_FILES", 8)
    folder = source_files.directory()
    keep_me = os.path.join(folder, "notes.txt")
    with open(keep_me, "w") as handle:
        handle.write("not ours to clean\n")
    stale = os.path.join(folder, ".tmp-crashed.py")
    with open(stale, "w") as handle:
        handle.write("half written")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    paths = []
    for index in range(20):
        paths.append(source_files.source_file(f"f{index}", f"x = {index}\n"))
        os.utime(paths[-1], (time.time() - 100 + index, time.time() - 100 + index))
    left = sorted(n for n in os.listdir(folder) if n.endswith(".py"))
    assert len(left) <= 8 and os.path.basename(paths[-1]) in left
    assert os.path.basename(paths[0]) not in left
    assert os.path.exists(keep_me) and not os.path.exists(stale)


def test_an_empty_source_dir_keeps_sources_in_memory(monkeypatch):
    monkeypatch.setenv("TANGENTISH_SOURCE_DIR", "")

    def only_in_memory(x):
        return x * x * x

    df = tangentish.grad(only_in_memory)
    filename = inspect.unwrap(df).__code__.co_filename
    assert filename.startswith("<tangentish grad_only_in_memory_wrt_x ")
    assert inspect.getsource(df) == df.source and df(2.0) == 12.0


def test_files_on_disk_are_never_executed(private_tmp):
    def twice(x):
        return 2.0 * np.sum(x)

    df = tangentish.grad(twice)
    generated = inspect.unwrap(df)
    path = generated.__code__.co_filename
    assert source_files.write_planned(path) and _read(path) == df.source
    with open(path, "w") as handle:  # tampered with after the fact
        handle.write("raise SystemExit('executed from disk')\n" + df.source)
    linecache.cache.pop(path, None)
    assert np.all(df(np.ones(3)) == 2.0)  # runs the code compiled from memory
    # differentiated again from the text it was compiled from (kept in memory), not the file
    value, tangent = tangentish.jvp(df)(np.ones(3), x_dot=np.ones(3))
    assert np.all(value == 2.0) and np.all(tangent == 0.0)


def test_the_in_memory_name_of_a_hostile_function_name_is_safe():
    assert source_files.safe_stem("f\nimport os; os._exit(1)#") == "f_import_os__os__exit_1__"


def test_a_directory_that_cannot_be_created_falls_back_to_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("TANGENTISH_SOURCE_DIR", str(blocker / "sub"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert source_files.source_file("f", "x = 1\n") is None
    assert any("cannot be created" in str(w.message) for w in caught)


class _DiesWhenStatted(os.PathLike):
    """A linecache entry's path whose ``os.stat`` drops the last reference to a generated function
    and collects it: the function's finalizer runs inside ``linecache.checkcache``'s loop."""

    def __init__(self, holder: list, path: str):
        self.holder, self.path = holder, path

    def __fspath__(self) -> str:
        self.holder.clear()
        gc.collect()
        return self.path


def test_a_function_dying_while_linecache_walks_its_entries_breaks_nothing(private_tmp):
    """Python 3.11's checkcache lists the entries, then reads each by key: a generated function
    collected inside that loop deleted its entry and the loop raised KeyError (in a traceback
    or an inspect call: a flaky test showed it)."""
    planted = str(private_tmp / "planted.py")
    (private_tmp / "planted.py").write_text("x = 1\n")
    holder: list = []
    linecache.cache[planted] = (6, 0.0, ["x = 1\n"], _DiesWhenStatted(holder, planted))
    try:
        holder.append(loader.load("def dies(x):\n    return x\n", "dies", {}, {}, None, None))
        filename = holder[0].__code__.co_filename
        linecache.checkcache()  # (the planted entry comes first: its stat kills the function)
        assert not holder and planted not in linecache.cache  # (its mtime differs: dropped)
        later = loader.load("def later(x):\n    return x\n", "later", {}, {}, None, None)
        assert filename not in linecache.cache and filename not in loader._USERS  # drained
        del later
    finally:
        linecache.cache.pop(planted, None)


def test_code_compiled_by_another_process_is_bound_under_this_process_s_file(tmp_path,
                                                                             monkeypatch):
    """The persistent cache hands load() the code an earlier process compiled: it runs as the text
    compiled here would, every nested code object named after this process's file for the text."""
    text = ("def f(x):\n"
            "    ys = [v * k for v in (x, 2.0)]\n"
            "    return sum(ys) + (lambda t: t * k)(x)\n")
    monkeypatch.setenv("TANGENTISH_SOURCE_DIR", str(tmp_path / "first"))
    compiled = loader.load(text, "f", {}, {"k": 3.0}, None, None)
    monkeypatch.setenv("TANGENTISH_SOURCE_DIR", str(tmp_path / "second"))
    again = loader.load(text, "f", {}, {"k": 3.0}, None, None, code=compiled.__code__)
    fresh = loader.load(text, "f", {}, {"k": 3.0}, None, None)
    assert again.__code__ == fresh.__code__  # (co_filename included, nested codes' too)
    assert again.__code__.co_filename != compiled.__code__.co_filename
    nested = [c for c in again.__code__.co_consts if hasattr(c, "co_filename")]
    inlined = sys.version_info >= (3, 12)  # (PEP 709: the list comprehension has no code of its own)
    assert len(nested) == (1 if inlined else 2)
    assert {c.co_filename for c in nested} == {fresh.__code__.co_filename}
    assert again(1.0) == fresh(1.0) == compiled(1.0) == 3.0 + 6.0 + 3.0
    assert inspect.getsource(again) == text


def _inverse_sum(x):
    return np.sum(np.linalg.inv(x) * 2.0)


_SINGULAR = np.zeros((2, 2))
_RAISING = {  # every call wrapper an error of generated code escapes through (see provenance.py)
    "grad, plain call": lambda: tangentish.grad(_inverse_sum)(_SINGULAR),
    "grad, seeded call": lambda: tangentish.grad(_inverse_sum)(_SINGULAR, out_bar=2.0),
    "value_and_grad": lambda: tangentish.value_and_grad(_inverse_sum)(_SINGULAR),
    "jvp": lambda: tangentish.jvp(_inverse_sum)(_SINGULAR, x_dot=np.ones((2, 2))),
    "vjp": lambda: tangentish.vjp(_inverse_sum)(_SINGULAR),
    "hessian": lambda: tangentish.hessian(_inverse_sum)(_SINGULAR),
}


@pytest.mark.parametrize("call", sorted(_RAISING))
def test_a_file_is_written_when_an_error_escapes_its_code_and_not_before(private_tmp, call,
                                                                        monkeypatch):
    """A generated text's file is named when it is compiled and written only when a traceback
    through it may be printed from disk: an error escaping the derivative, whichever wrapper
    it leaves by (each generated frame of the traceback: a helper's derivative's too)."""
    monkeypatch.setattr(source_files, "traced", lambda: False)  # (the suite under coverage)
    CACHE.clear()  # (a derivative built under another directory names its file there)
    folder = source_files.directory()
    tangentish.grad(_cubed_sine)(0.5)  # built and called: nothing to show, nothing written
    assert not [n for n in os.listdir(folder) if n.endswith(".py")]
    with pytest.raises(np.linalg.LinAlgError) as caught:
        _RAISING[call]()
    shown = [frame.f_code.co_filename for frame, _ in traceback.walk_tb(caught.value.__traceback__)
             if frame.f_code.co_filename.startswith(folder)]
    assert shown  # (the generated code's frames)
    for path in shown:
        assert _mode(path) == 0o600 and _read(path) == "".join(linecache.getlines(path))
    assert len(os.listdir(folder)) == len(set(shown))  # (those, and no other)


_STOPS: list[type[BaseException]] = []  # (what _interruptible raises, while a test sets it)


def _interruptible(a):
    """The identity, until a test makes it raise: a user's function that generated code calls,
    in the primal and (self-adjoint) in the adjoint, by its rule below."""
    if _STOPS:
        raise _STOPS[0]()
    return a


linear(_interruptible)


def _interrupted(x):
    return np.sum(_interruptible(x) * x)


def _pulled_back(stop):
    _, pullback = tangentish.vjp(_interrupted)(np.ones(3))  # (the forward half before it)
    stop()
    return pullback(1.0)


_INTERRUPTED = {  # every call wrapper a KeyboardInterrupt in user code below generated code leaves by
    "grad, plain call": lambda stop: stop() or tangentish.grad(_interrupted)(np.ones(3)),
    "grad, seeded call": lambda stop: stop() or tangentish.grad(_interrupted)(np.ones(3),
                                                                              out_bar=2.0),
    "vjp's pullback": _pulled_back,
    "hessian": lambda stop: stop() or tangentish.hessian(_interrupted)(np.ones(3)),
}


@pytest.mark.parametrize(("call", "kind"), [(call, KeyboardInterrupt) for call in _INTERRUPTED]
                         + [("grad, plain call", SystemExit)])
def test_ctrl_c_in_user_code_below_generated_code_writes_its_files(private_tmp, call, kind,
                                                                  monkeypatch):
    """A ``KeyboardInterrupt`` (Ctrl-C) or ``SystemExit`` raised by the user's code that a
    derivative calls escapes unchanged (no note, the same object) with each generated frame's
    file written: the default printer of an uncaught one reads the generated lines from disk."""
    monkeypatch.setattr(source_files, "traced", lambda: False)  # (the suite under coverage)
    monkeypatch.setattr(sys.modules[__name__], "_STOPS", [])
    CACHE.clear()
    folder = source_files.directory()
    with pytest.raises(kind) as caught:
        _INTERRUPTED[call](lambda: _STOPS.append(kind))
    frames = [frame.f_code for frame, _ in traceback.walk_tb(caught.value.__traceback__)]
    assert frames[-1] is _interruptible.__code__ and not getattr(caught.value, "__notes__", ())
    shown = {code.co_filename for code in frames if code.co_filename.startswith(folder)}
    assert shown  # (the generated code's frames)
    for path in shown:
        assert _mode(path) == 0o600 and _read(path) == "".join(linecache.getlines(path))
    assert len(os.listdir(folder)) == len(shown)  # (those, and no other)


def test_a_file_that_cannot_be_written_never_replaces_the_error(private_tmp):
    """The directory swapped for a symlink after the derivative was built: its warning, an error
    under ``-W error``, is not what the call raises; nothing is written through the symlink."""
    CACHE.clear()
    df = tangentish.grad(_inverse_sum)
    folder = source_files.directory()
    os.rename(folder, folder + ".moved")
    os.symlink(folder + ".moved", folder)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with pytest.raises(np.linalg.LinAlgError):
                df(_SINGULAR)
    finally:
        os.unlink(folder)
        os.rename(folder + ".moved", folder)
    assert os.listdir(folder) == []


def test_under_a_tracer_the_file_is_written_when_the_code_is_compiled(private_tmp):
    """A debugger or coverage tool (``sys.settrace``) reads the files of the code it steps
    through from disk: with one running, each file is written as its code is compiled."""
    CACHE.clear()
    previous = sys.gettrace()
    sys.settrace(lambda frame, event, arg: None)
    try:
        assert source_files.traced()
        df = tangentish.grad(_cubed_sine)
    finally:
        sys.settrace(previous)
    path = inspect.unwrap(df).__code__.co_filename
    assert os.path.isfile(path) and _mode(path) == 0o600 and _read(path) == df.source
