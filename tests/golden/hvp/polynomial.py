def jvp_grad_polynomial_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_polynomial_wrt_x with respect to x (tangentish)."""
    x_pow_2 = x ** 2
    _t1 = 2 * x_pow_2
    x_times_3 = 3 * x
    _t2 = _t1 + x_times_3
    out = _t2 + 1
    out_bar_1 = _rt.seed(out, out_bar, 'polynomial')
    x_bar = out_bar_1 * 3
    _t3 = 4 * out_bar_1
    t3_times_x = _t3 * x
    t3_times_x_dot = _t3 * x_dot
    x_bar_1 = x_bar + t3_times_x
    x_bar_1_dot = np.broadcast_to(t3_times_x_dot, np.shape(x_bar_1))
    return x_bar_1, x_bar_1_dot
