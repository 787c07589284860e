"""Localising a failed directional check to a single element of an argument.

Small arguments (at most ``COLUMN_LIMIT`` elements) are checked column by column:
one finite-difference line per element.  Larger ones are bisected: the failing
random direction is masked to each half of the remaining index set, the half with the
larger (relative) discrepancy is kept, and the last few indices are checked as
columns.  Because derivatives are linear in the direction, the discrepancies of the
two halves add up to that of the whole, so a single wrong element is found with about
``8 * log2(n)`` evaluations (plus refinement of the failing probes).

Directions crossing kinks are split the same way by :func:`scan_kinks`, which finds
the kinked elements and gives every kink-free part the ordinary, tight test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .finite_diff import Line
from .problem import ArgSpec
from .report import ElementReport
from .verdict import ADValue, Tolerance, Verdict, judge

#: Arguments up to this size are localised column by column.
COLUMN_LIMIT = 64
#: Bisection stops when this many candidate indices remain.
BISECT_LEAF = 4
#: Most directional checks spent splitting a kinked direction (see scan_kinks).
KINK_BUDGET = 256

ADFn = Callable[[np.ndarray], ADValue]
LineFn = Callable[[np.ndarray], Line]


def column_direction(spec: ArgSpec, flat_index: int) -> np.ndarray:
    """The unit vector for one element, scaled like the relative steps."""
    direction = np.zeros(spec.shape)
    direction.flat[flat_index] = spec.scale.flat[flat_index]
    return spec.representable(direction)


def _check(direction: np.ndarray, ad_fn: ADFn, line_fn: LineFn, tol: Tolerance) -> Verdict:
    return judge(line_fn(direction), ad_fn(direction), tol)


def columns(spec: ArgSpec, indices, ad_fn: ADFn, line_fn: LineFn,
            tol: Tolerance) -> list[tuple[int, Verdict, float]]:
    """(flat index, verdict, direction component) for each requested element."""
    results = []
    for i in indices:
        direction = column_direction(spec, int(i))
        verdict = _check(direction, ad_fn, line_fn, tol)
        results.append((int(i), verdict, float(direction.flat[int(i)])))
    return results


def _index(spec: ArgSpec, flat: int) -> tuple[int, ...]:
    return tuple(int(k) for k in np.unravel_index(flat, spec.shape))


def _element(spec: ArgSpec, i: int, verdict: Verdict, component: float) -> ElementReport:
    return ElementReport(_index(spec, i), verdict.ad / component, verdict.fd / component,
                         verdict.tolerance / abs(component), verdict.step * abs(component))


def worst_element(spec: ArgSpec, indices, ad_fn: ADFn, line_fn: LineFn,
                  tol: Tolerance) -> ElementReport | None:
    """The failing element with the largest discrepancy relative to its tolerance."""
    results = columns(spec, indices, ad_fn, line_fn, tol)
    failing = [r for r in results if not r[1].passed]
    if not failing:
        return None
    i, verdict, component = max(failing, key=lambda r: r[1].ratio)
    return _element(spec, i, verdict, component)


def _masked(direction: np.ndarray, indices: np.ndarray) -> np.ndarray:
    masked = np.zeros_like(direction)
    masked.flat[indices] = direction.flat[indices]
    return masked


def bisect(spec: ArgSpec, direction: np.ndarray, ad_fn: ADFn, line_fn: LineFn,
           tol: Tolerance, indices=None) -> tuple[np.ndarray, str]:
    """Narrow the failing direction down to a few indices (and a note if ambiguous)."""
    indices = np.arange(spec.size) if indices is None else indices
    while indices.size > BISECT_LEAF:
        halves = np.array_split(indices, 2)
        verdicts = [_check(_masked(direction, h), ad_fn, line_fn, tol) for h in halves]
        if all(v.passed for v in verdicts):
            note = (f"the discrepancy is spread over {indices.size} elements "
                    f"(flat indices {indices[0]}..{indices[-1]}); no single element stands out")
            return indices, note
        indices = halves[int(np.argmax([v.ratio for v in verdicts]))]
    return indices, ""


def locate(spec: ArgSpec, direction: np.ndarray, ad_fn: ADFn, line_fn: LineFn,
           tol: Tolerance, indices=None) -> tuple[ElementReport | None, str]:
    """The worst element of a failing argument (or index subset), or None and a note."""
    indices = np.arange(spec.size) if indices is None else indices
    note = ""
    if indices.size > COLUMN_LIMIT:
        indices, note = bisect(spec, direction, ad_fn, line_fn, tol, indices)
        if indices.size > COLUMN_LIMIT:
            return None, note
    element = worst_element(spec, indices, ad_fn, line_fn, tol)
    if element is None and not note:
        note = "no single element fails on its own (errors only show in combination)"
    return element, note


@dataclass
class KinkScan:
    """Result of splitting a kinked direction into kink-free parts and single kinks."""

    kinks: list[tuple[int, ...]] = field(default_factory=list)
    failures: list[tuple[Verdict, ElementReport | None, str]] = field(default_factory=list)
    complete: bool = True


def scan_kinks(spec: ArgSpec, direction: np.ndarray, ad_fn: ADFn, line_fn: LineFn,
               tol: Tolerance, budget: int = KINK_BUDGET) -> KinkScan:
    """Find the kinked elements along a kinked direction, and check all the others.

    Along a direction crossing many kinks the accepted interval between the one-sided
    slopes is wide enough to hide a wrong element elsewhere.  So the index set is split
    recursively: parts without a kink get the ordinary (tight) test, and failing ones
    are localised; parts with a kink are split until single kinked elements remain.
    At most ``budget`` directional checks are spent (``complete`` tells).
    """
    scan, stack, probes = KinkScan(), [np.arange(spec.size)], 0
    while stack:
        if probes == budget:
            scan.complete = False
            break
        indices = stack.pop()
        probes += 1
        verdict = _check(_masked(direction, indices), ad_fn, line_fn, tol)
        if verdict.slopes is not None and indices.size > 1:
            stack.extend(reversed(np.array_split(indices, 2)))
        elif verdict.slopes is not None:
            i = int(indices[0])
            scan.kinks.append(_index(spec, i))
            if not verdict.passed:
                element = _element(spec, i, verdict, float(direction.flat[i]))
                scan.failures.append((verdict, element, "a wrong value at a kink"))
        elif not verdict.passed:
            element, note = locate(spec, direction, ad_fn, line_fn, tol, indices)
            scan.failures.append((verdict, element, note))
    scan.kinks.sort()
    return scan
