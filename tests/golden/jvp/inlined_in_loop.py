def jvp_inlined_in_loop_wrt_x(x, *, x_dot):
    """Value and directional derivative of inlined_in_loop with respect to x (tangentish)."""
    range_3 = range(3)
    h_1 = x
    h_1_dot = x_dot
    for _ in range_3:
        tanh_h_2 = np.tanh(h_1)
        tanh_h_2_dot = h_1_dot * (1.0 - tanh_h_2 * tanh_h_2)
        _t1 = 0.5 * tanh_h_2
        _t1_dot = 0.5 * tanh_h_2_dot
        h_2_minus_t1 = h_1 - _t1
        h_2_minus_t1_dot = h_1_dot - _t1_dot
        h_1 = h_2_minus_t1 * x
        h_1_dot = h_2_minus_t1_dot * x + h_2_minus_t1 * x_dot
    h_1_pow_2 = h_1 ** 2
    h_1_pow_2_dot = h_1_dot * 2 * h_1
    out = np.sum(h_1_pow_2)
    out_dot = np.sum(h_1_pow_2_dot)
    return out, out_dot
