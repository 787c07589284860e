def grad_square_wrt_x(x, *, out_bar=1.0):
    """Gradient of square with respect to x (tangentish)."""
    out = x * x
    out_bar = _rt.seed(out, out_bar, 'square')
    del out
    # adjoint of: return x * x  [zoo.py:30]
    x_bar = 2 * (out_bar * x)
    return x_bar
