def jvp_grad_helper_in_loop_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_helper_in_loop_wrt_x with respect to x (tangentish)."""
    _tape = []
    _tape_dot = []
    s_1_1 = 0.0
    range_3 = range(3)
    len_range_3 = len(range_3)
    _t2 = range(len_range_3)
    for _i in _t2:
        i = range_3[_i]
        x_times_i = x * i
        x_times_i_dot = x_dot * i
        _t1 = helper(x_times_i, 1.5)
        like_rt = _rt.like(_t1)
        like_rt_1 = _rt.like(s_1_1)
        _tape.append((like_rt, like_rt_1, x_times_i))
        _tape_dot.append((np.zeros_like(like_rt), np.zeros_like(like_rt_1), x_times_i_dot))
        s_1_1 = s_1_1 + _t1
    out = np.sum(s_1_1)
    out_bar_1 = _rt.seed(out, out_bar, 'helper_in_loop')
    s_1_bar_1 = _rt.unreduce(out_bar_1, s_1_1)
    x_bar_1 = np.zeros_like(x)
    _len = len(range_3)
    range_len = range(_len)
    x_bar_1_dot = np.zeros_like(x_bar_1)
    for _i_1 in range_len:
        len_minus_1 = _len - 1
        _t3 = len_minus_1 - _i_1
        i_4 = range_3[_t3]
        pop_tape = _tape.pop()
        pop_tape_dot = _tape_dot.pop(-1)
        _t1_4 = pop_tape[0]
        s_1_6 = pop_tape[1]
        x_times_i_4 = pop_tape[2]
        x_times_i_4_dot = pop_tape_dot[2]
        _t1_bar = _rt.unbroadcast(s_1_bar_1, _t1_4)
        s_1_bar_1 = _rt.unbroadcast(s_1_bar_1, s_1_6)
        x_times_i_bar = grad_helper_wrt_a(x_times_i_4, 1.5, out_bar=_t1_bar)
        x_times_i_bar_dot = jvp_grad_helper_wrt_a_wrt_a(x_times_i_4, 1.5, out_bar=_t1_bar, a_dot=x_times_i_4_dot)[1]
        _t4 = x_times_i_bar * i_4
        _t4_dot = x_times_i_bar_dot * i_4
        x_bar_1 = x_bar_1 + _t4
        x_bar_1_dot = x_bar_1_dot + _t4_dot
    return x_bar_1, x_bar_1_dot


# derivative of the helper grad_helper_wrt_a(), called above
def jvp_grad_helper_wrt_a_wrt_a(a, scale=2.0, *, out_bar=1.0, a_dot):
    """Value and directional derivative of grad_helper_wrt_a with respect to a (tangentish)."""
    tanh_a = np.tanh(a)
    _t2 = tanh_a * tanh_a
    _t3 = 1.0 - _t2
    tanh_a_dot = a_dot * _t3
    out = tanh_a * scale
    out_bar_1 = _rt.seed(out, out_bar, 'helper')
    _t1 = out_bar_1 * scale
    unbroadcast_rt = _rt.unbroadcast(_t1, tanh_a)
    _t2_dot = 2 * (tanh_a_dot * tanh_a)
    _t3_dot = -_t2_dot
    a_bar = unbroadcast_rt * _t3
    a_bar_dot = unbroadcast_rt * _t3_dot
    return a_bar, a_bar_dot
