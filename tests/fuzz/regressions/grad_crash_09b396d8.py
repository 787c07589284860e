"""Fuzz regression: grad crash (seed 0, program 0, shrunk in 74 tries).

crash: IndentationError: expected an indented block after 'for' statement on line 5 (<unknown>,
line 6) at tangentish/loader.py:61 in load
"""


def f(v):
    for i, xi1 in enumerate(v):
        pass
    return 1.0


FUZZ_CASE = {
    "mode": 'grad',
    "wrt": [['v', 'index']],
    "many": False,
    "second": None,
    "seed": [0, 0, 0, 0],
    "params": [['v', 'array', [4], None]],
    "inputs": [[-0.6906398587083891, -1.3770794281914158, -1.4504170934144127, 0.9398107176008175]],
    "found": ("crash: IndentationError: expected an indented block after 'for' statement on line 5 "
              '(<unknown>, line 6) at tangentish/loader.py:61 in load'),
}
