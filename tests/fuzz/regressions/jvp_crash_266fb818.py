"""Fuzz regression: jvp crash (seed 4801, program 102, shrunk in 689 tries).

crash: PrintError: cannot print a Zero expression at tangentish/syntax/printer.py:92 in _sub
"""



def f(v):
    import numpy as onp
    if 1.0:
        y4 = 1.0
    else:
        y7 = onp.sqrt(onp.concatenate((v, 1.0)))
        y4 = y7
    g8 = (v * y4, v)
    return onp.sum(g8)


FUZZ_CASE = {
    "mode": 'jvp',
    "wrt": [['v', 'negative']],
    "many": True,
    "second": None,
    "seed": [4801, 102, 0, 2],
    "params": [['v', 'array', [3], None]],
    "inputs": [[0.054810441410864996, 1.2035236448462543, 0.08480605119914575]],
    "found": ('crash: PrintError: cannot print a Zero expression at '
              'tangentish/syntax/printer.py:92 in _sub'),
}
