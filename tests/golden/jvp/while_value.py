def jvp_while_value_wrt_x(x, *, x_dot):
    """Value and directional derivative of while_value with respect to x (tangentish)."""
    n_1 = 0
    x_1 = x
    x_1_dot = x_dot
    _t1 = x_1 < 10.0
    while _t1:
        x_3 = x_1 * 1.5
        x_1_dot = x_1_dot * 1.5
        n_1 = n_1 + 1
        _t1 = x_3 < 10.0
        x_1 = x_3
    out = x_1 * n_1
    out_dot = x_1_dot * n_1
    return out, out_dot
