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
        x_item_1 = x[i]
        x_item_1_dot = x_dot[i]
        _t1 = sin_x_item * x_item_1
        _t1_dot = sin_x_item_dot * x_item_1 + sin_x_item * x_item_1_dot
        out[i] = _t1
        out_dot[i] = _t1_dot
        like_rt = _rt.like(_t1)
        _tape.append((like_rt, sin_x_item, x_item, x_item_1))
        _tape_dot.append((np.zeros_like(like_rt), sin_x_item_dot, x_item_dot, x_item_1_dot))
    out_times_out = out * out
    out_1 = np.sum(out_times_out)
    out_1_bar = _rt.seed(out_1, out_bar, 'fill_loop')
    _t3 = out_1_bar * out
    _t3_dot = out_1_bar * out_dot
    out_bar_1 = 2 * _t3
    out_bar_1_dot = 2 * _t3_dot
    x_bar = np.zeros_like(x)
    x_bar_dot = np.zeros_like(x_bar)
    _t4 = len(range_len_x_1)
    range_t4 = range(_t4)
    for _i_1 in range_t4:
        _t5 = len(range_len_x_1)
        t5_minus_1 = _t5 - 1
        _t6 = t5_minus_1 - _i_1
        i_4 = range_len_x_1[_t6]
        pop_tape = _tape.pop()
        pop_tape_dot = _tape_dot.pop(-1)
        _t1_4 = pop_tape[0]
        sin_x_item_4 = pop_tape[1]
        sin_x_item_4_dot = pop_tape_dot[1]
        x_item_5 = pop_tape[2]
        x_item_5_dot = pop_tape_dot[2]
        x_item_1_4 = pop_tape[3]
        x_item_1_4_dot = pop_tape_dot[3]
        out_bar_1_item = out_bar_1[i_4]
        out_bar_1_item_dot = out_bar_1_dot[i_4]
        _t1_bar = _rt.unbroadcast(out_bar_1_item, _t1_4)
        _t1_bar_dot = _rt.unbroadcast(out_bar_1_item_dot, _t1_4)
        _rt.check_unshared(out_bar_1, _t1_bar, 'out_bar', '_t1_bar', 'grad_fill_loop_wrt_x_09f0df5ac79aafbf.py:26', i_4)
        out_bar_1[i_4] = 0.0
        out_bar_1_dot[i_4] = 0.0
        sin_x_item_bar = _t1_bar * x_item_1_4
        sin_x_item_bar_dot = _t1_bar_dot * x_item_1_4 + _t1_bar * x_item_1_4_dot
        _t7 = _t1_bar * sin_x_item_4
        _t7_dot = _t1_bar_dot * sin_x_item_4 + _t1_bar * sin_x_item_4_dot
        x_bar[i_4] = _t7
        x_bar_dot[i_4] = _t7_dot
        x_bar_item = x_bar[i_4]
        x_bar_item_dot = x_bar_dot[i_4]
        cos_x_item_5 = np.cos(x_item_5)
        cos_x_item_5_dot = -x_item_5_dot * np.sin(x_item_5)
        _t8 = sin_x_item_bar * cos_x_item_5
        _t8_dot = sin_x_item_bar_dot * cos_x_item_5 + sin_x_item_bar * cos_x_item_5_dot
        _t9 = x_bar_item + _t8
        _t9_dot = x_bar_item_dot + _t8_dot
        x_bar[i_4] = _t9
        x_bar_dot[i_4] = _t9_dot
    return x_bar, x_bar_dot
