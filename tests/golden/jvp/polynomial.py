def jvp_polynomial_wrt_x(x, *, x_dot):
    """Value and directional derivative of polynomial with respect to x (tangentish)."""
    x_pow_2 = x ** 2
    x_pow_2_dot = x_dot * 2 * x
    _t1 = 2 * x_pow_2
    _t1_dot = 2 * x_pow_2_dot
    x_times_3 = 3 * x
    x_times_3_dot = 3 * x_dot
    _t2 = _t1 + x_times_3
    out_dot = _t1_dot + x_times_3_dot
    out = _t2 + 1
    return out, out_dot
