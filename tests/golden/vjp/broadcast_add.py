def vjp_broadcast_add_wrt_x_y_forward(x, y):
    """Primal of broadcast_add with respect to x, y (tangentish): returns the output and what the pullback needs."""
    x_plus_y = x + y
    x_plus_y_pow_2 = x_plus_y ** 2
    out = np.sum(x_plus_y_pow_2)
    return out, (x, x_plus_y, y)


def vjp_broadcast_add_wrt_x_y_backward(_residuals, out_bar):
    """Pullback of broadcast_add with respect to x, y (tangentish): cotangent in, gradients out."""
    x, x_plus_y, y = _residuals
    # adjoint of: return np.sum((x + y) ** 2)  [zoo.py:74]
    x_plus_y_bar = out_bar * 2 * x_plus_y
    x_bar = _rt.unbroadcast(x_plus_y_bar, x)
    y_bar = _rt.unbroadcast(x_plus_y_bar, y)
    return x_bar, y_bar
