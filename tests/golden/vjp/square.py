def vjp_square_wrt_x_forward(x):
    """Primal of square with respect to x (tangentish): returns the output and what the pullback needs."""
    out = x * x
    return out, (x,)


def vjp_square_wrt_x_backward(_residuals, out_bar):
    """Pullback of square with respect to x (tangentish): cotangent in, gradients out."""
    x = _residuals[0]
    # adjoint of: return x * x  [zoo.py:30]
    x_bar = 2 * (out_bar * x)
    return x_bar
