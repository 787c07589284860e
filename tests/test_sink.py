"""passes/sink.py, passes/copy_reads.py and passes/webs.py: the copies share_versions could not
coalesce.

A binding moves below the last read of the version it overwrites only past statements it
commutes with: one table row per reason a move is refused (each would change a value), one per
kind of statement it may pass.  Reads of a copy read its source only where that is the value
they read: one row per reason it is refused.  Over the control-flow zoo in every mode, the two
change no result bit for bit (they only reorder and rename, so any difference is a wrong move or
rename), and the runtime's list of helpers that change their arguments is checked against the
runtime's code.  A name splits into webs only where no read joins them, and a split that lets no
copy go leaves the text as it was.
"""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import gast
import pytest
from test_control_flow import CASES
from test_versions import assert_same_without, same

from tangentish import ir
from tangentish.passes import versions
from tangentish.passes.copy_reads import read_through_copies
from tangentish.passes.derivative import Derivative
from tangentish.passes.generate import generate
from tangentish.passes.sink import RUNTIME_WRITES, Pure, sink_below_reads
from tangentish.passes.versions import share_versions
from tangentish.passes.walks import Walks
from tangentish.passes.webs import split_webs
from tangentish.syntax.naming import Namer

RUNTIME = Path(__file__).resolve().parent.parent / "tangentish" / "runtime"


def _function(source: str) -> gast.FunctionDef:
    return gast.parse(textwrap.dedent(source)).body[0]


def _text(node: gast.FunctionDef, tape: str | None = "_tape") -> str:
    fn = Derivative(node.name, node.args, node.body, Namer(set()), tape=tape)
    text = generate(fn, "")
    return "\n".join(line for line in text.splitlines() if '"""' not in line) + "\n"


def shared(source: str) -> str:
    node = _function(source)
    share_versions(Derivative(node.name, node.args, node.body, Namer(set()), tape="_tape"))
    return _text(node)


def test_a_taped_version_is_pushed_before_the_next_is_bound():
    assert shared("""
        def f(x, n):
            _tape = []
            s_1 = 0.0
            for i in range(n):
                s_2 = s_1
                v = x[i]
                s_1 = s_2 + v
                _tape.append((v, _rt.like(s_2)))
            return s_1
        """) == same("""
        def f(x, n):
            _tape = []
            s_1 = 0.0
            for i in range(n):
                v = x[i]
                _tape.append((v, _rt.like(s_1)))
                s_1 = s_1 + v
            return s_1
        """)


def test_an_adjoint_is_bound_after_the_last_read_of_the_one_it_replaces():
    assert shared("""
        def f(x, n, s_1_bar, _tape):
            for i in range(n):
                v, s_2 = _tape.pop()
                s_2_bar = _rt.unbroadcast(s_1_bar, s_2)
                v_bar = _rt.unbroadcast(s_1_bar, v) * 2.0
                if v_bar > 0:
                    w = v_bar * 3.0
                else:
                    w = v_bar
                x[i] += w
                s_1_bar = s_2_bar
            return x
        """) == same("""
        def f(x, n, s_1_bar, _tape):
            for i in range(n):
                v, s_2 = _tape.pop()
                v_bar = _rt.unbroadcast(s_1_bar, v) * 2.0
                s_1_bar = _rt.unbroadcast(s_1_bar, s_2)
                if v_bar > 0:
                    v_bar = v_bar * 3.0
                x[i] += v_bar
            return x
        """)


def test_a_move_that_lets_no_copy_go_is_undone(monkeypatch):
    # s_1 = q + 1.0 may pass the push reading s_2, but s_1 = s_2 * 2.0 may not (helper reads
    # s_1 before it): s_2 = s_1 stays, and so does the order of the statements
    source = """
        def f(x, n):
            _tape = []
            s_1 = 0.0
            for i in range(n):
                s_2 = s_1
                s_1 = s_2 * 2.0
                q = helper(s_1)
                s_1 = q + 1.0
                _tape.append(s_2)
            return s_1
        """
    moved = shared(source)
    monkeypatch.setattr(versions, "sink_below_reads", lambda *args: [])
    assert moved == shared(source) and "s_2 = s_1" in moved


# Each row: statements after ``n = e`` (the binding, first) and before the last read of ``m``
# (``m`` is read by the last statement): a move of the binding below them would change a value.
REFUSED = {
    "reads the bound name": ("n = m + a", ["t = n * 2.0"]),
    "binds an operand": ("n = m + a", ["a = t * 2.0"]),
    "deletes an operand": ("n = m + a", ["del a"]),
    "deletes the bound name": ("n = m + a", ["del n"]),
    "writes into an object": ("n = m + a", ["t[0] = 1.0"]),
    "adds into an object": ("n = m + a", ["t[0] += 1.0"]),
    "changes a name in place": ("n = m + a", ["t += a"]),
    "sets an attribute": ("n = m + a", ["t.field = 1.0"]),
    "calls an unknown function": ("n = m + a", ["t = helper(a)"]),
    "calls a method": ("n = m + a", ["t = a.copy()"]),
    "calls a runtime helper changing its argument": ("n = m + a",
                                                     ["t = _rt.add_at(t, a, a, 0)"]),
    "calls NumPy with out=": ("n = m + a", ["t = np.add(a, a, out=a)"]),
    "calls NumPy changing an argument": ("n = m + a", ["t = np.copyto(a, m)"]),
    "reads a property": ("n = m + a", ["t = a.weights"]),
    "leaves the block": ("n = m + a", ["if t:\n    break"]),
    "returns": ("n = m + a", ["if t:\n    return a"]),
    "loops": ("n = m + a", ["for i in range(3):\n    t = a * i"]),
    "holds a statement that may not be passed": ("n = m + a", ["if t:\n    t[0] = 1.0"]),
    "tests with an unknown call": ("n = m + a", ["if helper(t):\n    u = a"]),
    "is an expression statement": ("n = m + a", ["print(a)"]),
    "the binding calls an unknown function": ("n = helper(m)", ["t = a * 2.0"]),
    "the binding calls a runtime helper changing its argument": (
        "n = _rt.zero_index(m, 0)", ["t = a * 2.0"]),
    "the binding draws random numbers": ("n = np.random.rand() + m", ["t = a * 2.0"]),
    "the binding reads a property": ("n = m.weights", ["t = a * 2.0"]),
    "the binding binds in an expression": ("n = (k := m)", ["t = a * 2.0"]),
    "the binding reads the tape": ("n = len(_tape) + m", ["_tape.append(a)"]),
    "the binding pops the tape": ("n = _tape.pop()", ["_tape.append(m)"]),
}


def _sunk(binding: str, between: list[str], comment: bool = False) -> tuple[list, list]:
    lines = [binding, *between, "u = m * 3.0", "m = u"]
    body = gast.parse("\n".join(lines)).body
    if comment:
        body.insert(1, ir.Comment("adjoint of: y = x"))
    moves = sink_below_reads(body, [(body[0], "m")], Walks(), Pure())
    return body, moves


@pytest.mark.parametrize("binding, between", REFUSED.values(), ids=list(REFUSED))
def test_a_binding_never_passes_a_statement_it_does_not_commute_with(binding, between):
    body, moves = _sunk(binding, between)
    assert moves == [] and gast.dump(body[0]) == gast.dump(gast.parse(binding).body[0])


def test_a_binding_stays_under_its_provenance_comment():
    body, moves = _sunk("n = m + a", [], comment=True)
    assert moves == [] and isinstance(body[1], ir.Comment)


PASSED = {
    "arithmetic and subscripts": ["t = a[0] * 2.0 + a.T.shape[0]"],
    "NumPy and the runtime": ["t = _rt.unbroadcast(np.sin(a), a)"],
    "a tape push": ["_tape.append((a, _rt.like(m)))"],
    "a tape pop": ["t, w = _tape.pop()"],
    "a branch of such statements": ["if a > 0:\n    t = a\nelse:\n    t = -a"],
    "a deletion": ["del t"],
}


@pytest.mark.parametrize("between", PASSED.values(), ids=list(PASSED))
def test_a_binding_passes_the_statements_it_commutes_with(between):
    body, moves = _sunk("n = m + a", between)
    assert len(moves) == 1 and gast.dump(body[-2]) == gast.dump(gast.parse("n = m + a").body[0])


def test_no_move_where_the_other_name_is_still_read_after_the_block():
    body = gast.parse("if c:\n    n = m + a\n    t = m * 2.0\nu = m + n").body
    assert sink_below_reads(body, [(body[0].body[0], "m")], Walks(), Pure()) == []


def read_through(source: str) -> str:
    node = _function(source)
    read_through_copies(node.body, Walks(), {a.id for a in node.args.args}, Pure())
    return _text(node, None)


def test_reads_of_a_copy_in_a_loop_read_its_source():
    source = """
        def f(x, n, g):
            h_1_bar = g * 1.0
            for i in range(n):
                d_bar = h_1_bar * x
                h_1_bar = d_bar
                t_bar = d_bar * 0.5
                h_1_bar = h_1_bar + t_bar
            return h_1_bar
        """
    expected = same(source).replace("= h_1_bar + t_bar", "= d_bar + t_bar")
    assert read_through(source) == expected.replace("        h_1_bar = d_bar\n", "")


# Each row: the body, after ``b = x * 2.0``, of a function with a copy ``a = b`` between two
# variables whose reads must stay reads of ``a`` (reading ``b`` there would read another value,
# or lose the name a reader looks for).
KEPT = {
    "a return reads it": ["a = b", "c = b * 3.0", "return a + c"],
    "the source is bound again before a read": ["a = b", "b = x * 3.0", "c = a + b", "a = c",
                                                "return a"],
    "a branch binds it": ["a = b", "c = b * 3.0", "if t:", "    a = c", "return a"],
    "a branch binds the source": ["a = b", "if t:", "    b = x", "c = a * b", "a = c",
                                  "return a"],
    "it is changed by op=": ["a = b", "c = b * 3.0", "a += c", "return a"],
    "it is handed to a runtime helper changing its argument where nothing else holds it": [
        "a = b", "a = _rt.zero_index(a, 0)", "c = a + b * 2.0", "return c"],
    "it is handed to NumPy with out=": ["a = b", "d = np.add(a, x, out=a)", "a = d * b",
                                        "return a"],
    "it is read around the loop": ["a = b", "for i in range(n):", "    b = a * 2.0", "    a = b",
                                   "    c = b * 3.0", "return a + c"],
}


@pytest.mark.parametrize("lines", KEPT.values(), ids=list(KEPT))
def test_reads_of_a_copy_stay_where_the_source_may_hold_another_value(lines):
    source = "\n".join(["def f(x, t, n):", "    b = x * 2.0", *(f"    {line}" for line in lines)])
    assert read_through(source) == same(source + "\n")


# Each row: a function body (after ``def f(x, c):``) whose name ``s`` keeps one name throughout.
ONE_WEB = {
    "read around a loop": ["s = x * 2.0", "for i in range(3):", "    s = s + 1.0", "return s"],
    "read after a branch that may not bind it": ["s = x * 2.0", "if c:", "    s = x * 3.0",
                                                 "return s"],
    "a loop target": ["for s in range(3):", "    y = x * s", "for s in range(2):",
                      "    y = y * s", "return y"],
    "a parameter": ["y = c * 2.0", "c = y * 3.0", "return c"],
}


@pytest.mark.parametrize("lines", ONE_WEB.values(), ids=list(ONE_WEB))
def test_a_name_whose_values_a_read_may_join_is_one_web(lines):
    node = _function("\n".join(["def f(x, c):", *(f"    {line}" for line in lines)]))
    assert split_webs(node.body, Walks(), {"x", "c"}) == {}


def test_a_deletion_stays_with_the_web_it_ends():
    node = _function("""
        def f(x):
            s = x * 2.0
            y = s + 1.0
            del s
            s = y * 3.0
            return s
        """)
    assert split_webs(node.body, Walks(), {"x"}) == {"s_1": "s"}
    assert _text(node).splitlines()[3:] == ["    del s", "    s_1 = y * 3.0", "    return s_1"]


def test_webs_that_let_no_copy_go_keep_their_name():
    source = """
        def f(x):
            s = x * 2.0
            y = s + 1.0
            s = y * 3.0
            z = s * 2.0
            return z
        """
    assert shared(source) == same(source)


def test_a_web_of_its_own_lets_the_value_copy_go():
    # the pop rebinds t_1 in the adjoint: as one name, t_1 and value interfere
    lines = ["def f(x, n):", "    _tape = []", "    t_1 = 1.0", "    for k in range(n):",
             "        t_1 = t_1 * x", "        _tape.append(t_1)", "    value = t_1",
             "    g = 1.0", "    for k in range(n):", "        t_1 = _tape.pop()",
             "        g = g * t_1", "    return value, g"]
    expected = [*lines[:6], *lines[7:9], "        t_2 = _tape.pop()", "        g = g * t_2",
                "    return t_1, g"]
    assert shared("\n".join(lines)) == "\n".join(expected) + "\n"


def _changes_an_argument(fn: ast.FunctionDef, writers: set[str]) -> bool:
    """Whether the runtime function ``fn`` may change an argument: writes into one, calls a
    mutating method of one, or passes one first to a function that does."""
    params = {a.arg for a in (*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs)}
    for node in ast.walk(fn):
        targets = getattr(node, "targets", None) or [getattr(node, "target", None)]
        for each in targets:
            while isinstance(each, (ast.Subscript, ast.Attribute)):
                each = each.value
                if isinstance(each, ast.Name) and each.id in params:
                    return True
        if isinstance(node, ast.Call):
            func, first = node.func, node.args[0] if node.args else None
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and \
                    func.value.id in params and func.attr in (
                        "append", "pop", "extend", "insert", "remove", "clear", "sort", "fill",
                        "resize", "setflags", "update", "setdefault", "popitem", "put",
                        "reverse", "itemset"):
                return True
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if isinstance(first, ast.Name) and first.id in params and (
                    name in writers or ast.unparse(func) in ("np.add.at", "np.copyto")):
                return True
    return False


def test_the_runtime_helpers_that_change_an_argument_are_all_listed():
    functions = [node for path in sorted(RUNTIME.glob("*.py"))
                 for node in ast.parse(path.read_text()).body
                 if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")]
    writers: set[str] = set()
    while True:  # (a helper handing its argument to one that changes it changes it too)
        found = {fn.name for fn in functions if _changes_an_argument(fn, writers)}
        if found <= writers:
            break
        writers |= found
    assert writers and writers <= RUNTIME_WRITES, sorted(writers - RUNTIME_WRITES)


@pytest.mark.parametrize("fn, args, wrt", CASES, ids=[
    f"{fn.__name__}-{i}" for i, (fn, _, _) in enumerate(CASES)])
def test_every_mode_gives_bit_for_bit_what_it_gives_without_moves_reads_and_webs(
        fn, args, wrt, monkeypatch):
    def disable():
        monkeypatch.setattr(versions, "sink_below_reads", lambda *args: [])
        monkeypatch.setattr(versions, "read_through_copies", lambda *args: None)
        monkeypatch.setattr(versions, "split_webs", lambda *args: {})

    assert_same_without(fn, args, wrt, disable)
