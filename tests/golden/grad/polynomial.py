def grad_polynomial_wrt_x(x, *, out_bar=1.0):
    """Gradient of polynomial with respect to x (tangentish)."""
    x_pow_2 = x ** 2
    _t1 = 2 * x_pow_2
    x_times_3 = 3 * x
    _t2 = _t1 + x_times_3
    out = _t2 + 1
    out_bar = _rt.seed(out, out_bar, 'polynomial')
    # adjoint of: return 2 * x ** 2 + 3 * x + 1  [zoo.py:34]
    x_bar = out_bar * 3
    x_pow_2_bar = out_bar * 2
    x_bar = x_bar + x_pow_2_bar * 2 * x
    return x_bar
