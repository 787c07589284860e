def jvp_grad_sin_of_square_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_sin_of_square_wrt_x with respect to x (tangentish)."""
    x_times_x = x * x
    x_times_x_dot = 2 * (x_dot * x)
    out = np.sin(x_times_x)
    out_bar_1 = _rt.seed(out, out_bar, 'sin_of_square')
    cos_x_times_x = np.cos(x_times_x)
    cos_x_times_x_dot = -x_times_x_dot * out
    _t1 = out_bar_1 * cos_x_times_x
    _t1_dot = out_bar_1 * cos_x_times_x_dot
    t1_times_x = _t1 * x
    t1_times_x_dot = _t1_dot * x + _t1 * x_dot
    x_bar = 2 * t1_times_x
    x_bar_dot = 2 * t1_times_x_dot
    return x_bar, x_bar_dot
