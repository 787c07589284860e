"""Is a NaN derivative a *value* zero meeting a singular partial (by design), or a real finding?

tangentish keeps a singular partial (``np.sqrt``'s ``1 / (2 sqrt(u))``, inf at ``u = 0``;
``np.arccos``'s at ``u = 1``: the table ``SINGULAR`` in fuzz/sites.py) on the
*structural* support of its adjoint: an element a selection, slice or branch never reads gets 0.
A zero that is a *value* (``np.linalg.norm(np.sqrt(v * v))`` at ``v[i] = 0``, where the adjoint
``sqrt(v * v)[i] / norm`` is 0 because ``v[i]`` is) still meets the inf as IEEE says: NaN, where
the finite differences say 0 (passes/supports.py: "the support is exact, not a test of g == 0").
Such a check is not wrong; it is reported as ``nan-value-zero`` when all of this holds:

1. *Sites*: every argument ``u`` of a function of ``SINGULAR`` (``np.sqrt``, ``np.cbrt``,
   ``np.arcsin``, ``np.arccos``, ``np.arctanh``, ``np.arccosh`` and their ``math`` names;
   ``np.power`` / ``np.float_power`` / ``math.pow`` / ``**`` with a constant exponent that is
   not an integer), is
   recorded at the point (a program instrumented with ``_FZ_SITE(k, u)``, run without
   tangentish).  The singular elements are those at one of the function's singular points (0,
   or -1 and 1) that vary (3. below: a constant
   0, such as the padding of ``np.concatenate((v, [-1.0, 0.0]))``, is never nudged and does not
   count); the same nudge is added at every call of a site, so a site reached more than once is
   nudged only where each call has a read singular element or a value the nudge leaves as it
   is (:func:`_one_nudge`).  (A transform of one of the program's own functions,
   inside it, transforms the original, unwrapped: :class:`Original`.)
2. *Read*: a singular element is read by ``f`` when its value flows into ``f``'s: with that one
   element of ``u`` replaced by NaN, ``f`` is NaN, while the control-flow path (the oracle's
   tracer) stays as it was and every comparison the program makes (``_FZ_CMP``: ``np.where``'s
   masks included) gives the result it gave without the NaN (handed back: a NaN it reads does
   not change a branch; arithmetic, reductions and moves carry a NaN along; a selection, slice
   or branch that leaves the element unread drops it), and every order (``np.sort``,
   ``np.argsort``, ``sorted``...: ``_FZ_ORDER``) the permutation it had (a NaN sorted last
   was unread by ``np.sort(u)[0]``, where the value zero had been read: fuzz seed 7431,
   program 6; and read by ``np.sort(u)[1:]``, where it had not).
   An element not read is a structural zero, where a NaN is a bug: it is not nudged.
3. *Varies*: a singular element must also depend on the differentiated parameters: it moves
   when they all move a small step along a seeded direction, or back along it (on the same
   path, with the same comparisons), or it is NaN when one of their elements is (on the same
   path, the comparisons' results handed back as in 2., and ``np.fmin``'s and ``np.fmax``'s
   choices too: they drop a NaN; and a power's, ``nan ** 0`` being 1).  An element that does
   neither (``np.zeros(3)`` read before it is written) has a tangent 0 by structure, where a NaN
   in forward mode is a bug (fuzz seed 3404, program 87): it is not nudged.  (``v * 0.0`` and
   ``a - a`` depend on ``v`` and ``a`` that way: their zeros are values.)
4. *Cause*: the same check, run again on the program with only the read singular elements
   nudged off the singular point into the domain (``u + 1e-200`` at 0: sqrt's partial is then
   ``5e99``; one step inside at -1 and 1: arccos's is ``-6.7e7``) and the site's value moved
   back to what it was (``arccos(u + n) + fix``: the nudge moved it by 1.5e-8), passes
   against the original reference.  A NaN from anywhere else (an unread element, a value outside
   the domain that a selection leaves unused, a wrong rule) is untouched by the nudge and stays
   ``wrong``; so does anything the nudged check finds wrong.  Only where the
   nudged check's derivative is finite and off (``math.cbrt(c * x ** 3)`` at ``x = 0``, which is
   ``c ** (1/3) * x``: its argument is singular, and its derivative 0, at 0, so the chain rule
   says ``inf * 0`` and the nudged one ``0``, where the finite differences see the slope of
   the composite; fuzz seed 4933, program 41) is the same check passed instead on the program
   nudged by ``RESOLVED`` there, against that program's own finite differences (the singular
   point moved where they resolve it: the NaN came from the point, and nothing else is off).

Only a NaN is ever reclassified (a wrong number, shape or dtype never is).  Where the nudged
check cannot judge what is left (``invalid``: an order statistic's tie in the parameter whose
NaN hid it), neither can the check: ``invalid`` too, as in the modes that differentiate that
parameter without a NaN (fuzz seed 5201, program 70).
"""

from __future__ import annotations

import importlib.util
import operator
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from . import oracle
from .checks import prepare, wrong_kind
from .sites import Site, instrument, reorder

RESOLVED = 1e-4  # a nudge the finite differences resolve (4. below, the composite through the point)
LIMIT = 48  # singular elements examined at most (each costs a run of f; 12 left a chain of
#              six sites of four elements each unexamined: fuzz seed 4922, program 56)

_CHAINED = {"Lt": operator.lt, "LtE": operator.le, "Gt": operator.gt, "GtE": operator.ge,
            "Eq": operator.eq, "NotEq": operator.ne, "Is": operator.is_, "IsNot": operator.is_not,
            "In": lambda a, b: a in b, "NotIn": lambda a, b: a not in b}


class Original:
    """``tangentish`` as the recorded program sees it (``_FZ_API``): a transform of one of its
    own functions (``tangentish.grad(h1, wrt='b')``: feature ``transforms``) transforms the
    original's, whose sites are not wrapped in ``_FZ_SITE`` (no derivative rule: the transform
    raised ``MissingRuleError``, and the recording failed: fuzz seed 4751, program 104)."""

    def __init__(self, api: Any, stem: str, original: dict[str, Any]):
        self.api, self.stem, self.original = api, stem, original

    def __getattr__(self, attr: str) -> Any:
        transform = getattr(self.api, attr)
        if not callable(transform):
            return transform

        def call(fn: Any, *args: Any, **kwargs: Any) -> Any:
            own = getattr(fn, "__module__", None) == self.stem and \
                self.original.get(getattr(fn, "__name__", ""))
            return transform(own or fn, *args, **kwargs)
        return call


class Recorder:
    """The instrumented program's hooks: the sites' arguments and the comparisons, in order;
    ``tainted`` (site, call, element) makes one element NaN where that site is called that time;
    ``replay``, the comparisons' results of a run without NaN, handed back in their place (a
    NaN meeting a comparison then leaves the path as it was: ``off_script`` when it cannot)."""

    def __init__(self) -> None:
        self.sites: list[tuple[int, np.ndarray]] = []
        self.compared: list[np.ndarray] = []
        self.results: list[Any] = []  # (the comparisons' results, as the program had them)
        self.replay: list[Any] | None = None
        self.off_script = False
        self.tainted: tuple[int, int, int] | None = None
        self.calls: dict[int, int] = {}

    def site(self, k: int, u: Any) -> Any:
        call = self.calls[k] = self.calls.get(k, -1) + 1
        self.sites.append((k, np.array(u, dtype=np.float64)))
        if self.tainted is None or self.tainted[:2] != (k, call):
            return u
        out = np.array(u, dtype=np.float64)
        out.reshape(-1)[slice(None) if self.tainted[2] is None else self.tainted[2]] = np.nan
        return out if isinstance(u, np.ndarray) or out.ndim else float(out)

    def chain(self, operands: list[Callable[[], Any]], ops: tuple[str, ...]) -> Any:
        """``a < b < c`` link by link, each result through :meth:`compare` (the chain's own
        short-circuit follows the result handed back: a NaN reaching ``a < b`` left ``c``
        unevaluated, and the path changed, where the recorded run had gone on; fuzz seed 4916,
        program 71); operands evaluated once each, in order, as Python does."""
        left, result = operands[0](), True
        for op, operand in zip(ops, operands[1:], strict=True):
            right = operand()
            result = self.compare(_CHAINED[op](left, right))
            if not result:
                return result
            left = right
        return result

    def pick(self, name: str, a: Any, b: Any) -> Any:
        """``np.fmin(a, b)`` or ``np.fmax(a, b)``, choosing by a comparison (handed back in a
        replay): a NaN where the recorded run read an element is kept, not dropped."""
        a_, b_ = np.asarray(a), np.asarray(b)
        first = self.compare(np.isnan(b_) | ((a_ <= b_) if name == "fmin" else (a_ >= b_)))
        out = np.where(first, a_, b_)
        return out[()] if out.ndim == 0 else out

    def power(self, func: Any, base: Any, exponent: Any) -> Any:
        """``func(base, exponent)`` (``base ** exponent`` where ``func`` is None), NaN where
        either is in a run with a NaN (a replay): ``nan ** 0`` and ``1 ** nan`` are 1 in IEEE,
        and an element ``A ** 0`` of ``A ** np.arange(2)`` would look independent of ``A``,
        whose derivative there is the value zero ``0 * A ** -1`` (fuzz seed 5194, program 100:
        ``np.arccos`` of it at 1)."""
        out = base ** exponent if func is None else func(base, exponent)
        if self.replay is None:
            return out
        try:
            lost = np.isnan(np.asarray(base, dtype=np.float64)) | np.isnan(
                np.asarray(exponent, dtype=np.float64))
        except (TypeError, ValueError):
            return out
        if not np.any(lost):
            return out
        kept = np.where(lost, np.nan, out)
        return kept if isinstance(out, np.ndarray) or kept.ndim else float(kept)

    def cast(self, into: Any, value: Any) -> Any:
        """``int(value)`` (``into`` None), or ``value`` as stored into the array ``into``: where
        that casts it to integers, the cast is recorded and handed back in a replay like a
        comparison (piecewise constant: a NaN does not pass a cast, nor raises there; fuzz seed
        4900, program 70, ``k1[1] = x`` into ``np.full(2, 2)``)."""
        if into is None:
            try:
                return self.compare(int(value))
            except (ValueError, OverflowError):  # (nan, inf: what it was is handed back)
                return self.compare(0)
        if not isinstance(into, np.ndarray) or into.dtype.kind not in "iub":
            return value
        with np.errstate(invalid="ignore"):
            return self.compare(np.asarray(np.nan_to_num(value), dtype=np.float64).astype(into.dtype))

    def order(self, kind: str, callee: Any, *args: Any, **kwargs: Any) -> Any:
        """An order (``np.sort(u)``...), its permutation recorded and handed back in a replay
        like a comparison's result (:func:`.sites.reorder`)."""
        return reorder(self.compare, kind, callee, *args, **kwargs)

    def compare(self, result: Any) -> Any:
        k = len(self.compared)
        self.compared.append(np.array(result).copy())
        if self.replay is None:
            self.results.append(result.copy() if isinstance(result, np.ndarray) else result)
            return result
        if k < len(self.replay) and np.shape(self.replay[k]) == np.shape(result):
            kept = self.replay[k]
            return kept.copy() if isinstance(kept, np.ndarray) else kept
        self.off_script = True
        return result


def _load(text: str, folder: Path, stem: str, names: dict[str, Any]) -> Any:
    """A module from ``text`` (a file in ``folder``), with ``names`` bound before it runs."""
    path = folder / f"{stem}.py"
    path.write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(stem, path)
    module = importlib.util.module_from_spec(spec)
    module.__dict__.update(names)
    sys.modules[stem] = module
    spec.loader.exec_module(module)
    return module


def _run(module: Any, recorder: Recorder, inputs: list[Any]) -> tuple[Any, tuple, list, list]:
    recorder.sites, recorder.compared, recorder.results, recorder.calls = [], [], [], {}
    recorder.off_script = False
    tracer = oracle.PathTracer(module.__file__)
    with np.errstate(all="ignore"):
        value, path = tracer.run(module.f, [v.copy() if isinstance(v, np.ndarray) else v
                                            for v in inputs])
    return np.asarray(value, dtype=np.float64), path, recorder.sites, recorder.compared


def _replayed(module: Any, recorder: Recorder, inputs: list[Any],
              base: tuple) -> tuple[Any, list] | None:
    """``f``'s value and the sites' arguments at ``inputs`` (a NaN among them, or ``tainted``
    at a site), with every comparison's result handed back as the run at the point had it
    (``base``: its path, comparisons and their results), so that a NaN meeting a comparison
    leaves the path as it was (fuzz seed 4882, program 11: ``a > 0.2`` of a NaN ``a`` took
    the other branch, and the NaN looked unread); None where the run still leaves that path
    (or raises: ``int(nan)``)."""
    recorder.replay = base[2]
    try:
        value, path, sites, compared = _run(module, recorder, inputs)
    except Exception:  # noqa: BLE001  (int(nan)...: nothing learnt)
        return None
    finally:
        recorder.replay = None
    if path != base[0] or recorder.off_script or len(compared) != len(base[1]):
        return None
    return value, sites


def _same(first: list[np.ndarray], second: list[np.ndarray]) -> bool:
    return len(first) == len(second) and all(a.shape == b.shape and np.array_equal(
        a, b, equal_nan=True) for a, b in zip(first, second, strict=True))


def read_singular(module: Any, recorder: Recorder, inputs: list[Any], moving: list[int],
                  sites: list[Site]) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """Per site (of ``sites``), the nudge and the fix (:func:`_one_nudge`) of its singular
    elements that ``f`` reads and that vary with the parameters at ``moving`` (see the module
    docstring): empty where there is none, one nudge cannot serve every call of a site with one
    (:func:`_one_nudge`), or there are too many."""
    _, path, recorded, compared = _run(module, recorder, inputs)
    base = (path, compared, recorder.results)
    numbered = _numbered(recorded)
    varied = _varied(module, recorder, inputs, moving, base, numbered) if any(
        np.any(sites[k].singular(u)) for (k, _), u in numbered.items()) else {}
    singular: dict[int, list[tuple[int, np.ndarray]]] = {}
    for (k, call), u in numbered.items():
        moved = varied.get((k, call))
        at = sites[k].singular(u) & (moved != 0.0) if moved is not None and \
            moved.shape == u.shape else np.zeros(u.shape, dtype=bool)  # (a constant, such as
        if np.any(at):  # a padding, never moves)
            singular.setdefault(k, []).append((call, at))
    if sum(int(np.count_nonzero(at)) for found in singular.values() for _, at in found) > LIMIT:
        return {}
    read = {}
    for k, found in singular.items():
        masks = {}
        for call, at in found:
            masks[call] = np.zeros(at.shape, dtype=bool)
            for j in np.flatnonzero(at.reshape(-1)):
                masks[call].reshape(-1)[j] = _reads(module, recorder, inputs, (k, call, int(j)),
                                                    base)
        calls = [u for (site, _), u in numbered.items() if site == k]
        dead = {call for call in range(len(calls)) if not masks.get(call, np.zeros(1)).any() and
                not _reads(module, recorder, inputs, (k, call, None), base)}
        nudge = _one_nudge(calls, masks, sites[k], dead)
        if nudge is None:
            return {}
        if nudge[0].any():
            read[k] = nudge
    return read


def _one_nudge(calls: list[np.ndarray], masks: dict[int, np.ndarray], site: Site,
               dead: set[int] = frozenset()) -> tuple[np.ndarray, np.ndarray] | None:
    """The nudge into the domain (:meth:`.sites.Site.nudge`), and the fix that gives the site's
    value back (``arccos(u + n) + fix`` is ``arccos(u)``: a nudge of one step below 1 moves the
    value by 1.5e-8), at a site the program calls with the arguments ``calls`` (in order),
    ``masks`` the read singular ones of some calls; ``None`` when one nudge, added at every call,
    would move something else: an element must be read and singular at every call where adding
    the nudge, or the fix, changes it (a constant 0, or an unread one, in a loop's first
    iteration and a value zero in its second; fuzz seed 4764, program 131 has a value zero in
    two iterations, ``sqrt(w * w)`` once ``w - sqrt(w * w)`` made ``w`` 0), or the nudges of two
    calls differ (1 in one, -1 in the other).  A call in ``dead``, whose value ``f`` does not
    read at all (a NaN in every element leaves ``f`` as it was: an iteration the next one
    overwrites), may be moved: the value zero read at a later call is the same one (fuzz seed
    5512, program 34: ``c = np.var(np.cbrt(v))`` in every iteration, ``v`` a value zero; a
    structural NaN of such an iteration is found where the last one is not singular, feature
    'dead_iterations')."""
    if any(u.shape != calls[0].shape for u in calls):
        return None
    nudge, point = np.zeros(calls[0].shape), np.zeros(calls[0].shape)
    union = np.zeros(calls[0].shape, dtype=bool)
    for call, mask in masks.items():
        step = np.where(mask, site.nudge(calls[call]), 0.0)
        if np.any(union & mask & (step != nudge)):
            return None
        nudge, point = np.where(mask, step, nudge), np.where(mask, calls[call], point)
        union |= mask
    fix = np.where(union, site.value(point) - site.value(point + nudge), 0.0)
    for call, u in enumerate(calls):
        with np.errstate(all="ignore"):
            moved = ((u + nudge != u) | (site.value(u + nudge) + fix != site.value(u))) & union
        if call not in dead and np.any(moved & ~masks.get(call, np.zeros(u.shape, dtype=bool))):
            return None
    return nudge, fix


def _numbered(sites: list[tuple[int, np.ndarray]]) -> dict[tuple[int, int], np.ndarray]:
    """The recorded arguments by (site, how many times it was called before)."""
    calls: dict[int, int] = {}
    out = {}
    for k, u in sites:
        calls[k] = calls.get(k, -1) + 1
        out[(k, calls[k])] = u
    return out


def _varied(module: Any, recorder: Recorder, inputs: list[Any], moving: list[int],
            base: tuple, at: dict[tuple[int, int], np.ndarray]) -> dict[tuple[int, int], np.ndarray]:
    """The sites' arguments, non-zero where they depend on the parameters at ``moving`` (see
    the module docstring; ``base``: the path, the comparisons and their results at the
    point, where the sites' arguments are ``at``)."""
    rng = np.random.default_rng(0)
    directions = {i: rng.standard_normal(np.shape(inputs[i])) for i in moving}
    out: dict[tuple[int, int], np.ndarray] = {}
    # (all parameters a small step along a seeded direction, then back along it: at a tie such
    # as `y <= 0.0` at y = 0 one way keeps the path; fuzz seed 4946, program 33)
    for step in (1e-6, -1e-6, 1e-9, -1e-9):
        moved = list(inputs)
        for i in moving:
            x = np.asarray(inputs[i], dtype=np.float64)
            value = x + step * np.maximum(1.0, np.abs(x)) * directions[i]
            moved[i] = value if isinstance(inputs[i], np.ndarray) else float(value)
        _, path, sites, compared = _run(module, recorder, moved)
        if path == base[0] and _same(base[1], compared):
            out = {key: np.where(u != at.get(key, 0.0), 1.0, 0.0) if np.shape(
                at.get(key)) == u.shape else np.zeros(u.shape) for key, u in _numbered(sites).items()}
            break
    for i in moving:  # (one element at a time NaN: where it reaches)
        for j in range(min(int(np.size(inputs[i])), LIMIT)):
            tainted = list(inputs)
            x = np.array(inputs[i], dtype=np.float64)
            x.reshape(-1)[j] = np.nan
            tainted[i] = x if isinstance(inputs[i], np.ndarray) else float(x)
            run = _replayed(module, recorder, tainted, base)
            if run is None:
                continue
            for key, u in _numbered(run[1]).items():
                reached = np.where(np.isnan(u), 1.0, 0.0)
                out[key] = reached if key not in out or out[key].shape != u.shape else \
                    np.maximum(out[key], reached)
    return out


def _reads(module: Any, recorder: Recorder, inputs: list[Any], tainted: tuple[int, int, int],
           base: tuple) -> bool:
    """Whether ``f`` is NaN when one element of a site is (``tainted``: site, call, element), on the
    same path, every comparison's result as it was (:func:`_replayed`)."""
    recorder.tainted = tainted
    try:
        run = _replayed(module, recorder, inputs, base)
    finally:
        recorder.tainted = None
    return run is not None and bool(np.all(np.isnan(run[0])))


def explain(case: Any, plan: Any, api: Any, check: Any) -> tuple[str, str] | None:
    """The verdict and its detail for the NaN a check found at ``case``, when value zeros
    explain it (the module docstring): ``nan-value-zero`` where the nudged check passes;
    ``invalid`` where the nudged check cannot judge what is left (its reason: an order
    statistic's tie in a parameter the NaN hid, fuzz seed 5201, program 70, whose modes
    differentiating only the other parameter passed); else None (``wrong``).
    ``check(case, plan, api)`` runs the check again (an ``Outcome``)."""
    text = case.program.text
    with tempfile.TemporaryDirectory(prefix="tangentish-fuzz-nan-") as folder:
        recorder = Recorder()
        recorded, sites = instrument(text, "_FZ_SITE", compare=True)
        stems = [f"fz_nan_{part}_{id(recorder)}" for part in ("record", "nudged", "resolved")]
        try:
            module = _load(recorded, Path(folder), stems[0], {
                "_FZ_SITE": recorder.site, "_FZ_CMP": recorder.compare, "_FZ_CHAIN": recorder.chain,
                "_FZ_PICK": recorder.pick, "_FZ_CAST": recorder.cast, "_FZ_POW": recorder.power,
                "_FZ_ORDER": recorder.order,
                "_FZ_API": Original(api, stems[0], case.fn.__globals__)})
            moving = sorted({case.program.position(name) for name in plan.names()})
            read = read_singular(module, recorder, case.inputs, moving, sites)
            if not read:
                return None
            nudged_text, _ = instrument(text, None)
            nudged = _load(nudged_text, Path(folder), stems[1], _nudges(read, len(sites), False))
            outcome = check(replace(case, fn=nudged.f, filename=nudged.__file__), plan, api)
            if outcome.verdict == "wrong" and wrong_kind(outcome.detail) == "derivative":
                resolved = _load(nudged_text, Path(folder), stems[2], _nudges(read, len(sites), True))
                program = replace(case.program, text=nudged_text)
                outcome = check(prepare(program, resolved, case.inputs), plan, api)
            return _verdict(outcome)
        except Exception:  # noqa: BLE001  (anything unexpected: not shown to be a value zero)
            return None
        finally:
            for stem in stems:
                sys.modules.pop(stem, None)


def _verdict(nudged: Any) -> tuple[str, str] | None:
    """The original check's verdict from the nudged one's (see :func:`explain`)."""
    if nudged.verdict == "ok":
        return "nan-value-zero", ""
    if nudged.verdict == "invalid":
        return "invalid", f"a NaN from value zeros; the rest: {nudged.detail}"
    return None


def _nudges(read: dict[int, tuple[np.ndarray, np.ndarray]], count: int,
            resolved: bool) -> dict[str, list[Any]]:
    """Per site, what is added to its argument (``_FZ_NUDGE``: the nudge, or a step of
    ``RESOLVED`` the same way where ``resolved``) and to its value (``_FZ_FIX``: the fix, 0 where
    ``resolved``: that program is judged against its own finite differences)."""
    nudges: list[Any] = [0.0] * count
    fixes: list[Any] = [0.0] * count
    for k, (nudge, fix) in read.items():
        if resolved:
            nudge, fix = np.sign(nudge) * RESOLVED, np.zeros(fix.shape)
        nudges[k], fixes[k] = (nudge, fix) if nudge.ndim else (float(nudge), float(fix))
    return {"_FZ_NUDGE": nudges, "_FZ_FIX": fixes}
