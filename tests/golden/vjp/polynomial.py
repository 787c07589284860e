def vjp_polynomial_wrt_x_forward(x):
    """Primal of polynomial with respect to x (tangentish): returns the output and what the pullback needs."""
    out = 2 * x ** 2 + 3 * x + 1
    return out, (x,)


def vjp_polynomial_wrt_x_backward(_residuals, out_bar):
    """Pullback of polynomial with respect to x (tangentish): cotangent in, gradients out."""
    x = _residuals[0]
    # adjoint of: return 2 * x ** 2 + 3 * x + 1  [zoo.py:34]
    x_bar = out_bar * 3
    x_bar = x_bar + 4 * out_bar * x
    return x_bar
