def vjp_sin_of_square_wrt_x_forward(x):
    """Primal of sin_of_square with respect to x (tangentish): returns the output and what the pullback needs."""
    x_times_x = x * x
    out = np.sin(x_times_x)
    return out, (x, x_times_x)


def vjp_sin_of_square_wrt_x_backward(_residuals, out_bar):
    """Pullback of sin_of_square with respect to x (tangentish): cotangent in, gradients out."""
    x, x_times_x = _residuals
    # adjoint of: return np.sin(x * x)  [zoo.py:38]
    x_bar = 2 * (out_bar * np.cos(x_times_x) * x)
    return x_bar
