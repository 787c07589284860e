def jvp_while_value_wrt_x(x, *, x_dot):
    """Value and directional derivative of while_value with respect to x (tangentish)."""
    n_1 = 0
    _t1 = x < 10.0
    while _t1:
        x = x * 1.5
        x_dot = x_dot * 1.5
        n_1 = n_1 + 1
        _t1 = x < 10.0
    out = x * n_1
    out_dot = x_dot * n_1
    return out, out_dot
