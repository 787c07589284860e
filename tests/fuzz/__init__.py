"""The differential fuzzer (issue 8): random valid NumPy programs, every transform checked against
finite differences with an error estimate.

Layers, each module importing only those below it::

    run.py / cli.py             the command line and the summary (report.py)
    runner.py                   generate, load, find an accepted point, run the modes
    shrink.py, regress.py       minimal failing programs, saved regressions
    modes.py                    one check per mode, classified (ok/wrong/crash/refused/invalid,
                                nan-value-zero: value_zero.py; invalid at a tie: ties.py)
    checks.py, plan.py          the case at a point, comparisons; what a check does (wrt, seeds)
    oracle.py                   finite differences, error estimates, branch/kink rejection
    gen_program.py              program k of seed s
    gen_flow.py, gen_stmt.py    blocks, control flow, statements
    grammar.py                  expressions: gen_elem.py, gen_array.py, gen_call.py
    context.py, features.py     generation state; the feature table
    program.py                  a program as text + parameters; loading it from a real file
    value_zero.py               a NaN only value zeros explain (reading oracle.py)
    ties.py                     an order statistic tied at the point (not differentiable there)

Only the public API is used (``tangentish.grad``, ``value_and_grad``, ``jvp``, ``vjp``, ``hvp``,
``hessian``, ``TangentishError``), passed in as a module, so the fuzzer judges any implementation.
"""
