"""Tables of the benchmark's measurements, for the terminal and for RESULTS.md, and the targets.

A :class:`Row` holds one workload at one size; :class:`Transform` one function's ``grad()`` times.
:func:`tables` turns them into (title, header, lines) tables; :func:`console` and :func:`markdown`
print those; :func:`targets` checks the issue's targets (reported, never asserted).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

PEER_COLUMNS = (("autograd", "autograd"), ("jax", "JAX eager"), ("jax_jit", "JAX jit"),
                ("torch", "PyTorch eager"))


@dataclass
class Row:
    workload: str
    size: int
    size_label: str
    small: bool
    loop_heavy: bool
    detail: str = ""                                            # e.g. iterations actually run
    times: dict[str, float] = field(default_factory=dict)       # candidate -> median seconds
    notes: dict[str, str] = field(default_factory=dict)         # candidate -> why no time / compile
    memory: dict[str, int] = field(default_factory=dict)        # candidate -> peak bytes
    samples: dict[str, list[float]] = field(default_factory=dict)  # candidate -> seconds per round
    rounds: int = 0

    @property
    def label(self) -> str:
        return f"{self.size_label}={self.size:g}" + (f" ({self.detail})" if self.detail else "")

    def ratio(self, candidate: str, base: str = "hand") -> float | None:
        """candidate / base: the median of the per-round ratios when there are samples."""
        if candidate in self.samples and base in self.samples:
            return statistics.median(t / b for t, b in zip(self.samples[candidate],
                                                           self.samples[base], strict=True))
        if candidate in self.times and base in self.times:
            return self.times[candidate] / self.times[base]
        return None


@dataclass
class Transform:
    function: str
    lines: int
    numpy_import: float
    tangentish_import: float
    first_grad: float
    warm_transform: float
    cached_grad: float
    error: str = ""


def seconds(value: float | None) -> str:
    if value is None:
        return "-"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if value >= scale:
            return f"{value / scale:.3g} {unit}"
    return f"{value / 1e-9:.3g} ns"


def times_x(value: float | None) -> str:
    return "-" if value is None else (f"{value:.2f}x" if value < 10 else f"{value:.0f}x")


def mebibytes(value: int | None) -> str:
    if value is None:
        return "-"
    return f"{value / 2**20:.2f} MiB" if value >= 2**20 else f"{value / 2**10:.1f} KiB"


def _time_or_note(row: Row, candidate: str) -> str:
    if candidate in row.times:
        return seconds(row.times[candidate])
    return "failed" if candidate == "tangentish" and candidate in row.notes else "n/a"


def _speedup(row: Row, peer: str) -> str:
    ratio = row.ratio(peer, "tangentish")
    return times_x(ratio) if ratio is not None else "n/a"


def tables(rows: list[Row], transforms: list[Transform], rounds: int) -> list[tuple]:
    run = [(r.workload, r.label, *(_time_or_note(r, c) for c in ("primal", "hand", "tangentish")),
            times_x(r.ratio("tangentish")), *(_time_or_note(r, p) for p, _ in PEER_COLUMNS))
           for r in rows]
    speed = [(r.workload, r.label, "small" if r.small else "", "loop" if r.loop_heavy else "",
              *(_speedup(r, p) for p, _ in PEER_COLUMNS),
              r.notes.get("jax_jit", "") if "jax_jit" in r.times else "")
             for r in rows]
    memory = [(r.workload, r.label, *(mebibytes(r.memory.get(c)) for c in
                                      ("primal", "hand", "tangentish")),
               times_x(r.memory["tangentish"] / r.memory["hand"])
               if r.memory.get("tangentish") and r.memory.get("hand") else "-")
              for r in rows]
    transform = [(t.function, str(t.lines), seconds(t.numpy_import), seconds(t.tangentish_import),
                  seconds(t.first_grad), seconds(t.tangentish_import + t.first_grad),
                  seconds(t.warm_transform), seconds(t.cached_grad)) if not t.error else
                 (t.function, str(t.lines), "-", "-", t.error, "-", "-", "-") for t in transforms]
    peers = [name for _, name in PEER_COLUMNS]
    return [
        (f"Gradient run time per call (median of up to {rounds} interleaved rounds)",
         ("workload", "size", "primal", "hand-written", "tangentish", "tangentish/hand", *peers), run),
        ("tangentish speed-up over each peer (peer time / tangentish time)",
         ("workload", "size", "small", "loop-heavy", *peers, "JAX jit compile"), speed),
        ("Peak memory of one call (tracemalloc)",
         ("workload", "size", "primal", "hand-written", "tangentish", "tangentish/hand"), memory),
        ("First grad() in a fresh process, transform in a warm one, cached grad() (medians)",
         ("function", "lines", "import numpy", "import tangentish", "first grad()",
          "import tangentish + first grad()", "transform (warm)", "cached grad()"), transform),
    ]


def notes(rows: list[Row]) -> list[str]:
    """Every failure and every peer that did not run, once per distinct message and workload."""
    seen, out = set(), []
    for row in rows:
        for candidate, note in row.notes.items():
            if candidate == "jax_jit" and candidate in row.times:
                continue                                  # its compile time, shown in a column
            key = (row.workload, candidate, note)
            if key not in seen:
                seen.add(key)
                out.append(f"{row.workload} {row.label}: {candidate}: {note}")
    return out


def console(table: tuple) -> str:
    title, header, lines = table
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *lines, strict=True)]
    render = lambda cells: "  ".join(str(c).rjust(w) if i > 1 else str(c).ljust(w)  # noqa: E731
                                     for i, (c, w) in enumerate(zip(cells, widths, strict=True)))
    return "\n".join([f"== {title}", render(header), *(render(line) for line in lines)])


def markdown(table: tuple) -> str:
    title, header, lines = table
    out = [f"### {title}", "", "| " + " | ".join(header) + " |",
           "|" + "|".join("---" if i < 2 else "---:" for i in range(len(header))) + "|"]
    out += ["| " + " | ".join(str(c) for c in line) + " |" for line in lines]
    return "\n".join(out)


def _verdict(ok: bool | None) -> str:
    return "not measured" if ok is None else ("met" if ok else "MISSED")


def _worst(pairs: list[tuple[float, Row]], limit: float, above: bool) -> tuple[bool | None, str]:
    if not pairs:
        return None, ""
    bad = [(v, r) for v, r in pairs if (v > limit if above else v < limit)]
    value, row = (max if above else min)(pairs, key=lambda pair: pair[0])
    return not bad, (f"{len(bad)} of {len(pairs)} rows miss it; worst {row.workload} {row.label} "
                     f"at {times_x(value)}")


def targets(rows: list[Row], transforms: list[Transform]) -> list[str]:
    """The issue's targets, each with met/MISSED and the worst case (reported, never asserted)."""
    out = []
    ratio = [(r.ratio("tangentish"), r) for r in rows if r.ratio("tangentish") is not None]
    ok, text = _worst(ratio, 1.1, above=True)
    failed = [f"{r.workload} {r.label}" for r in rows if "tangentish" not in r.times]
    if failed:
        ok, text = False, text + f"; tangentish failed on {', '.join(failed)}"
    out.append(f"tangentish <= 1.1x the hand-written gradient on every row: {_verdict(ok)} ({text})")
    for peer, name in (("autograd", "autograd"), ("torch", "PyTorch eager")):
        pairs = [(r.ratio(peer, "tangentish"), r) for r in rows if (r.small or r.loop_heavy)
                 and r.ratio(peer, "tangentish") is not None]
        ok, text = _worst(pairs, 10.0, above=False)
        out.append(f">= 10x faster than {name} on every small and loop-heavy row: {_verdict(ok)} "
                   f"({text or 'peer not run'})")
    for t in transforms:
        if t.function == "thirty_lines" and not t.error:
            total = t.tangentish_import + t.first_grad
            out.append(f"first grad() of the 30-line function in a fresh process, import tangentish "
                       f"included, <= 30 ms: {_verdict(total <= 0.030)} ({seconds(total)} = import "
                       f"{seconds(t.tangentish_import)} + first grad() {seconds(t.first_grad)}; "
                       f"NumPy's own import, not counted, {seconds(t.numpy_import)}; the transform "
                       f"alone in a warm process {seconds(t.warm_transform)})")
    cached = [t for t in transforms if not t.error]
    if cached:
        slowest = max(cached, key=lambda t: t.cached_grad)
        out.append(f"cached grad() <= 3 µs: {_verdict(slowest.cached_grad <= 3e-6)} (slowest "
                   f"{slowest.function} at {seconds(slowest.cached_grad)})")
    memory = [(r.memory["tangentish"] / r.memory["hand"], r) for r in rows
              if r.workload == "rnn" and r.memory.get("tangentish") and r.memory.get("hand")]
    ok, text = _worst(memory, 1.2, above=True)
    out.append(f"peak memory of the RNN gradient <= 1.2x the hand-written one's: {_verdict(ok)} "
               f"({text or 'rnn not run'})")
    return out


def progress(row: Row) -> str:
    """One line per measured row while the benchmark runs."""
    parts = [f"{c} {_time_or_note(row, c)}" for c in ("primal", "hand", "tangentish")]
    parts.append(f"tangentish/hand {times_x(row.ratio('tangentish'))}")
    parts += [f"{name} {_speedup(row, peer)}" for peer, name in PEER_COLUMNS if peer in row.times]
    return f"{row.workload} {row.label} [{row.rounds} rounds]: " + ", ".join(parts)


def results_file(description: dict, tables: list[tuple], findings: list[str], remarks: list[str],
                 command: str, remark: str = "") -> str:
    machine = "\n".join(f"| {key} | {value} |" for key, value in description.items())
    out = [
        "# Benchmark results",
        "",
        *([remark, ""] if remark else []),
        f"Written by `{command}` (see the README's Benchmarks section).",
        "",
        "How to read them: times are medians of interleaved rounds in one process (float64, one",
        "BLAS thread, the clock given below); each ratio is the median of per-round ratios of",
        "candidates timed side by side, steadier than the absolute times. `tangentish/hand` above",
        "1 is tangentish's overhead over",
        "the hand-written gradient; a peer's speed-up above 1 means tangentish is faster. `small`",
        "marks each workload's smallest size (the long elementwise expression has none), `loop`",
        "the loop-heavy workloads. `first grad()` runs in a fresh process per sample (NumPy's and",
        "tangentish's imports timed apart), `transform (warm)` differentiates a fresh copy of the",
        "function in a process that has done one already (helpers keep their cached derivatives),",
        "`cached grad()` is `tangentish.grad(f)` once cached. Memory is tracemalloc's peak during",
        "one call. `n/a`: the peer is not installed or cannot run the workload (see Notes).",
        "",
        "## Machine", "", "| | |", "|---|---|", machine, "",
        "## Targets (reported, not asserted)", "", *(f"- {line}" for line in findings), "",
        "## Tables", "",
    ]
    for table in tables:
        out += [markdown(table), ""]
    if remarks:
        out += ["## Notes", "", *(f"- {line}" for line in remarks), ""]
    return "\n".join(out)
