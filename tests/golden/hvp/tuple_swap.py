def jvp_grad_tuple_swap_wrt_a_wrt_a(a, b, *, out_bar=1.0, a_dot):
    """Value and directional derivative of grad_tuple_swap_wrt_a with respect to a (tangentish)."""
    a_times_b = a * b
    _t1 = b * a_times_b
    out = np.sum(_t1)
    out_bar_1 = _rt.seed(out, out_bar, 'tuple_swap')
    _t2 = _rt.unreduce_view(out_bar_1, _t1)
    t2_times_b = _t2 * b
    a_times_b_bar = _rt.unbroadcast(t2_times_b, a_times_b)
    _t3 = a_times_b_bar * b
    a_bar = _rt.unbroadcast(_t3, a)
    return a_bar, _rt.zeros_like(a_bar)
