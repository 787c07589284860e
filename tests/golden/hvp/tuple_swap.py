def jvp_grad_tuple_swap_wrt_a_wrt_a(a, b, *, out_bar=1.0, a_dot):
    """Value and directional derivative of grad_tuple_swap_wrt_a with respect to a (tangentish)."""
    a_times_b = a * b
    _t1 = b * a_times_b
    out = np.sum(_t1)
    out_bar_1 = _rt.seed(out, out_bar, 'tuple_swap')
    unreduce_rt = _rt.unreduce(out_bar_1, _t1, view=True)
    _t2 = unreduce_rt * b
    a_times_b_bar = _rt.unbroadcast(_t2, a_times_b)
    _t3 = a_times_b_bar * b
    a_bar = _rt.unbroadcast(_t3, a)
    return a_bar, np.zeros_like(a_bar)
