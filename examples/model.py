"""A small model for the command-line examples of the README (run from the repository's root)::

    tangentish show examples/model.py:loss --wrt w,b
    tangentish check examples/model.py:loss --spec examples/loss_spec.json
"""

import numpy as np


def loss(w, x, b):
    """Squared error of a tanh layer: w (3,), x (4, 3), b (4,)."""
    return np.sum((np.tanh(x @ w) + b) ** 2)
