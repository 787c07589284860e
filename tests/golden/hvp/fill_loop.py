def jvp_grad_fill_loop_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_fill_loop_wrt_x with respect to x (tangentish)."""
    _tape = []
    _tape_dot = []
    len_x = len(x)
    out = np.zeros(len_x)
    out_dot = np.zeros_like(out)
    len_x_1 = len(x)
    range_len_x_1 = range(len_x_1)
    _t2 = len(range_len_x_1)
    range_t2 = range(_t2)
    for _i in range_t2:
        i = range_len_x_1[_i]
        x_item = x[i]
        x_item_dot = x_dot[i]
        sin_x_item = np.sin(x_item)
        sin_x_item_dot = x_item_dot * np.cos(x_item)
        _t1 = sin_x_item * x_item
        _t1_dot = sin_x_item_dot * x_item + sin_x_item * x_item_dot
        out[i] = _t1
        out_dot[i] = _t1_dot
        like_rt = _rt.like(_t1)
        _tape.append((like_rt, sin_x_item, x_item))
        _tape_dot.append((np.zeros_like(like_rt), sin_x_item_dot, x_item_dot))
    out_times_out = out * out
    out_1 = np.sum(out_times_out)
    out_1_bar = _rt.seed(out_1, out_bar, 'fill_loop')
    _t3 = out_1_bar * out
    _t3_dot = out_1_bar * out_dot
    out_bar_1 = 2 * _t3
    out_bar_1_dot = 2 * _t3_dot
    x_bar = np.zeros_like(x)
    x_bar_dot = np.zeros_like(x_bar)
    _len = len(range_len_x_1)
    range_len = range(_len)
    for _i_1 in range_len:
        len_minus_1 = _len - 1
        _t4 = len_minus_1 - _i_1
        i_4 = range_len_x_1[_t4]
        pop_tape = _tape.pop()
        pop_tape_dot = _tape_dot.pop(-1)
        _t1_4 = pop_tape[0]
        sin_x_item_4 = pop_tape[1]
        sin_x_item_4_dot = pop_tape_dot[1]
        x_item_4 = pop_tape[2]
        x_item_4_dot = pop_tape_dot[2]
        out_bar_1_item = out_bar_1[i_4]
        out_bar_1_item_dot = out_bar_1_dot[i_4]
        _t1_bar = _rt.unbroadcast(out_bar_1_item, _t1_4)
        _t1_bar_dot = _rt.unbroadcast(out_bar_1_item_dot, _t1_4)
        sin_x_item_bar = _t1_bar * x_item_4
        sin_x_item_bar_dot = _t1_bar_dot * x_item_4 + _t1_bar * x_item_4_dot
        _t5 = _t1_bar * sin_x_item_4
        _t5_dot = _t1_bar_dot * sin_x_item_4 + _t1_bar * sin_x_item_4_dot
        x_bar[i_4] = _t5
        x_bar_dot[i_4] = _t5_dot
        x_bar_item = x_bar[i_4]
        x_bar_item_dot = x_bar_dot[i_4]
        cos_x_item_4 = np.cos(x_item_4)
        cos_x_item_4_dot = -x_item_4_dot * np.sin(x_item_4)
        _t6 = sin_x_item_bar * cos_x_item_4
        _t6_dot = sin_x_item_bar_dot * cos_x_item_4 + sin_x_item_bar * cos_x_item_4_dot
        _t7 = x_bar_item + _t6
        _t7_dot = x_bar_item_dot + _t6_dot
        x_bar[i_4] = _t7
        x_bar_dot[i_4] = _t7_dot
    return x_bar, x_bar_dot
