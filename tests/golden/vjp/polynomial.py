def vjp_polynomial_wrt_x_forward(x):
    """Primal of polynomial with respect to x (tangentish): returns the output and what the pullback needs."""
    x_pow_2 = x ** 2
    _t1 = 2 * x_pow_2
    x_times_3 = 3 * x
    _t2 = _t1 + x_times_3
    out = _t2 + 1
    return out, (x,)


def vjp_polynomial_wrt_x_backward(_residuals, out_bar):
    """Pullback of polynomial with respect to x (tangentish): cotangent in, gradients out."""
    x = _residuals[0]
    # adjoint of: return 2 * x ** 2 + 3 * x + 1  [zoo.py:34]
    x_bar = out_bar * 3
    x_pow_2_bar = out_bar * 2
    x_bar = x_bar + x_pow_2_bar * 2 * x
    return x_bar
