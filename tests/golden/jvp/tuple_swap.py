def jvp_tuple_swap_wrt_a_b(a, b, *, a_dot, b_dot):
    """Value and directional derivative of tuple_swap with respect to a, b (tangentish)."""
    a_times_b = a * b
    a_times_b_dot = a_dot * b + a * b_dot
    _t1 = b * a_times_b
    _t1_dot = b_dot * a_times_b + b * a_times_b_dot
    out = np.sum(_t1)
    out_dot = np.sum(_t1_dot)
    return out, out_dot
