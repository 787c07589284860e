"""The benchmark: tangentish against hand-written NumPy gradients and every installed peer.

    python benchmarks/run.py [--quick] [--only mlp,rnn] [--no-peers] [--write]

For each workload of ``benchmarks/workloads.py`` at three sizes, in one process with one BLAS
thread and float64: the primal, the hand-written gradient, tangentish's gradient and each
installed peer's (autograd, JAX eager and jit, PyTorch eager), interleaved round by round, medians;
the ratios to the hand-written gradient; the peak memory of one call; then the first ``grad()``
in a fresh process (imports included) and a cached ``grad()``.  Every gradient is compared with
the hand-written one before it is timed; a wrong or failing one is reported and not timed.
``--write`` writes benchmarks/RESULTS.md (full runs only; ``--output PATH`` for others).
"""

from __future__ import annotations

import argparse
import inspect
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CANDIDATES = ("primal", "hand", "tangentish")


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="smallest size of each workload, 3 rounds, 2 fresh processes")
    parser.add_argument("--only", default="", help="comma-separated workload names")
    parser.add_argument("--rounds", type=int, default=0, help="interleaved rounds (default 11)")
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu",
                        help="cpu: this process's CPU time (default; robust on a shared machine); "
                             "wall: elapsed time")
    parser.add_argument("--no-peers", action="store_true", help="skip autograd, JAX and PyTorch")
    parser.add_argument("--write", action="store_true", help="write benchmarks/RESULTS.md")
    parser.add_argument("--output", type=Path, help="write the results file here instead")
    parser.add_argument("--remark", default="", help="a sentence put at the top of the results file")
    parser.add_argument("--keep-openblas-coretype", action="store_true",
                        help="keep OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE (unset by default)")
    options = parser.parse_args(argv)
    if options.write and (options.quick or options.only) and not options.output:
        parser.error("--write records full runs only; give --output PATH for a partial run")
    options.rounds = options.rounds or (3 if options.quick else 11)
    return options


def agreement(got, expected) -> str:
    """'' when ``got`` equals the hand-written gradient ``expected`` to 1e-7, else what differs."""
    from peers import to_numpy

    got, expected = to_numpy(got), to_numpy(expected)
    if len(got) != len(expected):
        return f"wrong: {len(got)} gradients instead of {len(expected)}"
    for index, (g, e) in enumerate(zip(got, expected, strict=True)):
        if g.shape != e.shape:
            return f"wrong: gradient {index} has shape {g.shape}, expected {e.shape}"
        error = float(abs(g - e).max()) if g.size else 0.0
        if not error <= 1e-7 * max(1.0, float(abs(e).max())):
            return f"wrong: gradient {index} differs from the hand-written one by {error:.3g}"
    return ""


def _checked(call, expected, row, name) -> bool:
    try:
        problem = agreement(call(), expected)
    except Exception as error:  # a failing candidate is a result, not a crash
        problem = f"failed: {type(error).__name__}: {str(error).strip().splitlines()[0][:200]}"
    if problem:
        row.notes[name] = problem
    return not problem


def candidates_for(workload, args, row, use_peers: bool) -> dict:
    import peers

    import tangentish

    expected = workload.hand(*args)
    calls = {"primal": lambda: workload.fn(*args), "hand": lambda: workload.hand(*args)}
    try:
        derivative = tangentish.grad(workload.fn, wrt=workload.wrt)
        if _checked(lambda: derivative(*args), expected, row, "tangentish"):
            calls["tangentish"] = lambda: derivative(*args)
    except Exception as error:
        row.notes["tangentish"] = f"grad() failed: {type(error).__name__}: {error}".splitlines()[0]
    for peer in peers.PEERS if use_peers else ():
        call, note = peers.make(peer, workload, args)
        if note:
            row.notes[peer] = note
        if call is not None and _checked(call, expected, row, peer):
            calls[peer] = call
    return calls


def measure_row(workload, size: int, options) -> object:
    import numpy as np
    import report
    import timing
    import workloads

    args = workload.build(size, np.random.default_rng(0))
    row = report.Row(workload.name, size, workload.size_label,
                     small=workload.has_small_size and size == workload.sizes[0],
                     loop_heavy=workload.loop_heavy)
    if workload.fn is workloads.fixed_point:
        row.detail = f"{workloads.fixed_point_iterations(*args)} iterations"
    calls = candidates_for(workload, args, row, not options.no_peers)
    samples = timing.interleave(calls, options.rounds, options.clock)
    row.rounds = len(samples["primal"])
    row.samples = samples
    row.times = {name: timing.median(values) for name, values in samples.items()}
    for name in CANDIDATES:
        if name in calls:
            row.memory[name] = timing.peak_bytes(calls[name])
    return row


def measure_transforms(selected, options) -> list:
    import report
    import timing
    import workloads

    functions = [(w.fn, w.wrt, w.helpers) for w in selected]
    functions.append((workloads.thirty_lines, (0, 1), ()))
    first = timing.first_grads([(fn.__name__, wrt) for fn, wrt, _ in functions],
                               2 if options.quick else 7, options.clock)
    out = []
    for fn, wrt, helpers in functions:
        lines = sum(len(inspect.getsource(f).splitlines()) for f in (fn, *helpers))
        fresh = first[fn.__name__]
        if isinstance(fresh, str):
            out.append(report.Transform(fn.__name__, lines, 0, 0, 0, 0, 0, fresh))
            continue
        try:
            warm = timing.warm_transform(fn, wrt, 3 if options.quick else 7, options.clock)
            cached = timing.cached_grad(fn, wrt, options.rounds, options.clock)
        except Exception as error:  # reported like a failing first grad()
            out.append(report.Transform(fn.__name__, lines, 0, 0, 0, 0, 0, f"failed: {error}"))
            continue
        out.append(report.Transform(fn.__name__, lines, fresh["numpy"], fresh["tangentish"],
                                    fresh["grad"], warm, cached))
        print(f"grad() of {fn.__name__}: first in a fresh process {report.seconds(fresh['grad'])}, "
              f"warm {report.seconds(warm)}, cached {report.seconds(cached)}", flush=True)
    return out


def _command(argv: list[str]) -> str:
    """The command line as run, without ``--remark`` and its text."""
    shown, skip = ["python", "benchmarks/run.py"], False
    for arg in argv:
        if skip or arg.startswith("--remark"):
            skip = arg == "--remark" and not skip
            continue
        shown.append(arg)
    return " ".join(shown)


def main(argv: list[str] | None = None) -> int:
    options = parse(argv)
    sys.path.insert(0, str(HERE))
    import machine

    coretype_note = machine.prepare_environment(options.keep_openblas_coretype)
    import peers

    use = [] if options.no_peers else [p for p in peers.PEERS if not peers.missing_note(p)]
    peers.preload(use)                      # before the thread limit, so it reaches their pools
    thread_note = machine.limit_threads()
    import report
    import workloads

    names = [n for n in options.only.split(",") if n]
    selected = [workloads.by_name(n) for n in names] if names else list(workloads.WORKLOADS)
    versions = {p: peers.version(p) for p in ("autograd", "jax", "torch")}
    description = machine.describe(coretype_note, thread_note, versions)
    description["clock"] = {"cpu": "CPU time of the process (time.process_time)",
                            "wall": "wall time (time.perf_counter)"}[options.clock]
    for key, value in description.items():
        print(f"{key}: {value}")
    for peer in peers.PEERS:
        if options.no_peers or peers.missing_note(peer):
            print(f"skipping {peer}: {'--no-peers' if options.no_peers else peers.missing_note(peer)}")
    rows = []
    for workload in selected:
        for size in workload.sizes[:1] if options.quick else workload.sizes:
            rows.append(measure_row(workload, size, options))
            print(report.progress(rows[-1]), flush=True)
    transforms = measure_transforms(selected, options)
    description["load average at end"] = machine.load_average()
    tables = report.tables(rows, transforms, options.rounds)
    findings = report.targets(rows, transforms)
    print()
    print("\n\n".join(report.console(t) for t in tables))
    print("\n== Targets (reported, not asserted)\n" + "\n".join(f"- {line}" for line in findings))
    for line in report.notes(rows):
        print(f"note: {line}")
    if options.write or options.output:
        path = options.output or HERE / "RESULTS.md"
        path.write_text(report.results_file(description, tables, findings, report.notes(rows),
                                            _command(sys.argv[1:] if argv is None else argv),
                                            options.remark))
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
