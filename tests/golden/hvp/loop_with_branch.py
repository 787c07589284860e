def jvp_grad_loop_with_branch_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_loop_with_branch_wrt_x with respect to x (tangentish)."""
    _tape = []
    _tape_dot = []
    s_1_1 = 0.0
    len_x = len(x)
    range_len_x = range(len_x)
    _t2 = len(range_len_x)
    range_t2 = range(_t2)
    for _i_1 in range_t2:
        _i = range_len_x[_i_1]
        v = x[_i]
        v_dot = x_dot[_i]
        _t1 = v > 0
        if _t1:
            v_times_v_3 = v * v
            like_rt = _rt.like(s_1_1)
            like_rt_1 = _rt.like(v_times_v_3)
            _tape.append((like_rt, v, like_rt_1))
            _tape_dot.append((np.zeros_like(like_rt), v_dot, np.zeros_like(like_rt_1)))
            s_1_1 = s_1_1 + v_times_v_3
        else:
            exp_v_3 = np.exp(v)
            exp_v_3_dot = v_dot * exp_v_3
            like_rt_2 = _rt.like(s_1_1)
            _tape.append((exp_v_3, like_rt_2))
            _tape_dot.append((exp_v_3_dot, np.zeros_like(like_rt_2)))
            s_1_1 = s_1_1 - exp_v_3
        _tape.append(_t1)
        _tape_dot.append(np.zeros_like(_t1))
    s_1_bar_1 = _rt.seed(s_1_1, out_bar, 'loop_with_branch')
    x_bar = np.zeros_like(x)
    x_bar_dot = np.zeros_like(x_bar)
    _len = len(range_len_x)
    range_len = range(_len)
    for _i_2 in range_len:
        len_minus_1 = _len - 1
        _t3 = len_minus_1 - _i_2
        _i_6 = range_len_x[_t3]
        _t1_4 = _tape.pop()
        _tape_dot.pop()
        if _t1_4:
            pop_tape = _tape.pop()
            pop_tape_dot = _tape_dot.pop(-1)
            s_1_8 = pop_tape[0]
            v_4 = pop_tape[1]
            v_4_dot = pop_tape_dot[1]
            v_times_v_7 = pop_tape[2]
            unbroadcast_rt = _rt.unbroadcast(s_1_bar_1, v_times_v_7)
            _t4 = unbroadcast_rt * v_4
            _t4_dot = unbroadcast_rt * v_4_dot
            v_bar = 2 * _t4
            v_bar_dot = 2 * _t4_dot
            s_1_bar_1 = _rt.unbroadcast(s_1_bar_1, s_1_8)
        else:
            pop_tape_1 = _tape.pop()
            pop_tape_1_dot = _tape_dot.pop(-1)
            exp_v_7 = pop_tape_1[0]
            exp_v_7_dot = pop_tape_1_dot[0]
            s_1_9 = pop_tape_1[1]
            neg_s_1_bar_2 = -s_1_bar_1
            unbroadcast_rt_1 = _rt.unbroadcast(neg_s_1_bar_2, exp_v_7)
            v_bar = unbroadcast_rt_1 * exp_v_7
            v_bar_dot = unbroadcast_rt_1 * exp_v_7_dot
            s_1_bar_1 = _rt.unbroadcast(s_1_bar_1, s_1_9)
        x_bar[_i_6] = v_bar
        x_bar_dot[_i_6] = v_bar_dot
    return x_bar, x_bar_dot
