"""The summary of a run: verdicts per mode and per feature, and the distinct refusal, crash and
wrong-value messages with counts.  Messages are normalised so that one mechanism counts once:
quoted names become ``'<name>'``, generated functions ``<generated vjp_forward>``, numbers ``#``.
Sibling modes that build the same derivative (:data:`SIBLINGS`) and were given the same ``wrt``
must refuse alike: one refusing what another accepts is a disagreement, counted apart."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from .checks import normalise, wrong_kind
from .features import NAMES
from .runner import ProgramResult

VERDICTS = ("ok", "wrong", "crash", "refused", "invalid", "nan-value-zero")
SIBLINGS = (("grad", "value_and_grad", "vjp"), ("hvp", "hessian"))


def disagreements(result: ProgramResult) -> list[str]:
    """``mode refused: message (sibling accepted)`` for each refusal of a mode whose sibling, with
    the same ``wrt`` parameters (in any form or order), ran the program."""
    found = []
    for group in SIBLINGS:
        verdicts: dict[tuple[str, ...], dict[str, tuple[str, str]]] = defaultdict(dict)
        for plan, outcome in zip(result.plans, result.outcomes, strict=False):
            if plan is not None and plan.mode in group and outcome.verdict in ("ok", "refused"):
                verdicts[tuple(sorted(plan.names()))][plan.mode] = (outcome.verdict, outcome.detail)
        for same in verdicts.values():
            accepted = sorted(m for m, (v, _) in same.items() if v == "ok")
            found += [f"{m} refused: {normalise(d)} ({accepted[0]} accepted)"
                      for m, (v, d) in sorted(same.items()) if v == "refused" and accepted]
    return found


def signature(mode: str, verdict: str, detail: str, where: str) -> str:
    """What makes two failures the same kind: mode, verdict, the message's shape and the place."""
    text = normalise(detail)
    if verdict in ("wrong", "nan-value-zero"):
        text = re.sub(r"\[[^\]]*\]", "", text.split(":")[0]) + ": " + wrong_kind(detail)
    return f"{mode} {verdict}: {text} @ {normalise(where)}" if where else f"{mode} {verdict}: {text}"


class Summary:
    def __init__(self) -> None:
        self.by_mode: dict[str, Counter] = defaultdict(Counter)
        self.by_feature: dict[str, Counter] = defaultdict(Counter)
        self.programs: Counter = Counter()
        self.messages: dict[str, Counter] = {v: Counter() for v in ("refused", "crash", "wrong",
                                                                     "nan-value-zero")}
        self.invalid: Counter = Counter()
        self.rejections: Counter = Counter()
        self.examples: dict[str, tuple[ProgramResult, int]] = {}
        self.disagreements: Counter = Counter()
        self.disagreeing: dict[str, int] = {}  # the first program of each

    def add(self, result: ProgramResult) -> None:
        self.programs["total"] += 1
        self.rejections.update(result.rejections)
        if all(o.verdict == "invalid" for o in result.outcomes):
            self.programs["invalid"] += 1
        for i, outcome in enumerate(result.outcomes):
            self.by_mode[outcome.mode][outcome.verdict] += 1
            for feature in result.program.features:
                self.by_feature[feature][outcome.verdict] += 1
            if outcome.verdict == "invalid":
                self.invalid[normalise(outcome.detail)] += 1
            elif outcome.verdict != "ok":
                key = signature(outcome.mode, outcome.verdict, outcome.detail, outcome.where)
                self.messages[outcome.verdict][key] += 1
                self.examples.setdefault(key, (result, i))
        for key in disagreements(result):
            self.disagreements[key] += 1
            self.disagreeing.setdefault(key, result.program.index)

    @property
    def failures(self) -> int:
        return sum(c["wrong"] + c["crash"] for c in self.by_mode.values())

    def render(self, top: int = 40) -> str:
        lines = [f"programs: {self.programs['total']} ({self.programs['invalid']} invalid in every mode)", ""]
        lines += _table("mode", self.by_mode, list(self.by_mode), total=True)
        lines += ["", *_table("feature", self.by_feature, [n for n in NAMES if n in self.by_feature])]
        for verdict, title in (("wrong", "wrong results"), ("crash", "crashes"), ("refused", "refusals"),
                               ("nan-value-zero", "NaNs from value zeros (by design: fuzz/value_zero.py)")):
            counts = self.messages[verdict]
            lines += ["", f"{title}: {sum(counts.values())} checks, {len(counts)} distinct"]
            lines += [f"{n:6d}  {m}  [program {self.examples[m][0].program.index}]"
                      for m, n in counts.most_common(top)]
            if len(counts) > top:
                lines.append(f"        ... {len(counts) - top} more")
        lines += ["", f"sibling modes disagreeing: {sum(self.disagreements.values())}"]
        lines += [f"{n:6d}  {m}  [program {self.disagreeing[m]}]"
                  for m, n in self.disagreements.most_common(top)]
        lines += ["", f"invalid checks: {sum(self.invalid.values())}"]
        lines += [f"{n:6d}  {m}" for m, n in self.invalid.most_common(top)]
        lines += ["", "rejected points: " + ", ".join(f"{r} {n}" for r, n in self.rejections.most_common())]
        return "\n".join(lines)


def _table(title: str, rows: dict[str, Counter], order: Iterable[str], total: bool = False) -> list[str]:
    widths = [max(9, len(v) + 1) for v in VERDICTS]
    head = f"{title:<16}{'checks':>8}" + "".join(f"{v:>{w}}" for v, w in zip(VERDICTS, widths, strict=True))
    lines = [head, "-" * len(head)]
    sums: Counter = Counter()
    for name in order:
        counts = rows[name]
        sums.update(counts)
        lines.append(f"{name:<16}{sum(counts.values()):>8}" +
                     "".join(f"{counts[v]:>{w}}" for v, w in zip(VERDICTS, widths, strict=True)))
    if total:
        lines.append(f"{'total':<16}{sum(sums.values()):>8}" +
                     "".join(f"{sums[v]:>{w}}" for v, w in zip(VERDICTS, widths, strict=True)))
    return lines
