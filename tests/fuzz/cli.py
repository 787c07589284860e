"""The fuzzer's command line (``tests/fuzz/run.py``): options, the run, the table, saving."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from typing import Any

from .features import NAMES, check_names
from .plan import MODES
from .regress import save
from .report import Summary
from .runner import api_module, limit_memory, run_many
from .shrink import shrink


def _options(parser: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    parser.add_argument("--programs", type=int, default=200, help="how many programs (default 200)")
    parser.add_argument("--seed", type=int, default=0, help="run seed (program k of seed s is fixed)")
    parser.add_argument("--start", type=int, default=0, help="index of the first program")
    parser.add_argument("--modes", default=",".join(MODES), help=f"comma-separated, of {', '.join(MODES)}")
    parser.add_argument("--without", default="", help=f"features to switch off, of {', '.join(NAMES)}")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes")
    parser.add_argument("--save", type=int, nargs="?", const=20, default=0,
                        help="shrink and save the first example of each distinct failure (at most N)")
    parser.add_argument("--shrink-seconds", type=float, default=120.0, help="time budget per shrink")
    parser.add_argument("--top", type=int, default=40, help="distinct messages listed per kind")
    parser.add_argument("--quiet", action="store_true", help="no progress line")
    parser.add_argument("--checked", action="store_true",
                        help="generate derivatives in checked mode (TANGENTISH_CHECKED=1: every "
                        "adjoint and tangent asserted to have its value's shape and dtype)")
    parser.add_argument("--dump", metavar="PATH", help="also write every check as a line of JSON")
    options = parser.parse_args(argv)
    options.modes = [m for m in options.modes.split(",") if m]
    unknown = [m for m in options.modes if m not in MODES]
    if unknown:
        parser.error(f"unknown mode(s) {', '.join(unknown)}")
    try:
        options.without = check_names(options.without.split(","))
    except ValueError as error:
        parser.error(str(error))
    return options


def main(parser: argparse.ArgumentParser, started: float, argv: list[str] | None = None) -> int:
    options = _options(parser, argv)
    summary = Summary()

    dump = open(options.dump, "w", encoding="utf-8") if options.dump else None  # noqa: SIM115

    def progress(result: Any) -> None:
        summary.add(result)
        if dump is not None:
            for outcome in result.outcomes:
                record = {"seed": options.seed, "program": result.program.index,
                          "features": result.program.features, **dataclasses.asdict(outcome)}
                dump.write(json.dumps(record) + "\n")
        if not options.quiet:
            done, bad = summary.programs["total"], summary.failures
            print(f"\r{done}/{options.programs} programs, {bad} failing checks, "
                  f"{time.monotonic() - started:.0f} s", end="", file=sys.stderr, flush=True)

    if options.checked:  # worker processes inherit it; this one reads it again when told
        os.environ["TANGENTISH_CHECKED"] = "1"
        import tangentish

        tangentish.refresh_environment()
    indices = range(options.start, options.start + options.programs)
    if options.jobs <= 1:
        limit_memory()
    for _ in run_many(options.seed, indices, options.modes, options.without, options.jobs,
                      progress=progress):
        pass
    if dump is not None:
        dump.close()
    if not options.quiet:
        print(file=sys.stderr)
    print(summary.render(options.top))
    print(f"\n{time.monotonic() - started:.0f} s for {summary.programs['total']} programs "
          f"(seed {options.seed}, jobs {options.jobs})")
    if options.save:
        _save(summary, options)
    return 1 if summary.failures or summary.disagreements else 0


def _save(summary: Summary, options: argparse.Namespace) -> None:
    api = api_module()
    failing = [(key, example) for key, example in summary.examples.items()
               if key.split(":")[0].split()[1] in ("wrong", "crash")]
    for key, (result, i) in failing[: options.save]:
        outcome, plan = result.outcomes[i], result.plans[i]
        shrunk = shrink(result.program, result.inputs, plan, outcome, api, options.shrink_seconds)
        note = f"seed {options.seed}, program {result.program.index}, shrunk in {shrunk.attempts} tries"
        path = save(shrunk.program, shrunk.inputs, plan, shrunk.outcome, note)
        lines = result.program.text.count("\n"), shrunk.program.text.count("\n")
        print(f"saved {path.name}: {key}  ({lines[0]} -> {lines[1]} lines, {shrunk.seconds:.0f} s)")
