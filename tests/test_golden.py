"""Golden tests: the generated source of each zoo function in every mode, compared as whole text.

One file per function and mode: ``tests/golden/<mode>/<function>.py`` for ``grad``,
``value_and_grad``, ``jvp``, ``vjp`` (forward half, then pullback) and ``hvp`` (the ``jvp`` of the
generated gradient, with respect to the first ``wrt`` parameter), each holding the derivative's
whole ``.source``: its helpers' derivatives included.

After an intended change of the generated code, regenerate them and review the diff::

    TANGENTISH_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py

The line numbers in provenance comments (``# adjoint of: ...  [zoo.py:12]``) change whenever code
above a function moves.  To compare without them (e.g. while editing ``tests/zoo.py``)::

    TANGENTISH_GOLDEN_IGNORE_LINES=1 python -m pytest tests/test_golden.py

or call :func:`matches` with ``lines=False``.  The default compares every byte.
"""

from __future__ import annotations

import difflib
import json
import os
import pathlib
import re
import subprocess
import sys

import pytest
from zoo import ZOO

import tangentish
from tangentish import runtime

GOLDEN = pathlib.Path(__file__).parent / "golden"
UPDATE = os.environ.get("TANGENTISH_UPDATE_GOLDEN") == "1"
IGNORE_LINES = os.environ.get("TANGENTISH_GOLDEN_IGNORE_LINES") == "1"
MODES = ("grad", "value_and_grad", "jvp", "vjp", "hvp")

CASES = [(mode, fn, wrt) for mode in MODES for fn, wrt in ZOO]

_PROVENANCE = re.compile(r"(  \[[^\[\]\n]+):\d+\]$", re.M)


def without_line_numbers(text: str) -> str:
    """``text`` with ``[file.py:12]`` at the end of provenance comments turned into ``[file.py]``."""
    return _PROVENANCE.sub(r"\1]", text)


def matches(text: str, golden: str, *, lines: bool = True) -> bool:
    """Whole-text equality, or equality up to provenance line numbers with ``lines=False``."""
    return text == golden if lines else without_line_numbers(text) == without_line_numbers(golden)


def generated(fn, wrt, mode: str) -> str:
    if mode == "hvp":
        return tangentish.hvp(fn, wrt=wrt[0] if isinstance(wrt, tuple) else wrt).source
    return tangentish.source(fn, wrt=wrt, mode=mode)


def _path(mode: str, fn) -> pathlib.Path:
    return GOLDEN / mode / f"{fn.__name__}.py"


@pytest.mark.parametrize("mode, fn, wrt", CASES, ids=[f"{m}-{f.__name__}" for m, f, _ in CASES])
def test_generated_source_matches_golden(mode, fn, wrt):
    text, path = generated(fn, wrt, mode), _path(mode, fn)
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
    assert path.exists(), f"no golden file {path}; run with TANGENTISH_UPDATE_GOLDEN=1"
    golden = path.read_text()
    if not matches(text, golden, lines=not IGNORE_LINES):
        diff = "".join(difflib.unified_diff(golden.splitlines(True), text.splitlines(True),
                                            f"{path} (golden)", "generated"))
        pytest.fail(f"the {mode} source of {fn.__name__} changed:\n{diff}")


def test_the_line_number_option_ignores_exactly_the_provenance_line_numbers():
    golden = "    # adjoint of: y = x[1:2]  [zoo.py:12]\n    y_bar = 2 * x  # [3:4]\n"
    moved = golden.replace("zoo.py:12]", "zoo.py:40]")
    assert not matches(moved, golden) and matches(moved, golden, lines=False)
    assert not matches(moved.replace("[zoo.py", "[other.py"), golden, lines=False)
    assert not matches(moved.replace("2 * x", "3 * x"), golden, lines=False)
    assert without_line_numbers(golden) == "    # adjoint of: y = x[1:2]  [zoo.py]\n" \
        "    y_bar = 2 * x  # [3:4]\n"


def test_golden_sources_compile():
    for path in sorted(GOLDEN.glob("*/*.py")):
        compile(path.read_text(), str(path), "exec")


def test_every_golden_file_is_a_case():
    cases = {_path(mode, fn) for mode, fn, _ in CASES}
    files = set(GOLDEN.glob("*/*.py")) | set(GOLDEN.glob("*.py"))
    files -= set(GOLDEN.glob("containers/*.py"))  # test_containers.py's (specialised to values)
    assert files == cases, f"golden files without a case: {sorted(files - cases)}"


SCRIPT = """
import json, sys
sys.path.insert(0, {tests!r})
import test_golden
print(json.dumps([test_golden.generated(fn, wrt, mode) for mode, fn, wrt in test_golden.CASES]))
"""


def test_every_mode_is_byte_identical_across_processes():
    here = [generated(fn, wrt, mode) for mode, fn, wrt in CASES]
    seed = "4242" if os.environ.get("PYTHONHASHSEED") != "4242" else "17"  # not this process's
    out = subprocess.run([sys.executable, "-c", SCRIPT.format(tests=str(GOLDEN.parent))],
                         env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True,
                         text=True, check=True, timeout=300)
    assert json.loads(out.stdout) == here


def test_the_line_ratio_script_counts_code_lines_only():
    sys.path.insert(0, str(GOLDEN.parent.parent / "benchmarks"))
    try:
        import line_ratio
    finally:
        sys.path.pop(0)
    text = 'def f(x):\n    """Doc\n    string."""\n\n    # comment\n    y = x  # kept\n    return y\n'
    assert line_ratio.code_lines(text) == 3
    found = line_ratio.ratios("vjp")
    assert set(found) == {fn.__name__ for fn, _ in ZOO} and min(found.values()) > 1.0


# The runtime helpers that generated code calls, over the whole golden zoo (issue 10: a reader of
# generated code should need a small runtime only).  A name that is not here is a decision to
# review: say it in NumPy in the generated code where NumPy can say it with the same values,
# shapes and dtypes, or merge it with the helper it nearly duplicates.  Why each one stays in
# generic code (specialized code says several in NumPy where facts allow: passes/ranks.py,
# dtypes.py, shapes.py):
# - seed: it needs the output, which exists only inside the derivative (runtime/machinery.py);
# - unbroadcast, unreduce, reduced_size: shapes and axes known at run time only (an axis may be a
#   tuple, the operand a tape's _rt.like record; a mean's count over no axis or an int one is
#   np.size(t) or np.shape(t)[k], passes/spelling.py); unreduce(..., view=True): the same as a
#   read-only view where the optimizer proved only arithmetic reads it; like: the tape's
#   shape-and-dtype record;
# - add_at, zero_index: in place only where the reference count shows nothing else sees the
#   array; unindex, set_index: new arrays (repeated integer indices accumulate; lists too);
# - pick_first, ties: 0/0.5/1 weights in the operands' float dtype (a bool times 0.5 is float64:
#   float32 would not stay float32); clip's 0/1 weight is a comparison where its bounds are
#   literals (a bound held in a variable may be None at run time: _rt.clip_inside); chosen:
#   selects by such a weight (0 where it is 0, even against an inf or NaN cotangent); divided:
#   np.where(c, a / b, 0.0) dividing only where c holds (passes/masked_ratios.py);
# - matmul_left, matmul_right: every rank and batching (`g @ b.T` once ranks are proven);
# - zeros_like, unjoin: a zero, an adjoint in a sequence's own form (a ragged tuple has no
#   np.zeros_like; an unreached output proven floating says np.zeros_like: passes/output_zeros.py);
#   rewind, replay, check_unshared: machinery (UNBOUND, a placeholder no read
#   meets, goes: passes/placeholders.py).
# (A tangent list is appended to as its list is: `rows_dot.append(v_dot)`, no helper.)
# The runtime lists them for its readers (tangentish/runtime/__init__.py).
RUNTIME_NAMES = runtime._COMMON


def test_the_runtime_calls_script_counts_what_generated_code_reads():
    sys.path.insert(0, str(GOLDEN.parent.parent / "benchmarks"))
    try:
        import runtime_calls
    finally:
        sys.path.pop(0)
    counts = runtime_calls.runtime_names("a = _rt.unbroadcast(g, x) + _rt.unbroadcast(h, y)\n"
                                         "b = rt.seed(a)  # _rt_seed: not a read\n")
    assert counts == {"unbroadcast": 2}
    in_goldens = runtime_calls.in_goldens(GOLDEN)
    assert set(in_goldens) <= RUNTIME_NAMES and sum(in_goldens.values()) > len(in_goldens)


def test_goldens_call_only_the_small_runtime():
    called = {name for path in GOLDEN.glob("*/*.py")
              for name in re.findall(r"\b_rt\.(\w+)", path.read_text())}
    assert called <= RUNTIME_NAMES, f"runtime helpers new to generated code: {called - RUNTIME_NAMES}"
