def jvp_tuple_helper_wrt_x_y(x, y, *, x_dot, y_dot):
    """Value and directional derivative of tuple_helper with respect to x, y (tangentish)."""
    x_times_y = x * y
    p_dot = x_dot * y + x * y_dot
    x_plus_y = x + y
    x_plus_y_dot = x_dot + y_dot
    sum_x_plus_y = np.sum(x_plus_y)
    q_dot = np.sum(x_plus_y_dot)
    p_times_q = x_times_y * sum_x_plus_y
    p_times_q_dot = p_dot * sum_x_plus_y + x_times_y * q_dot
    out = np.sum(p_times_q)
    out_dot = np.sum(p_times_q_dot)
    return out, out_dot
