def jvp_grad_square_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_square_wrt_x with respect to x (tangentish)."""
    out = x * x
    out_bar_1 = _rt.seed(out, out_bar, 'square')
    _t1 = out_bar_1 * x
    _t1_dot = out_bar_1 * x_dot
    x_bar = 2 * _t1
    x_bar_dot = 2 * _t1_dot
    return x_bar, x_bar_dot
