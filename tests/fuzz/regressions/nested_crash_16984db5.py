"""Fuzz regression: nested crash (seed 5793, program 45, shrunk in 530 tries).

crash: ValueError: operands could not be broadcast together with remapped shapes
[original->remapped]: (2,) and requested shape (0,) at tangentish/runtime/broadcast.py:88 in
unbroadcast
"""


def f(A):
    it11 = iter([A, A])
    a12 = next(it11)
    b13 = next(it11, 0.5)
    rest14 = list(it11)
    Z10 = sum(rest14, 0.0)
    return Z10 * A[1, 0]


FUZZ_CASE = {
    "mode": 'nested',
    "wrt": [['A', 'index']],
    "many": False,
    "second": ['A', 'name'],
    "seed": [5793, 45, 0, 8],
    "params": [['A', 'array', [4, 2], None]],
    "inputs": [[[0.6955913609949271, -1.4585414577809672],
                [-0.5933332237496054, -0.33751889036934823],
                [-1.1517043451532776, -1.314055409095364],
                [1.446056988976804, 0.7224639287793262]]],
    "found": ('crash: ValueError: operands could not be broadcast together with remapped shapes '
              '[original->remapped]: (2,)  and requested shape (0,) at '
              'tangentish/runtime/broadcast.py:88 in unbroadcast'),
}
