"""The points-to analysis (passes/points_to.py): nested loops cost rounds linear in their depth,
and starting a loop's fixpoint where its last one ended gives the sets a fixpoint from scratch
gives, on seeded random programs of nested loops, branches, breaks and containers."""

from __future__ import annotations

import random

import gast
import pytest

from tangentish.passes.points_to import PointsTo

NAMES = "abcde"


def _fresh(node: gast.expr) -> bool:
    return node.__class__ is not gast.Call or getattr(node.func, "attr", "") == "zeros"


class _Cold(PointsTo):
    """The analysis as it was: every loop's fixpoint from its entry sets alone."""

    def _loop(self, stmt, state):
        self._entries.pop(id(stmt), None)
        return super()._loop(stmt, state)


class _Counted(PointsTo):
    visits = 0

    def _stmt(self, stmt, state):
        self.visits += 1
        return super()._stmt(stmt, state)


def _simple(rng: random.Random) -> str:
    x, y, z = (rng.choice(NAMES) for _ in range(3))
    return rng.choice([f"{x} = {y}", f"{x} = {y}[1:]", f"{x} = np.zeros(3)", f"t.append({x})",
                       f"{x} = [{y}, {z}]", f"{x} = g({y})", f"{x} = {y} * {z}",
                       f"{x}[0] = {y}", f"{x} += {y}", f"{x} = {y} if c else {z}"])


def _block(rng: random.Random, depth: int, indent: str, in_loop: bool) -> list[str]:
    lines = []
    for _ in range(rng.randint(1, 4)):
        draw = rng.random()
        if depth and draw < 0.3:
            head = f"for {rng.choice(NAMES)} in {rng.choice(NAMES)}:" if rng.random() < 0.5 \
                else "while c:"
            lines += [indent + head, *_block(rng, depth - 1, indent + "    ", True)]
        elif depth and draw < 0.45:
            lines += [indent + "if c:", *_block(rng, depth - 1, indent + "    ", in_loop),
                      indent + "else:", *_block(rng, depth - 1, indent + "    ", in_loop)]
        elif in_loop and draw < 0.5:
            lines.append(indent + rng.choice(["break", "continue"]))
        else:
            lines.append(indent + _simple(rng))
    return lines


def _program(seed: int) -> list[gast.stmt]:
    rng = random.Random(f"points-to:{seed}")
    return gast.parse("\n".join(_block(rng, 4, "", False))).body


def _sites(found: PointsTo, body: list[gast.stmt]):
    """The sets with sites named by statement position (ids differ between two parses)."""
    order = {id(s): k for k, s in enumerate(gast.walk(gast.Module(body, [])))}
    order.update({-1: -1, -2: -2})

    def named(state):
        return {n: sorted(order[s] for s in sites) for n, sites in state.items()}

    return named(found.after), {order[k]: named(s) for k, s in found.before.items()}


@pytest.mark.parametrize("seed", range(120))
def test_warm_loops_give_the_sets_of_a_cold_fixpoint(seed):
    body = _program(seed)
    warm = PointsTo(body, {"a", "t"}, fresh=_fresh).run()
    cold = _Cold(body, {"a", "t"}, fresh=_fresh).run()
    assert _sites(warm, body) == _sites(cold, body)
    assert warm.escaped == cold.escaped


@pytest.mark.parametrize("seed", range(20))
def test_watch_keeps_only_those_statements_before(seed):
    body = _program(seed)
    every = PointsTo(body, {"a", "t"}, fresh=_fresh).run()
    watch = {id(s) for s in gast.walk(gast.Module(body, [])) if isinstance(s, gast.stmt)}
    watch = set(sorted(watch)[::3])
    some = PointsTo(body, {"a", "t"}, fresh=_fresh, watch=watch).run()
    assert some.after == every.after
    assert some.before == {k: v for k, v in every.before.items() if k in watch}


def test_nested_loops_cost_rounds_linear_in_depth():
    # every level binds `a` anew and the innermost grows it: a cold fixpoint took two rounds at
    # every level each time it was entered, 2 ** depth (fuzz seed 2000 program 13's gradient of
    # a gradient spent 11 s here)
    depth, lines = 8, []
    for level in range(depth):
        indent = "    " * level
        lines += [f"{indent}a = np.zeros(3)", f"{indent}for i{level} in x:"]
    lines.append("    " * depth + "a = [a, x]")
    body = gast.parse("\n".join(lines)).body
    counted = _Counted(body, {"x"}, fresh=_fresh).run()
    cold = _Counted.__new__(type("_ColdCounted", (_Cold, _Counted), {}))
    cold.__init__(body, {"x"}, fresh=_fresh)
    cold.run()
    assert _sites(counted, body) == _sites(cold, body)
    assert counted.visits <= 12 * depth, counted.visits
    assert cold.visits >= 2 ** depth  # (what the test guards against)
