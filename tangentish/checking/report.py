"""Result types of a gradient check and their human-readable descriptions."""

from __future__ import annotations

from dataclasses import dataclass, field

from .verdict import Verdict

_MODE_WORDS = {
    "rev": "reverse-mode AD",
    "fwd": "forward-mode AD",
    "order2": "second-order AD (Hessian-vector product)",
}
_QUANTITY = {
    "rev": "<J^T v, u>",
    "fwd": "<v, J u>",
    "order2": "<H w, u>",
}


class GradientCheckError(AssertionError):
    """A derivative disagrees with finite differences (or forward with reverse mode)."""

    def __init__(self, message: str, report: CheckReport):
        super().__init__(message)
        self.report = report


class NonDifferentiablePoint(UserWarning):
    """The function has a kink at (or within one step of) the point being checked."""


def _g(x: float) -> str:
    return f"{x:.6g}"


@dataclass(frozen=True)
class CheckRecord:
    """One comparison: a mode, an argument, a random projection and its outcome."""

    kind: str  # "rev", "fwd", "dot", "order2" or "shape"
    source: str  # which derivative was tested, e.g. "grad=" or "tangentish.grad"
    argnum: int
    argname: str
    projection: int
    status: str  # "ok", "fail", "kink" or "inconclusive"
    ad: float
    fd: float
    abs_err: float
    rel_err: float
    tolerance: float
    fd_error: float
    step: float
    slopes: tuple[float, float] | None = None
    detail: str = ""
    ad_native: float | None = None  # AD in the caller's dtypes when ``ad`` is float64

    @classmethod
    def from_verdict(cls, kind, source, spec, projection, verdict: Verdict) -> CheckRecord:
        return cls(kind, source, spec.position, spec.name, projection, verdict.status,
                   verdict.ad, verdict.fd, verdict.abs_err, verdict.rel_err,
                   verdict.tolerance, verdict.fd_error, verdict.step, verdict.slopes,
                   ad_native=verdict.native)

    @property
    def ok(self) -> bool:
        return self.status != "fail"

    @property
    def where(self) -> str:
        return f"argument {self.argnum} ({self.argname!r})"


@dataclass(frozen=True)
class ElementReport:
    """The worst single element found by localisation (a derivative component)."""

    index: tuple[int, ...]
    ad: float
    fd: float
    tolerance: float
    step: float

    @property
    def abs_err(self) -> float:
        return abs(self.ad - self.fd)

    @property
    def rel_err(self) -> float:
        denom = abs(self.fd) or abs(self.ad)
        return self.abs_err / denom if denom else 0.0

    def describe(self) -> str:
        return (f"worst element: index {self.index}: AD = {_g(self.ad)}, finite differences = "
                f"{_g(self.fd)}, abs error {_g(self.abs_err)}, rel error {_g(self.rel_err)}, "
                f"allowed {_g(self.tolerance)}, step h = {_g(self.step)}")


@dataclass(frozen=True)
class Kink:
    """A non-differentiable point seen along a direction (and, if located, its elements)."""

    kind: str  # "first" or "second" order
    argnum: int
    argname: str
    projection: int
    backward: float  # one-sided slope from below along the direction
    forward: float  # one-sided slope from above
    ad: float
    indices: tuple[tuple[int, ...], ...] = ()


@dataclass(frozen=True)
class Failure:
    """A failed record, with the localised element when one could be found."""

    record: CheckRecord
    element: ElementReport | None = None
    note: str = ""
    brief: bool = False  # a repeat for an argument already described in full

    @property
    def message(self) -> str:
        return describe_failure(self)


@dataclass
class CheckReport:
    """Everything a check found; ``ok`` is False when any record failed."""

    ok: bool
    failures: list[Failure]
    kinks: list[Kink]
    evaluations: int  # calls of f
    derivative_calls: int  # calls of the derivative functions under test
    records: list[CheckRecord]
    seed: int
    notes: list[str] = field(default_factory=list)
    reproduce: str = ""
    function: str = "f"

    def summary(self) -> str:
        checks = len(self.records)
        if self.ok:
            head = (f"Gradient check of {self.function} passed (seed={self.seed}): {checks} "
                    f"checks, {self.evaluations} evaluations of f.")
        else:
            head = (f"Gradient check of {self.function} failed (seed={self.seed}): "
                    f"{len(self.failures)} of {checks} checks failed.")
        lines = [head]
        lines += [f.message for f in self.failures]
        lines += [describe_kink(k) for k in self.kinks]
        lines += [f"note: {n}" for n in self.notes]
        lines.append(f"Reproduce: {self.reproduce}")
        return "\n".join(lines)

    __str__ = summary


def _numbers(r: CheckRecord) -> str:
    return (f"abs error {_g(r.abs_err)}, rel error {_g(r.rel_err)}, allowed {_g(r.tolerance)} "
            f"(finite-difference error estimate {_g(r.fd_error)})")


def describe_failure(failure: Failure) -> str:
    r = failure.record
    if r.kind == "shape":
        return f"[shape] {r.detail}"
    if r.kind == "dot":
        text = (f"[dot] {r.where}, projection #{r.projection}: forward mode <v, J u> = {_g(r.ad)}"
                f" but reverse mode <J^T v, u> = {_g(r.fd)} (exact identity, no finite "
                f"differences): abs error {_g(r.abs_err)}, allowed {_g(r.tolerance)}")
        return text
    if failure.brief:
        return (f"[{r.kind}] {r.where}: also fails along random projection #{r.projection}: "
                f"AD {_g(r.ad)}, finite differences {_g(r.fd)}, {_numbers(r)}")
    head = (f"[{r.kind}] {r.where}: {_MODE_WORDS[r.kind]} ({r.source}) disagrees with finite "
            f"differences along random projection #{r.projection}:")
    ad_line = f"    AD (under test): {_QUANTITY[r.kind]} = {_g(r.ad)}"
    if r.ad_native is not None:
        ad_line += (f" (evaluated on float64 copies of the arguments; {_g(r.ad_native)} "
                    "in their own dtypes)")
    lines = [head, ad_line]
    if r.slopes is not None:
        lines.append(f"    finite differences (reference): one-sided slopes backward "
                     f"{_g(r.slopes[0])}, forward {_g(r.slopes[1])} (a kink); AD lies outside")
    else:
        lines.append(f"    finite differences (reference): {_g(r.fd)}")
    lines.append(f"    {_numbers(r)}; step t = {_g(r.step)} along u scaled by max(|x|, 1)")
    if failure.element is not None:
        lines.append("    " + failure.element.describe())
    if failure.note:
        lines.append("    " + failure.note)
    return "\n".join(lines)


def _indices(indices: tuple[tuple[int, ...], ...], limit: int = 8) -> str:
    shown = ", ".join(str(i) for i in indices[:limit])
    more = f", ... ({len(indices)} in all)" if len(indices) > limit else ""
    return f" at element(s) [{shown}{more}]" if indices else ""


def describe_kink(kink: Kink) -> str:
    where = f"argument {kink.argnum} ({kink.argname!r})"
    at = _indices(kink.indices)
    order = "" if kink.kind == "first" else " of the gradient"
    return (f"non-differentiable point{order} in {where}{at}, projection #{kink.projection}: "
            f"one-sided slopes backward {_g(kink.backward)}, forward {_g(kink.forward)}; "
            f"AD value {_g(kink.ad)} lies between them and was accepted")


def kink_warning(kinks: list[Kink], seed: int) -> str:
    """One short sentence per argument with kinks, for the NonDifferentiablePoint warning."""
    groups: dict[tuple, list[Kink]] = {}
    for kink in kinks:
        groups.setdefault((kink.kind, kink.argnum, kink.argname), []).append(kink)
    parts = []
    for (kind, argnum, argname), found in groups.items():
        at = _indices(found[0].indices)
        order = "" if kind == "first" else " (of the gradient)"
        parts.append(f"argument {argnum} ({argname!r}){at}{order}: one-sided slopes differ "
                     f"along {len(found)} random direction(s) and the AD values lie between them")
    return ("non-differentiable point, accepted: " + "; ".join(parts)
            + f" (seed={seed}; see CheckReport.kinks)")
