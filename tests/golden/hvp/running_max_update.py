def jvp_grad_running_max_update_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_running_max_update_wrt_x with respect to x (tangentish)."""
    _tape = []
    x_shape = x.shape
    x_shape1 = x_shape[1]
    best_1_1 = np.zeros(x_shape1)
    len_x = len(x)
    range_len_x = range(len_x)
    _t2 = len(range_len_x)
    range_t2 = range(_t2)
    for _i_1 in range_t2:
        _i = range_len_x[_i_1]
        row = x[_i]
        best_1_3 = np.maximum(best_1_1, row)
        best_30 = best_1_3[0]
        _t1 = best_30 * 0.5
        best_1_3[0] = _t1
        like_rt = _rt.like(_t1)
        _tape.append((like_rt, best_1_1, row))
        best_1_1 = best_1_3
    out = np.sum(best_1_1)
    out_bar_1 = _rt.seed(out, out_bar, 'running_max_update')
    best_1_bar_1 = _rt.unreduce(out_bar_1, best_1_1)
    x_bar = np.zeros_like(x)
    _len = len(range_len_x)
    range_len = range(_len)
    for _i_2 in range_len:
        len_minus_1 = _len - 1
        _t3 = len_minus_1 - _i_2
        _i_6 = range_len_x[_t3]
        pop_tape = _tape.pop()
        _t1_4 = pop_tape[0]
        best_2_4 = pop_tape[1]
        row_4 = pop_tape[2]
        best_1_bar_20 = best_1_bar_1[0]
        _t1_bar = _rt.unbroadcast(best_1_bar_20, _t1_4)
        _t4 = _t1_bar * 0.5
        best_1_bar_1[0] = _t4
        pick_first_rt = _rt.pick_first(row_4, best_2_4)
        chosen_rt = _rt.chosen(best_1_bar_1, pick_first_rt)
        row_bar = _rt.unbroadcast(chosen_rt, row_4)
        pick_first_rt_1 = _rt.pick_first(best_2_4, row_4)
        chosen_rt_1 = _rt.chosen(best_1_bar_1, pick_first_rt_1)
        best_1_bar_1 = _rt.unbroadcast(chosen_rt_1, best_2_4)
        x_bar[_i_6] = row_bar
    return x_bar, np.zeros_like(x_bar)
