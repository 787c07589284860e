def jvp_grad_for_rows_wrt_x_wrt_x(x, w, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_for_rows_wrt_x with respect to x (tangentish)."""
    _tape = []
    _tape_dot = []
    total_1_1 = 0.0
    len_x = len(x)
    range_len_x = range(len_x)
    _t1 = len(range_len_x)
    range_t1 = range(_t1)
    for _i_1 in range_t1:
        _i = range_len_x[_i_1]
        row = x[_i]
        row_dot = x_dot[_i]
        row_at_w = row @ w
        row_at_w_dot = row_dot @ w
        tanh_row_at_w = np.tanh(row_at_w)
        tanh_row_at_w_dot = row_at_w_dot * (1.0 - tanh_row_at_w * tanh_row_at_w)
        like_rt = _rt.like(total_1_1)
        _tape.append((row, tanh_row_at_w, like_rt))
        _tape_dot.append((row_dot, tanh_row_at_w_dot, np.zeros_like(like_rt)))
        total_1_1 = total_1_1 + tanh_row_at_w
    total_1_bar_1 = _rt.seed(total_1_1, out_bar, 'for_rows')
    x_bar = np.zeros_like(x)
    x_bar_dot = np.zeros_like(x_bar)
    _len = len(range_len_x)
    range_len = range(_len)
    for _i_2 in range_len:
        len_minus_1 = _len - 1
        _t2 = len_minus_1 - _i_2
        _i_6 = range_len_x[_t2]
        pop_tape = _tape.pop()
        pop_tape_dot = _tape_dot.pop(-1)
        row_4 = pop_tape[0]
        tanh_row_at_w_4 = pop_tape[1]
        tanh_row_at_w_4_dot = pop_tape_dot[1]
        total_1_6 = pop_tape[2]
        _t3 = tanh_row_at_w_4 * tanh_row_at_w_4
        _t3_dot = 2 * (tanh_row_at_w_4_dot * tanh_row_at_w_4)
        _t4 = 1.0 - _t3
        _t4_dot = -_t3_dot
        unbroadcast_rt = _rt.unbroadcast(total_1_bar_1, tanh_row_at_w_4)
        row_at_w_bar = _t4 * unbroadcast_rt
        row_at_w_bar_dot = _t4_dot * unbroadcast_rt
        total_1_bar_1 = _rt.unbroadcast(total_1_bar_1, total_1_6)
        row_bar = _rt.matmul_left(row_at_w_bar, row_4, w)
        row_bar_dot = _rt.matmul_left(row_at_w_bar_dot, row_4, w)
        x_bar[_i_6] = row_bar
        x_bar_dot[_i_6] = row_bar_dot
    return x_bar, x_bar_dot
