def jvp_loop_with_branch_wrt_x(x, *, x_dot):
    """Value and directional derivative of loop_with_branch with respect to x (tangentish)."""
    s_1 = 0.0
    len_x = len(x)
    range_len_x = range(len_x)
    s_1_dot = 0.0
    for _i in range_len_x:
        v = x[_i]
        v_dot = x_dot[_i]
        _t1 = v > 0
        if _t1:
            v_times_v = v * v
            v_times_v_dot = 2 * (v_dot * v)
            s_1 = s_1 + v_times_v
            s_1_dot = s_1_dot + v_times_v_dot
        else:
            exp_v = np.exp(v)
            exp_v_dot = v_dot * exp_v
            s_1 = s_1 - exp_v
            s_1_dot = s_1_dot - exp_v_dot
    return s_1, s_1_dot
