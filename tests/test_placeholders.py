"""``passes/placeholders.py``: a placeholder ``x = _rt.UNBOUND`` is dropped only where no read can
meet ``x`` unbound.  Random programs of flags, branches, loops with ``break`` and ``continue``,
reads and ``del`` (the shapes an early return's lowering makes, and others) are run on every
input before and after the pass: the same results, never an ``UnboundLocalError`` the
placeholder would have prevented.  (The zoo's early return inside a loop, whose placeholders go,
is in the goldens and checked against finite differences by ``test_control_flow.py``.)"""

from __future__ import annotations

import itertools
import random
import types

import gast

from tangentish.passes.placeholders import drop_placeholders
from tangentish.syntax.printer import function_text

_RT = types.SimpleNamespace(UNBOUND=object())
_INPUTS = list(itertools.product((False, True), (False, True), (0, 1, 3)))


def _block(rng: random.Random, depth: int, loop: bool, indent: str) -> list[str]:
    lines: list[str] = []
    for _ in range(rng.randint(1, 4)):
        lines += _statement(rng, depth, loop, indent)
    return lines


def _statement(rng: random.Random, depth: int, loop: bool, indent: str) -> list[str]:
    flag, other, value = rng.choice("fg"), rng.choice("fg"), rng.choice("vw")
    test = rng.choice(["a", "b", f"not {flag}", flag, "i % 2 == 0" if loop else "a"])
    choices = [f"{value} = {rng.randint(1, 9)}", f"{flag} = {rng.choice(['True', 'False'])}",
               f"{flag} = not {other}", f"{flag} = {other}", f"out.append({value})",
               f"{value} = _rt.UNBOUND", f"out.append({value})"]
    if loop:  # (an early return's lowering: a flag set next to the value, then a break)
        exit_ = rng.choice(["break", "continue"])
        choices += [f"if {test}:\n{indent}    {exit_}",
                    f"if {test}:\n{indent}    {flag} = True\n{indent}    {exit_}",
                    f"if {test}:\n{indent}    {value} = 5\n{indent}    {flag} = True\n{indent}    {exit_}"]
    if depth < 3:
        choices += ["if", "for", "while"]
    choice = rng.choice(choices)
    inner = indent + "    "
    if choice == "if":
        lines = [f"{indent}if {test}:", *_block(rng, depth + 1, loop, inner)]
        return lines + ([f"{indent}else:", *_block(rng, depth + 1, loop, inner)]
                        if rng.random() < 0.5 else [])
    if choice == "for":
        return [f"{indent}for i in range(n):", *_block(rng, depth + 1, True, inner)]
    if choice == "while":  # (ends: its own counter grows each time round, continue included)
        k = f"k{depth}"
        return [f"{indent}{k} = 0", f"{indent}while {k} < n:", f"{inner}{k} = {k} + 1",
                *_block(rng, depth + 1, True, inner)]
    if choice.startswith(f"{value} = 1") and rng.random() < 0.2:
        return [f"{indent}{choice}", f"{indent}del {value}"]
    return [f"{indent}{line}" for line in choice.split(f"\n{indent}")]


def _program(rng: random.Random) -> str:
    body = ["out = []", "f = False", "g = False", "i = 0", "v = _rt.UNBOUND", "w = _rt.UNBOUND"]
    body += _block(rng, 0, False, "")
    body.append(rng.choice(["out.append(v)", "if f:\n    out.append(v)",
                            "t = not g\nif not t:\n    out.append(w)", "out.append(w)"]))
    return "def f(a, b, n):\n" + "\n".join("    " + line.replace("\n", "\n    ")
                                           for line in body + ["return out"])


def _run(text: str) -> list:
    scope: dict = {"_rt": _RT}
    exec(compile(text, "<program>", "exec"), scope)
    results = []
    for args in _INPUTS:
        try:
            results.append(scope["f"](*args))
        except NameError as exc:  # (UnboundLocalError included: what the pass must not cause)
            results.append(type(exc).__name__)
    return results


def test_a_dropped_placeholder_is_never_read():
    rng = random.Random(5830)
    dropped = 0
    for _ in range(150):
        text = _program(rng)
        node = gast.parse(text).body[0]
        before = _run(text)  # (a read after a `del` raises before as after)
        count = drop_placeholders(node.body, "_rt")
        after = function_text(node)
        assert _run(after) == before, f"{text}\n---\n{after}"
        dropped += count
    assert dropped > 50  # (the pass has work in these programs: the test can fail)



# Where the analysis cannot follow a binding, every placeholder stays: a flag bound inside an
# expression, a read in a lambda (it may run at any time), a statement it does not model.
KEPT = [
    "f = False\nv = _rt.UNBOUND\nif (f := a):\n    v = 1\nif f:\n    out.append(v)",
    "v = _rt.UNBOUND\nv = 1\nget = lambda: v\nv = _rt.UNBOUND\nout.append(get())",
    "f = False\nv = _rt.UNBOUND\ntry:\n    v = 1\n    f = True\nexcept ValueError:\n"
    "    pass\nif f:\n    out.append(v)",
]


def test_placeholders_stay_where_bindings_cannot_be_followed():
    for text in KEPT:
        body = "\n".join("    " + line for line in f"out = []\n{text}\nreturn out".split("\n"))
        node = gast.parse(f"def f(a, b, n):\n{body}").body[0]
        assert drop_placeholders(node.body, "_rt") == 0, text
