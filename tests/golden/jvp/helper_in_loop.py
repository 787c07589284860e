def jvp_helper_in_loop_wrt_x(x, *, x_dot):
    """Value and directional derivative of helper_in_loop with respect to x (tangentish)."""
    s_1 = 0.0
    range_3 = range(3)
    s_1_dot = 0.0
    for i in range_3:
        x_times_i = x * i
        x_times_i_dot = x_dot * i
        _t1 = helper(x_times_i, 1.5)
        _t1_dot = jvp_helper_wrt_a(x_times_i, 1.5, a_dot=x_times_i_dot)[1]
        s_1 = s_1 + _t1
        s_1_dot = s_1_dot + _t1_dot
    out = np.sum(s_1)
    out_dot = np.sum(s_1_dot)
    return out, out_dot


# derivative of the helper helper(), called above
def jvp_helper_wrt_a(a, scale=2.0, *, a_dot):
    """Value and directional derivative of helper with respect to a (tangentish)."""
    tanh_a = np.tanh(a)
    tanh_a_dot = a_dot * (1.0 - tanh_a * tanh_a)
    out = tanh_a * scale
    out_dot = tanh_a_dot * scale
    return out, out_dot
