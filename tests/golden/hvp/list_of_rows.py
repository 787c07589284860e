def jvp_grad_list_of_rows_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_list_of_rows_wrt_x with respect to x (tangentish)."""
    _tape = []
    _tape_dot = []
    rows = []
    rows_dot = []
    x_shape = x.shape
    x_shape0 = x_shape[0]
    range_x_shape0 = range(x_shape0)
    _t4 = len(range_x_shape0)
    range_t4 = range(_t4)
    for _i in range_t4:
        i = range_x_shape0[_i]
        x_item = x[i]
        x_item_dot = x_dot[i]
        tanh_x_item = np.tanh(x_item)
        tanh_x_item_dot = x_item_dot * (1.0 - tanh_x_item * tanh_x_item)
        i_plus_1 = i + 1
        _t1 = tanh_x_item * i_plus_1
        _t1_dot = tanh_x_item_dot * i_plus_1
        rows.append(_t1)
        rows_dot.append(_t1_dot)
        _tape.append((i_plus_1, tanh_x_item))
        _tape_dot.append((np.zeros_like(i_plus_1), tanh_x_item_dot))
    stack_rows = np.stack(rows)
    stack_rows_dot = np.stack(rows_dot)
    _t2 = stack_rows ** 2
    sum_t2 = np.sum(_t2)
    _t3 = np.concatenate(rows)
    sum_t3 = np.sum(_t3)
    out = sum_t2 + sum_t3
    out_bar_1 = _rt.seed(out, out_bar, 'list_of_rows')
    unreduce_rt = _rt.unreduce(out_bar_1, _t3)
    _t5 = stack_rows.shape
    rows_bar = np.reshape(unreduce_rt, _t5)
    _t6 = out_bar_1 * 2
    _t7 = _t6 * stack_rows
    _t7_dot = _t6 * stack_rows_dot
    rows_bar_1 = rows_bar + _t7
    rows_bar_2_dot = np.broadcast_to(_t7_dot, np.shape(rows_bar_1))
    x_bar = np.zeros_like(x)
    x_bar_dot = np.zeros_like(x_bar)
    _len = len(range_x_shape0)
    range_len = range(_len)
    for _i_1 in range_len:
        len_minus_1 = _len - 1
        _t8 = len_minus_1 - _i_1
        i_4 = range_x_shape0[_t8]
        pop_tape = _tape.pop()
        pop_tape_dot = _tape_dot.pop(-1)
        i_plus_1_4 = pop_tape[0]
        tanh_x_item_4 = pop_tape[1]
        tanh_x_item_4_dot = pop_tape_dot[1]
        _t1_bar = rows_bar_1[-1]
        _t1_bar_dot = rows_bar_2_dot[-1]
        rows_bar_1 = rows_bar_1[:-1]
        rows_bar_2_dot = rows_bar_2_dot[:-1]
        _t9 = tanh_x_item_4 * tanh_x_item_4
        _t9_dot = 2 * (tanh_x_item_4_dot * tanh_x_item_4)
        _t10 = 1.0 - _t9
        _t10_dot = -_t9_dot
        _t11 = _t1_bar * i_plus_1_4
        _t11_dot = _t1_bar_dot * i_plus_1_4
        t10_times_t11 = _t10 * _t11
        t10_times_t11_dot = _t10_dot * _t11 + _t10 * _t11_dot
        x_bar[i_4] = t10_times_t11
        x_bar_dot[i_4] = t10_times_t11_dot
    return x_bar, x_bar_dot
