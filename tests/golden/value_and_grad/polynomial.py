def value_and_grad_polynomial_wrt_x(x, *, out_bar=1.0):
    """Value and gradient of polynomial with respect to x (tangentish)."""
    out = 2 * x ** 2 + 3 * x + 1
    out_bar = _rt.seed(out, out_bar, 'polynomial')
    # adjoint of: return 2 * x ** 2 + 3 * x + 1  [zoo.py:34]
    x_bar = out_bar * 3
    x_bar = x_bar + 4 * out_bar * x
    return out, x_bar
