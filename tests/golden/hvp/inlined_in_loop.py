def jvp_grad_inlined_in_loop_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_inlined_in_loop_wrt_x with respect to x (tangentish)."""
    _tape = []
    _tape_dot = []
    range_3 = range(3)
    len_range_3 = len(range_3)
    _t1 = range(len_range_3)
    h_1_1 = x
    h_1_1_dot = x_dot
    for _i in _t1:
        tanh_h_2 = np.tanh(h_1_1)
        tanh_h_2_dot = h_1_1_dot * (1.0 - tanh_h_2 * tanh_h_2)
        _t2 = 0.5 * tanh_h_2
        _t2_dot = 0.5 * tanh_h_2_dot
        h_2_minus_t1 = h_1_1 - _t2
        h_2_minus_t1_dot = h_1_1_dot - _t2_dot
        h_1_1 = h_2_minus_t1 * x
        h_1_1_dot = h_2_minus_t1_dot * x + h_2_minus_t1 * x_dot
        _tape.append((h_2_minus_t1, tanh_h_2))
        _tape_dot.append((h_2_minus_t1_dot, tanh_h_2_dot))
    h_1_pow_2 = h_1_1 ** 2
    out = np.sum(h_1_pow_2)
    out_bar_1 = _rt.seed(out, out_bar, 'inlined_in_loop')
    _t3 = out_bar_1 * 2
    h_1_bar_1 = _t3 * h_1_1
    h_1_bar_1_dot = _t3 * h_1_1_dot
    x_bar_1 = np.zeros_like(x)
    _len = len(range_3)
    range_len = range(_len)
    x_bar_1_dot = np.zeros_like(x_bar_1)
    for _i_1 in range_len:
        pop_tape = _tape.pop()
        pop_tape_dot = _tape_dot.pop(-1)
        h_2_minus_t1_4 = pop_tape[0]
        h_2_minus_t1_4_dot = pop_tape_dot[0]
        tanh_h_2_4 = pop_tape[1]
        tanh_h_2_4_dot = pop_tape_dot[1]
        h_2_minus_t1_bar = h_1_bar_1 * x
        h_2_minus_t1_bar_dot = h_1_bar_1_dot * x + h_1_bar_1 * x_dot
        _t5 = h_1_bar_1 * h_2_minus_t1_4
        _t5_dot = h_1_bar_1_dot * h_2_minus_t1_4 + h_1_bar_1 * h_2_minus_t1_4_dot
        x_bar_1 = x_bar_1 + _t5
        x_bar_1_dot = x_bar_1_dot + _t5_dot
        tanh_h_2_bar = h_2_minus_t1_bar * -0.5
        tanh_h_2_bar_dot = h_2_minus_t1_bar_dot * -0.5
        _t6 = tanh_h_2_4 * tanh_h_2_4
        _t6_dot = 2 * (tanh_h_2_4_dot * tanh_h_2_4)
        _t7 = 1.0 - _t6
        _t7_dot = -_t6_dot
        _t8 = tanh_h_2_bar * _t7
        _t8_dot = tanh_h_2_bar_dot * _t7 + tanh_h_2_bar * _t7_dot
        h_1_bar_1 = h_2_minus_t1_bar + _t8
        h_1_bar_1_dot = h_2_minus_t1_bar_dot + _t8_dot
    x_bar_4 = x_bar_1 + h_1_bar_1
    x_bar_4_dot = x_bar_1_dot + h_1_bar_1_dot
    return x_bar_4, x_bar_4_dot
