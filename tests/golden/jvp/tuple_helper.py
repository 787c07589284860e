def jvp_tuple_helper_wrt_x_y(x, y, *, x_dot, y_dot):
    """Value and directional derivative of tuple_helper with respect to x, y (tangentish)."""
    x_times_y = x * y
    x_times_y_dot = x_dot * y + x * y_dot
    x_plus_y = x + y
    x_plus_y_dot = x_dot + y_dot
    sum_x_plus_y = np.sum(x_plus_y)
    sum_x_plus_y_dot = np.sum(x_plus_y_dot)
    _t1 = (x_times_y, sum_x_plus_y)
    _t1_dot = (x_times_y_dot, sum_x_plus_y_dot)
    p = _t1[0]
    p_dot = _t1_dot[0]
    q = _t1[1]
    q_dot = _t1_dot[1]
    p_times_q = p * q
    p_times_q_dot = p_dot * q + p * q_dot
    out = np.sum(p_times_q)
    out_dot = np.sum(p_times_q_dot)
    return out, out_dot
