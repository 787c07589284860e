def jvp_early_return_in_loop_wrt_x(x, *, x_dot):
    """Value and directional derivative of early_return_in_loop with respect to x (tangentish)."""
    _done_1 = False
    s_1 = 0.0
    _brk_1 = False
    len_x = len(x)
    range_len_x = range(len_x)
    result_1 = _rt.UNBOUND
    result_1_dot = _rt.UNBOUND
    s_1_dot = np.zeros_like(s_1)
    for _i in range_len_x:
        v = x[_i]
        v_dot = x_dot[_i]
        s_3 = s_1 + v
        s_3_dot = s_1_dot + v_dot
        _t1 = s_3 > 2.0
        if _t1:
            result_4 = s_3 * 10.0
            result_4_dot = s_3_dot * 10.0
            _done_4 = True
            _brk_4 = True
        else:
            _brk_4 = _brk_1
            _done_4 = _done_1
            result_4 = result_1
            result_4_dot = result_1_dot
        _brk_1 = _brk_4
        _done_1 = _done_4
        result_1 = result_4
        result_1_dot = result_4_dot
        s_1 = s_3
        s_1_dot = s_3_dot
        if _brk_4:
            break
    _t2 = not _done_1
    if _t2:
        result_5 = s_1
        result_5_dot = s_1_dot
    else:
        result_5 = result_1
        result_5_dot = result_1_dot
    return result_5, result_5_dot
