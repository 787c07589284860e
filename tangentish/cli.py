"""The command line: ``python -m tangentish`` or the ``tangentish`` script.

::

    tangentish show model.py:loss --wrt w,b        # the generated source (--mode grad|value_and_grad|jvp)
    tangentish check model.py:loss --args '[[1.0, 2.0], 3.0]'    # gradient check at these inputs
    tangentish check mypkg.model:loss --shapes '[[3], [2, 3], []]' --seed 1   # at seeded draws
    tangentish check model.py:loss --spec sample.json   # {"args": [...], "wrt": ..., "seed": ...}
    tangentish export model.py:loss --wrt w -o loss_grad.py   # standalone: NumPy, no tangentish
    tangentish rules [--missing]     # functions with derivative rules (--missing: NumPy/math without)
    tangentish cache clear           # remove the derivatives stored in $TANGENTISH_CACHE_DIR

TARGET is ``module.path:function`` (the current directory is searched too) or
``path/to/file.py:function`` (loaded under a private module name, its directory on ``sys.path``
while it is imported, so sibling imports work).  ``--wrt`` is an index, a name or a comma list (a
tuple).  ``--args`` is a JSON list: numbers are floats (an integer stays an int where the argument is
not differentiated, e.g. a count), nested lists float64 arrays (integer arrays where not
differentiated, e.g. indices); ``--shapes`` draws
``default_rng(seed).standard_normal(shape)`` per argument (``[]``: a float).  ``show`` colours with
pygments on a terminal unless ``--no-color`` or ``NO_COLOR`` is set.

Exit status: 0 success; 1 a gradient check failed; 2 a usage error, or the target could not be
loaded or differentiated (one message on stderr; ``--traceback`` adds the Python traceback).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import inspect
import json
import os
import re
import shlex
import sys
import traceback
import types
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from . import __version__, check_grads, source
from .arguments import resolve_wrt
from .display import write_source
from .errors import TangentishError
from .export import build_export, write_export
from .rule_listing import cmd_rules

MODES = ("grad", "value_and_grad", "jvp")
CHECK_MODES = ("rev", "fwd")
# Files loaded by path get a private module name; this maps it back to the file's stem.
FILE_MODULES: dict[str, str] = {}


class UsageError(Exception):
    """A problem with the command line or the target; printed as one message, exit status 2."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(f"{message}\nhint: {hint}" if hint else message)


# -- loading the target ---------------------------------------------------------------------------


def load_target(text: str) -> Callable:
    """``module.path:function`` or ``path/to/file.py:function`` → the function."""
    where, _, attr = text.rpartition(":")
    if not where or not all(part.isidentifier() for part in attr.split(".")):
        raise UsageError(f"bad target {text!r}",
                         hint="write module.path:function or path/to/file.py:function")
    is_file = where.endswith(".py") or "/" in where or os.sep in where
    module = _load_file(where) if is_file else _import_module(where)
    value: Any = module
    for part in attr.split("."):
        value = getattr(value, part, None)
        if value is None:
            defined = sorted(n for n, v in vars(module).items() if inspect.isfunction(v)
                             and v.__module__ == module.__name__)
            raise UsageError(f"{where} has no function {attr!r}",
                             hint=f"functions defined there: {', '.join(defined) or 'none'}")
    if not callable(value):
        raise UsageError(f"{text} is a {type(value).__name__}, not a function")
    return value


def _load_file(where: str) -> types.ModuleType:
    path = Path(where).resolve()
    if not path.is_file():
        raise UsageError(f"no such file: {where}")
    unique = f"_tangentish_file_{len(FILE_MODULES)}_" + re.sub(r"\W", "_", path.stem)
    spec = importlib.util.spec_from_file_location(unique, path)
    if spec is None:
        raise UsageError(f"{where} is not a Python file")
    module = importlib.util.module_from_spec(spec)
    sys.modules[unique] = module
    FILE_MODULES[unique] = path.stem
    folder = str(path.parent)
    sys.path.insert(0, folder)
    try:
        spec.loader.exec_module(module)
    except (Exception, SystemExit) as exc:
        del sys.modules[unique]
        raise _import_failed(where, exc) from exc
    finally:
        if folder in sys.path:
            sys.path.remove(folder)
    return module


def _import_module(name: str) -> types.ModuleType:
    cwd = os.getcwd()
    added = "" not in sys.path and cwd not in sys.path
    if added:
        sys.path.insert(0, cwd)
    try:
        return importlib.import_module(name)
    except (Exception, SystemExit) as exc:
        missing = getattr(exc, "name", None) if isinstance(exc, ModuleNotFoundError) else None
        if missing and (name == missing or name.startswith(f"{missing}.")):
            raise UsageError(f"no module named {missing!r}", hint="is it on sys.path? For a file, "
                             "write path/to/file.py:function") from None
        raise _import_failed(name, exc) from exc
    finally:
        if added and cwd in sys.path:
            sys.path.remove(cwd)


def _import_failed(where: str, exc: BaseException) -> UsageError:
    hint = "load it as a module: package.module:function" if "relative import" in str(exc) else None
    return UsageError(f"importing {where} failed: {type(exc).__name__}: {exc}", hint)


# -- argument values --------------------------------------------------------------------------------


def _items(text: str) -> list[str]:
    return [part for part in (p.strip() for p in text.split(",")) if part]


def parse_wrt(text: str) -> Any:
    """``0`` → 0, ``w`` → 'w', ``w,b`` (or ``w,``) → ('w', 'b'): what ``wrt=`` takes."""
    items: list[Any] = [int(p) if re.fullmatch(r"[+-]?\d+", p) else p for p in _items(text)]
    if not items or any(isinstance(i, str) and not i.isidentifier() for i in items):
        raise argparse.ArgumentTypeError(f"{text!r} is not a parameter index, name or comma list")
    return tuple(items) if "," in text else items[0]


def _seed(text: str) -> int:
    if not re.fullmatch(r"\+?\d+", text.strip()):
        raise argparse.ArgumentTypeError(f"{text!r} is not a non-negative integer")
    return int(text)


def _modes(text: str) -> tuple[str, ...]:
    if not _items(text) or set(_items(text)) - set(CHECK_MODES):
        raise argparse.ArgumentTypeError(f"modes are a comma list of {', '.join(CHECK_MODES)}")
    return tuple(_items(text))


def _json(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{what} is not valid JSON: {exc}") from None


def _positions(function: Callable, wrt: Any, nargs: int) -> set[int]:
    """Positions of the differentiated arguments, by the resolver ``check_grads`` uses too."""
    return set(resolve_wrt(function, wrt, nargs=nargs).positions)


def _argument(value: Any, differentiated: bool, position: int) -> Any:
    """A JSON value as an argument: a differentiated list is a float64 array and an integer a
    float; a list that is not differentiated becomes an array if it is a rectangular list of
    numbers (integers stay integers, e.g. indices) and is passed unchanged otherwise."""
    if isinstance(value, list):
        try:
            array = np.asarray(value, dtype=np.float64 if differentiated else None)
        except (TypeError, ValueError):
            if differentiated:
                raise UsageError(f"argument {position} is not a rectangular list of numbers",
                                 hint="a differentiated argument is a float or nested lists "
                                 "of floats of one shape") from None
            return value
        return array if differentiated or array.dtype.kind in "biuf" else value
    if isinstance(value, int) and not isinstance(value, bool) and differentiated:
        return float(value)
    return value


def _draw(shapes: Any, seed: int) -> list[Any]:
    if not isinstance(shapes, list) or not all(
            isinstance(s, list) and all(isinstance(n, int) and n >= 0 for n in s) for s in shapes):
        raise UsageError("shapes must be a JSON list of shapes, e.g. [[3], [2, 2], []]")
    rng = np.random.default_rng(seed)
    return [rng.standard_normal(s) if s else float(rng.standard_normal()) for s in shapes]


def _read_spec(path: str) -> dict[str, Any]:
    try:
        spec = _json(Path(path).read_text(encoding="utf-8"), f"the spec file {path}")
    except OSError as exc:
        raise UsageError(f"cannot read the spec file: {exc}") from None
    if (not isinstance(spec, dict) or set(spec) - {"args", "shapes", "wrt", "seed", "modes"}
            or {"args", "shapes"} <= set(spec)):
        raise UsageError(f"the spec file {path} must be a JSON object with keys among args (or "
                         "shapes), wrt, seed, modes")
    if isinstance(spec.get("wrt"), list):
        spec["wrt"] = tuple(spec["wrt"])
    elif isinstance(spec.get("wrt"), str):  # "w,b" as on the command line
        try:
            spec["wrt"] = parse_wrt(spec["wrt"])
        except argparse.ArgumentTypeError as exc:
            raise UsageError(f"the spec file {path}: wrt {exc}") from None
    if isinstance(spec.get("modes"), str):
        spec["modes"] = _items(spec["modes"])
    return spec


def sample_inputs(args: argparse.Namespace, spec: dict, function: Callable, wrt: Any,
                  seed: int) -> tuple:
    """The arguments to check at, from ``--args``, ``--shapes`` or the spec file."""
    raw = _json(args.args, "--args") if args.args is not None else spec.get("args")
    shapes = _json(args.shapes, "--shapes") if args.shapes is not None else spec.get("shapes")
    if raw is None and shapes is None:
        raise UsageError("check needs inputs", hint="pass --args JSON, --shapes JSON or --spec FILE")
    if raw is None:
        return tuple(_draw(shapes, seed))
    if not isinstance(raw, list):
        raise UsageError("the arguments must be a JSON list, one entry per argument")
    positions = _positions(function, wrt, len(raw))
    return tuple(_argument(v, i in positions, i) for i, v in enumerate(raw))


# -- commands ---------------------------------------------------------------------------------------


def cmd_show(args: argparse.Namespace) -> int:
    text = source(load_target(args.target), wrt=args.wrt or 0, mode=args.mode)
    write_source(text, sys.stdout, False if args.no_color else None)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    function = load_target(args.target)
    spec = _read_spec(args.spec) if args.spec else {}
    wrt = args.wrt if args.wrt is not None else spec.get("wrt", 0)
    seed = args.seed if args.seed is not None else spec.get("seed", 0)
    modes = args.modes or tuple(spec.get("modes", CHECK_MODES))
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise UsageError(f"the seed must be a non-negative integer, got {seed!r}",
                         hint="e.g. --seed 0")
    inputs = sample_inputs(args, spec, function, wrt, seed)
    report = check_grads(function, inputs, wrt=wrt, modes=modes, seed=seed,
                         raise_on_failure=False)
    report.reproduce = _reproduction(args, spec, wrt, seed, modes)
    print(report.summary())
    return 0 if report.ok else 1


def _reproduction(args: argparse.Namespace, spec: dict, wrt: Any, seed: int,
                  modes: tuple[str, ...]) -> str:
    """The command that repeats this check, runnable as printed: the same target, the arguments
    (``--args``) or the shapes they were drawn from (``--shapes``, drawn again from ``--seed``),
    and every option explicit, whether it came from the command line or the spec file."""
    raw = args.args if args.args is not None else (
        json.dumps(spec["args"]) if "args" in spec else None)
    if raw is not None:
        inputs = ["--args", json.dumps(json.loads(raw), separators=(", ", ": "))]
    else:
        shapes = args.shapes if args.shapes is not None else json.dumps(spec["shapes"])
        inputs = ["--shapes", json.dumps(json.loads(shapes))]
    items = wrt if isinstance(wrt, (tuple, list)) else [wrt]
    text = ",".join(str(item) for item in items) + ("," if len(items) == 1 and
                                                    isinstance(wrt, (tuple, list)) else "")
    words = ["tangentish", "check", args.target, *inputs, "--wrt", text, "--seed", str(seed)]
    if tuple(modes) != CHECK_MODES:
        words += ["--modes", ",".join(modes)]
    return " ".join(shlex.quote(word) for word in words)


def cmd_export(args: argparse.Namespace) -> int:
    output = Path(args.output)
    if output.suffix != ".py" or not output.stem.isidentifier():
        raise UsageError(f"the output {args.output!r} must be a .py file with an importable name",
                         hint="e.g. -o loss_grad.py")
    function = load_target(args.target)
    command = "tangentish " + " ".join(shlex.quote(a) for a in args.argv)
    exported = build_export(function, args.wrt or 0, args.mode, stem=output.stem, origin=args.target,
                            command=command, module_names=FILE_MODULES)
    paths = write_export(exported, output)
    for warning in exported.warnings:
        print(f"tangentish: warning: {warning}", file=sys.stderr)
    print(f"wrote {paths[0]} ({exported.function}) and {paths[1]}")
    return 0


def cmd_cache(args: argparse.Namespace) -> int:
    from .persist.store import clear, directory

    folder = directory()
    if folder is None:
        raise UsageError("no usable cache directory: set TANGENTISH_CACHE_DIR to a private one")
    print(f"removed {clear(folder)} stored derivatives from {folder}")
    return 0


# -- the parser and main ----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--traceback", action="store_true", default=argparse.SUPPRESS,
                        help="show the Python traceback of an error")
    parser = argparse.ArgumentParser(prog="tangentish", parents=[common],
                                     description="Source-to-source automatic differentiation.")
    parser.add_argument("--version", action="version", version=f"tangentish {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    target = argparse.ArgumentParser(add_help=False, parents=[common])
    target.add_argument("target", metavar="TARGET",
                        help="module.path:function or path/to/file.py:function")
    target.add_argument("--wrt", type=parse_wrt, default=None,
                        help="parameter index, name, or comma list of them (default 0)")
    show = commands.add_parser("show", parents=[target], help="print the generated derivative")
    show.add_argument("--mode", choices=MODES, default="grad")
    show.add_argument("--no-color", action="store_true", help="never colour the output")
    show.set_defaults(handler=cmd_show)
    check = commands.add_parser("check", parents=[target],
                                help="check the derivative against finite differences")
    inputs = check.add_mutually_exclusive_group()
    inputs.add_argument("--args", help="JSON list of arguments, e.g. '[[1.0, 2.0], 3.0]'")
    inputs.add_argument("--shapes", help="JSON list of shapes to draw, e.g. '[[3], [2, 2], []]'")
    inputs.add_argument("--spec", metavar="FILE", help='JSON file {"args": [...], "wrt": ..., '
                        '"seed": ...} ("shapes" instead of "args" works too)')
    check.add_argument("--seed", type=_seed, default=None,
                       help="random seed, a non-negative integer (default 0)")
    check.add_argument("--modes", type=_modes, default=None, help="rev,fwd (the default)")
    check.set_defaults(handler=cmd_check)
    export = commands.add_parser("export", parents=[target],
                                 help="write a standalone derivative module (no tangentish)")
    export.add_argument("--mode", choices=MODES, default="grad")
    export.add_argument("-o", "--output", required=True, metavar="FILE.py")
    export.set_defaults(handler=cmd_export)
    rules = commands.add_parser("rules", parents=[common], help="list the derivative rules")
    rules.add_argument("--missing", action="store_true",
                       help="list NumPy and math functions that have no rule")
    rules.set_defaults(handler=cmd_rules)
    cache = commands.add_parser("cache", parents=[common],
                                help="the persistent derivative cache (TANGENTISH_CACHE_DIR)")
    cache.add_argument("action", choices=("clear",), help="clear: remove every stored derivative")
    cache.set_defaults(handler=cmd_cache)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors (already printed)
        return exc.code if isinstance(exc.code, int) else 2
    args.argv = argv
    try:
        return args.handler(args)
    except BrokenPipeError:  # the reader went away (`tangentish rules | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # what a tool killed by SIGPIPE reports
    except (UsageError, TangentishError) as exc:
        return _fail(exc, args, str(exc))
    except Exception as exc:  # the user's code (or NumPy under it) raised
        where = f" (raised while running `{args.command}` on {getattr(args, 'target', '?')})"
        return _fail(exc, args, f"{type(exc).__name__}: {exc}{where}")


def _fail(exc: BaseException, args: argparse.Namespace, message: str) -> int:
    if getattr(args, "traceback", False):
        traceback.print_exception(type(exc), exc, exc.__traceback__)
    elif not isinstance(exc, (UsageError, TangentishError)) or exc.__cause__ is not None:
        message += "\n(run with --traceback for the Python traceback)"
    print(f"tangentish: error: {message}", file=sys.stderr)
    return 2
