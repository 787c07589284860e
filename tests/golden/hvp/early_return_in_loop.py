def jvp_grad_early_return_in_loop_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_early_return_in_loop_wrt_x with respect to x (tangentish)."""
    _tape = []
    _done_1_1 = False
    s_1_1 = 0.0
    _brk_1_1 = False
    len_x = len(x)
    range_len_x = range(len_x)
    _n_1 = 0
    _brk_2 = False
    _t3 = len(range_len_x)
    range_t3 = range(_t3)
    for _i_1 in range_t3:
        _i = range_len_x[_i_1]
        _n_1 = _n_1 + 1
        v = x[_i]
        s_1_3 = s_1_1 + v
        _t1 = s_1_3 > 2.0
        if _t1:
            result_1_1 = s_1_3 * 10.0
            _done_1_1 = True
            _brk_1_1 = True
            _tape.append(result_1_1)
        like_rt = _rt.like(s_1_1)
        like_rt_1 = _rt.like(v)
        _tape.append((_t1, like_rt, like_rt_1))
        if _brk_1_1:
            _brk_2 = True
        s_1_1 = s_1_3
        if _brk_2:
            break
    _t2 = not _done_1_1
    if _t2:
        result_1_1 = s_1_1
    s_1_bar = _rt.seed(result_1_1, out_bar, 'early_return_in_loop')
    if _t2:
        result_1_bar_1 = None
    else:
        result_1_bar_1 = s_1_bar
        s_1_bar = np.zeros_like(s_1_1)
    x_bar = np.zeros_like(x)
    _seq = range_len_x[:_n_1]
    _len = len(_seq)
    range_len = range(_len)
    for _i_2 in range_len:
        len_minus_1 = _len - 1
        _t4 = len_minus_1 - _i_2
        _i_6 = _seq[_t4]
        pop_tape = _tape.pop()
        _t1_4 = pop_tape[0]
        s_2_4 = pop_tape[1]
        v_4 = pop_tape[2]
        if _t1_4:
            result_1_8 = _tape.pop()
            _t5 = result_1_bar_1 is not None
            if not _t5:
                result_1_bar_1 = np.zeros_like(result_1_8)
            t6_times_10 = result_1_bar_1 * 10.0
            s_1_bar = s_1_bar + t6_times_10
            result_1_bar_1 = None
        v_bar = _rt.unbroadcast(s_1_bar, v_4)
        s_1_bar = _rt.unbroadcast(s_1_bar, s_2_4)
        x_bar_item = x_bar[_i_6]
        _t8 = x_bar_item + v_bar
        x_bar[_i_6] = _t8
    return x_bar, np.zeros_like(x_bar)
