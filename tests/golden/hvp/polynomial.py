def jvp_grad_polynomial_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_polynomial_wrt_x with respect to x (tangentish)."""
    x_pow_2 = x ** 2
    _t1 = 2 * x_pow_2
    x_times_3 = 3 * x
    _t2 = _t1 + x_times_3
    out = _t2 + 1
    out_bar_1 = _rt.seed(out, out_bar, 'polynomial')
    x_bar = out_bar_1 * 3
    _t3 = out_bar_1 * 2
    t3_times_2 = _t3 * 2
    _t4 = t3_times_2 * x
    _t4_dot = t3_times_2 * x_dot
    x_bar_1 = x_bar + _t4
    x_bar_1_dot = np.broadcast_to(_t4_dot, np.shape(x_bar_1))
    return x_bar_1, x_bar_1_dot
