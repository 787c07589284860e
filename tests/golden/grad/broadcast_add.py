def grad_broadcast_add_wrt_x_y(x, y, *, out_bar=1.0):
    """Gradient of broadcast_add with respect to x, y (tangentish)."""
    x_plus_y = x + y
    x_plus_y_pow_2 = x_plus_y ** 2
    out = np.sum(x_plus_y_pow_2)
    out_bar = _rt.seed(out, out_bar, 'broadcast_add')
    # adjoint of: return np.sum((x + y) ** 2)  [zoo.py:74]
    x_plus_y_bar = out_bar * 2 * x_plus_y
    x_bar = _rt.unbroadcast(x_plus_y_bar, x)
    y_bar = _rt.unbroadcast(x_plus_y_bar, y)
    return x_bar, y_bar
