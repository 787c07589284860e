"""The generator's feature table: one row per family of constructs it can write.

A program draws each enabled feature with the row's probability, so programs differ in what they
combine; ``--without early_return,closures`` switches features off entirely (to hunt one bug class,
or to keep a known one out of a run).  Every production the generator uses names its feature, and
the features a program really used are recorded with it (the per-feature summary counts those).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Feature:
    name: str
    probability: float
    description: str


FEATURES: tuple[Feature, ...] = (
    # expressions
    Feature("arith", 1.0, "+ - * and unary minus on floats, vectors and matrices"),
    Feature("division", 0.6, "division by a value kept away from zero"),
    Feature("power", 0.6, "integer powers and fractional powers of positive values"),
    Feature("np_unary", 0.9, "elementwise NumPy functions from the rule table (sin, exp, log, ...)"),
    Feature("math_scalar", 0.4, "the math module and builtins abs/float on scalars"),
    Feature("np_binary", 0.5, "np.maximum/minimum/arctan2/hypot/logaddexp"),
    Feature("where_clip", 0.4, "np.where, np.clip, np.abs (kinks)"),
    Feature("reductions", 0.9, "sum/mean/max/min/prod/var/std/norm, with axis and keepdims"),
    Feature("linalg", 0.6, "@, np.dot, np.inner, np.outer, np.trace, transposes"),
    Feature("broadcasting", 0.7, "operands of different shapes, [:, None], keepdims"),
    Feature("indexing", 0.7, "ints, negative ints, slices with steps, integer lists, masks"),
    Feature("methods", 0.5, "array methods and attributes (.sum(), .T, .reshape, ...)"),
    Feature("shape_ops", 0.4, "np.stack, np.concatenate, np.cumsum, reshape, squeeze"),
    Feature("globals", 0.3, "module-level constant arrays and floats"),
    # statements
    Feature("reassign", 0.8, "reassignment and augmented assignment of locals"),
    Feature("inplace", 0.4, "element, slice and mask updates on copies and on np.zeros"),
    Feature("integral", 0.3, "integer and bool arrays (dtype=int, np.arange, int literals, masks) "
            "that varying values are written into, truncated"),
    Feature("tuple_unpack", 0.4, "tuple packing, unpacking and swaps"),
    Feature("lists", 0.3, "lists built by append, literals and comprehensions, fed to np.array/sum"),
    Feature("dicts", 0.3, "dict locals: displays, {} and writes, dict(...), read by key, .get, items"),
    # control flow
    Feature("if_else", 0.6, "if/else on value conditions"),
    Feature("elif", 0.4, "if/elif/else chains"),
    Feature("bool_ops", 0.4, "and/or/not and chained comparisons in conditions"),
    Feature("ternary", 0.4, "conditional expressions a if c else b"),
    Feature("for_range", 0.6, "for over range(...) with the index used as int and float"),
    Feature("for_array", 0.4, "for over rows, elements, enumerate and zip"),
    Feature("while_counter", 0.3, "while loops with a counter"),
    Feature("while_value", 0.3, "while loops with a value condition (and a counter bound)"),
    Feature("loop_last", 0.3, "a value assigned in a loop that surely runs, read after it"),
    Feature("break_continue", 0.4, "break and continue under conditions"),
    Feature("early_return", 0.4, "return inside branches and loops, at any depth"),
    Feature("int_param", 0.3, "an integer parameter used as a loop bound"),
    # functions
    Feature("helpers", 0.4, "module-level helpers called with keywords and defaults"),
    Feature("tuple_return", 0.3, "helpers returning tuples, unpacked by the caller"),
    Feature("closures", 0.3, "nested def and lambda reading the enclosing function's variables"),
    Feature("transforms", 0.3, "tangentish.grad / value_and_grad of a helper called in the body"),
    # late additions (features.LATE: drawn after the others, so older programs stay as they were)
    Feature("item_tuple", 0.3, "element or row swaps written as one tuple assignment"),
    Feature("rotation", 0.3, "three values handed round in one tuple assignment"),
    Feature("objects", 0.4, "the helpers as methods of a module object MODEL, reading self.k and "
            "self.v and calling each other as self.h1(...); f calls MODEL.h1(...)"),
    Feature("unused_domain", 0.3, "sqrt/log/arccos of values outside their domain or at a singular "
            "point that where/maximum/clip/fmax or a slice leaves unused (the reference ignores "
            "invalid and divide-by-zero warnings in such a program)"),
    Feature("windows", 0.3, "np.lib.stride_tricks.sliding_window_view windows reduced by sum, max "
            "or np.logaddexp.reduce, and np.logaddexp.reduce over an axis or all"),
    Feature("layers", 0.3, "a module list of layer objects and a tuple of functions that f loops "
            "over (zip, enumerate, reversed, a comprehension, an index); comprehensions with two "
            "fors"),
    Feature("view_writes", 0.3, "writes through a basic-subscript view or another name of an "
            "array the function owns (v = y[1:3]; v *= e; r = y[::-1]; r[0] += e; z = y; z[1] = e), and "
            "through a list of its rows (rows = [Y[0], Y[1]]; rows[1] *= e)"),
    Feature("unused_chains", 0.3, "a reduction of selections of sqrt of values outside its domain "
            "(a slice, gather, mask or join piece, then fmax/maximum/clip/where), selected by "
            "minimum/maximum (the reference ignores invalid and divide-by-zero warnings, as with "
            "unused_domain)"),
    Feature("records", 0.3, "a dataclass Rec or named tuple Frame built in f and read by its fields "
            "(a field of a Rec written again; a Frame also indexed)"),
    Feature("partials", 0.3, "functools.partial of a NumPy function, held in a local and called"),
    Feature("local_imports", 0.3, "f imports numpy and math itself (import numpy as onp, from "
            "numpy import linalg) and reads them only under those names"),
    Feature("joins", 0.3, "lists and tuples joined by +: stacked or summed, indexed, and a "
            "history grown by hs = hs + [h] in a loop"),
    Feature("functional", 0.3, "the walrus first in a condition or a value, any/all choosing a "
            "branch, functools.reduce, itertools.accumulate, zip(*pairs), map/filter of a lambda "
            "into sum or np.array, sorted of floats (reverse=, of a map)"),
    Feature("scalars_py", 0.3, "Python-float code on scalars: x ** 0.5, x ** y, math.sqrt/log/"
            "exp/atan2/hypot/pow/cbrt, abs, min(max(x, lo), hi), also at singular points a user "
            "passes (abs(x) ** 0.5 at x = 0.0) and ones a clamp leaves unused"),
    Feature("part_methods", 0.3, "a method changing its receiver called on a part of an array "
            "the function owns, read afterwards: y[1:4].sort(), y[::-1].fill(e), Y[:, j].fill(e), "
            "Y[i].sort(), Y[::-1].sort(axis=0)"),
    Feature("list_methods", 0.3, "a list of numbers the function made, changed by xs.sort() "
            "(reverse=True), xs.reverse(), xs.insert(j, e), xs.pop(j) and v = xs.pop(j), then read"),
    Feature("dtype_mix", 0.3, "float32 and integer constants mixed with float64 values (np.ones(n, "
            "dtype=np.float32) * y, np.arange(n) * y, np.float32(0.5) * y, np.float64(s), "
            "y.astype(np.float64)): NumPy's promotion gives float64 where the values vary"),
    Feature("einsum", 0.3, "np.einsum strings: sums, traces of products, matrix-vector, outer, "
            "implicit output ('ij,j'), one to three operands"),
    Feature("axis_tuples", 0.3, "reductions over axis tuples and negative axes ((0, 1), (-2,), "
            "-1), keepdims=True indexed away, also as methods"),
    Feature("out_args", 0.3, "a new array filled by a ufunc's out= (np.multiply(a, b, out=buf), "
            "np.sin(a, out=buf)) or by np.copyto(buf, a) and np.copyto(buf, a, where=c > 0.0)"),
    Feature("return_kinds", 0.3, "f's value returned as float(e), np.float64(e), np.asarray(e), "
            "np.array(e), np.asarray(e).item(), np.array([e])[0]: a transform's value must be of "
            "the type f returns"),
    Feature("orders", 0.3, "np.sort (axis=), argsort gathers (y[np.argsort(w)], take_along_axis), "
            "np.partition(y, k)[k], cumprod, diff (prepend=/append=/axis=), bincount weights, "
            "np.add.at into a new array"),
    Feature("solvers", 0.25, "np.linalg solve/inv/det/slogdet/cholesky/eigh/eigvalsh/pinv of a "
            "symmetric positive definite S = Z @ Z.T / k + 2.0 * np.eye(m) built from the "
            "program's values (eigenvectors only where their signs cancel)"),
    Feature("idioms", 0.3, "try/except around np.linalg calls and try/finally, match on literal "
            "cases, iter()/next(), closure factories (local and of the module), functions chosen "
            "by a branch, a plain class Box used as a record (with a method), dicts of params "
            "(generators over values, for key in p, 'b' in p, comprehensions), zip(*rows)"),
    Feature("dead_iterations", 0.3, "f's value computed in a loop whose earlier iterations, "
            "overwritten, meet a singular point: for k in range(3): res = e + np.sqrt(q * k)"),
    Feature("idioms2", 0.3, "a plain class Tally with a field computed in __init__ and a "
            "@property, keyword arguments spread from a dict (weigh(**kw)), np.var/np.std with "
            "ddof= and correction=, np.pad by a statistic (mean/median/maximum/minimum, "
            "stat_length=), scipy.special functions (when SciPy is present), np.any/np.all in "
            "and/or/not conditions"),
    Feature("complex", 0.3, "complex intermediates made from reals (np.exp(1j * e), a + 1j * b, "
            "complex(a, b), np.fft.fft, np.array([...], dtype=complex), .astype(complex)), "
            "multiplied, conjugated, chosen by np.where, joined, stacked, multiplied by @ and "
            "np.dot, written into (Z[i] = c, Z[a:] *= c) and made real (.real, .imag, abs ** 2)"),
)

NAMES: tuple[str, ...] = tuple(f.name for f in FEATURES)

LATE = frozenset({"loop_last", "transforms", "item_tuple", "rotation", "objects", "unused_domain",
                  "windows", "view_writes", "layers", "unused_chains", "records", "partials",
                  "local_imports", "joins", "functional", "scalars_py", "part_methods",
                  "list_methods", "dtype_mix", "einsum", "axis_tuples", "out_args",
                  "return_kinds", "orders", "solvers", "idioms",
                  "dead_iterations", "idioms2", "complex"})

LENIENT = frozenset({"unused_domain", "unused_chains"})
"""Features whose programs compute invalid values (and divide by zero) that they do not use."""
"""Features added after programs were saved and picked by seed and index: each is drawn from a
stream of its own, so that a program without them is the one it always was."""


def check_names(names: Iterable[str]) -> tuple[str, ...]:
    """The given feature names, checked against the table (a typo is an error, not a no-op)."""
    names = tuple(n for n in names if n)
    unknown = [n for n in names if n not in NAMES]
    if unknown:
        raise ValueError(f"unknown feature(s) {', '.join(unknown)}; known: {', '.join(NAMES)}")
    return names
