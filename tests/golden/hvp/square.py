def jvp_grad_square_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_square_wrt_x with respect to x (tangentish)."""
    out = x * x
    out_bar_1 = _rt.seed(out, out_bar, 'square')
    x_bar = out_bar_1 * x
    x_bar_dot = out_bar_1 * x_dot
    _t1 = out_bar_1 * x
    _t1_dot = out_bar_1 * x_dot
    x_bar_1 = x_bar + _t1
    x_bar_1_dot = x_bar_dot + _t1_dot
    return x_bar_1, x_bar_1_dot
