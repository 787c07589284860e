"""Which generated statement first goes wrong, for derivatives tangentish generated.

Runs the generated forward-mode function (``tangentish.jvp``) once along a seeded direction and
records the final value of every variable; runs it again at ``x + h u`` and ``x - h u``.  For each
statement ``v = ...`` that has a tangent ``v_dot``, in the order the function computes them, the
central difference of ``v`` must match ``v_dot``.  The first one that does not (beyond an error
estimate from two step sizes) is the first wrong statement: its rule is the suspect.

Inside loops the recorded values are those of the last iteration, so the comparison still holds
for the statement that computed them.

What the function stores where comes from the derivative's record: the compiled function's code
(which variable each line stores, read from its instructions) and its text (the line itself);
nothing is re-parsed, and the tangent keywords of the parameters are the record's.
"""

from __future__ import annotations

import dis
import sys
import types
from dataclasses import dataclass
from typing import Any

import numpy as np

from .problem import Problem


@dataclass
class WrongStatement:
    line: int
    primal: str
    tangent: str
    error: float
    shapes: tuple | None = None  # (tangent's shape, value's shape) when they differ

    def describe(self) -> str:
        if self.shapes is not None:
            return (f"first wrong statement (forward mode, generated line {self.line}): "
                    f"`{self.tangent}` has shape {self.shapes[0]} where `{self.primal}` has "
                    f"{self.shapes[1]}; check the rule of that operation")
        return (f"first wrong statement (forward mode, generated line {self.line}): "
                f"`{self.tangent}` disagrees with finite differences of `{self.primal}` "
                f"(relative error {self.error:.2e}); check the rule of that operation")


def _final_locals(code: types.CodeType, function: Any, *args: Any, **kwargs: Any
                  ) -> dict[str, Any]:
    """Call ``function`` and return the variables of the frame running ``code`` when it returns."""
    captured: dict[str, Any] = {}

    def tracer(frame, event, arg):
        if frame.f_code is not code:
            return None
        if event == "return":
            captured.update(frame.f_locals)
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        function(*args, **kwargs)
    finally:
        sys.settrace(previous)
    return captured


def _stores(code: types.CodeType) -> list[tuple[int, str]]:
    """``(line, variable)`` for every store into a local variable, in the code's order."""
    found, line = [], None
    for instruction in dis.get_instructions(code):
        positions = getattr(instruction, "positions", None)  # Python 3.11+
        if positions is not None:
            line = positions.lineno or line
        elif instruction.starts_line is not None:  # Python 3.10
            line = instruction.starts_line
        if instruction.opname.startswith("STORE_FAST") and line is not None:
            names = instruction.argval if isinstance(instruction.argval, tuple) else \
                (instruction.argval,)  # 3.13 pairs two stores, or a store and a load, in one
            if instruction.opname == "STORE_FAST_LOAD_FAST":
                names = names[:1]
            found += [(line, name) for name in names]
    return found


def _statement_lines(record: Any) -> list[tuple[int, str, str]]:
    """``(line, target, text)`` of the generated function's stores, in the order of its lines."""
    lines = record.text.splitlines()
    return sorted({(line, name, lines[line - 1].strip())
                   for line, name in _stores(record.function.__code__)})


def first_wrong_statement(problem: Problem, seed: int) -> WrongStatement | None:
    """Localise a failing tangentish derivative to a generated statement (or ``None``)."""
    from .. import api

    wrt = problem.positions[0] if problem.single else problem.positions
    forward = api.jvp(problem.f, wrt=wrt)
    record = forward.record
    rng = np.random.default_rng(seed)
    keywords = [record.tangents[spec.name] for spec in problem.specs]
    base = [np.asarray(problem.args[p], dtype=np.float64) for p in problem.positions]
    directions = [rng.standard_normal(b.shape) for b in base]
    tangents = {k: u if b.shape else float(u)
                for k, u, b in zip(keywords, directions, base, strict=True)}

    def run(scale: float) -> dict[str, Any]:
        args = list(problem.args)
        for position, b, u in zip(problem.positions, base, directions, strict=True):
            moved = b + scale * u
            args[position] = moved if b.shape else float(moved)
        return _final_locals(record.function.__code__, forward, *args, **tangents)

    scale = max(1.0, max(float(np.max(np.abs(b))) if b.size else 0.0 for b in base))
    h = 1e-5 * scale
    centre, plus, minus = run(0.0), run(h), run(-h)
    plus2, minus2 = run(h / 2), run(-h / 2)
    stores = _statement_lines(record)
    statements = {target: (line, text) for line, target, text in stores}
    for line, target, text in stores:
        tangent = f"{target}_dot"
        if tangent not in centre or not _numeric(centre.get(target)):
            continue
        tangent_line = statements.get(tangent, (line, tangent))
        shapes = (np.shape(centre[tangent]), np.shape(centre[target]))
        if shapes[0] != shapes[1]:  # what checked mode asserts, found here without it
            return WrongStatement(tangent_line[0], text, tangent_line[1], float("nan"), shapes)
        try:
            coarse = (np.asarray(plus[target]) - np.asarray(minus[target])) / (2 * h)
            fine = (np.asarray(plus2[target]) - np.asarray(minus2[target])) / h
            claimed = np.asarray(centre[tangent], dtype=np.float64)
            error = float(np.max(np.abs(claimed - fine)))
        except (KeyError, TypeError, ValueError):
            continue
        allowed = 10 * float(np.max(np.abs(fine - coarse))) + 1e-7 * (
            1.0 + float(np.max(np.abs(fine))))
        if error > allowed:
            size = 1.0 + float(np.max(np.abs(fine)))
            return WrongStatement(tangent_line[0], text, tangent_line[1], error / size)
    return None


def _numeric(value: Any) -> bool:
    try:
        return np.issubdtype(np.asarray(value).dtype, np.floating)
    except (TypeError, ValueError):
        return False
