def jvp_early_return_in_loop_wrt_x(x, *, x_dot):
    """Value and directional derivative of early_return_in_loop with respect to x (tangentish)."""
    _done_1 = False
    s_1 = 0.0
    _brk_1 = False
    len_x = len(x)
    range_len_x = range(len_x)
    s_1_dot = 0.0
    for _i in range_len_x:
        v = x[_i]
        v_dot = x_dot[_i]
        s_1 = s_1 + v
        s_1_dot = s_1_dot + v_dot
        _t1 = s_1 > 2.0
        if _t1:
            result_1 = s_1 * 10.0
            result_1_dot = s_1_dot * 10.0
            _done_1 = True
            _brk_1 = True
        if _brk_1:
            break
    _t2 = not _done_1
    if not _t2:
        s_1 = result_1
        s_1_dot = result_1_dot
    return s_1, s_1_dot
