def jvp_grad_indexing_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_indexing_wrt_x with respect to x (tangentish)."""
    x0 = x[0]
    x0_dot = x_dot[0]
    x_last = x[-1]
    x_last_dot = x_dot[-1]
    _t1 = x0 * x_last
    x_slice = x[1:3]
    sum_x_slice = np.sum(x_slice)
    out = _t1 + sum_x_slice
    out_bar_1 = _rt.seed(out, out_bar, 'indexing')
    unbroadcast_rt = _rt.unbroadcast(out_bar_1, sum_x_slice)
    x_slice_bar = _rt.unreduce(unbroadcast_rt, x_slice)
    slice_1 = slice(1, 3, None)
    x_bar = _rt.unindex(x_slice_bar, x, slice_1)
    _t2 = out_bar_1 * x_last
    _t2_dot = out_bar_1 * x_last_dot
    x0_bar = _rt.unbroadcast(_t2, x0)
    x0_bar_dot = _rt.unbroadcast(_t2_dot, x0)
    _t3 = out_bar_1 * x0
    _t3_dot = out_bar_1 * x0_dot
    unbroadcast_rt_1 = _rt.unbroadcast(_t3, x_last)
    unbroadcast_rt_1_dot = _rt.unbroadcast(_t3_dot, x_last)
    x_bar_1 = _rt.add_at(x_bar, unbroadcast_rt_1, x, -1)
    x_bar_1_dot = _rt.add_at(np.zeros_like(_rt.own(x_bar)), unbroadcast_rt_1_dot, x, -1)
    x_bar_2 = _rt.add_at(x_bar_1, x0_bar, x, 0)
    x_bar_2_dot = _rt.add_at(_rt.own(x_bar_1_dot), x0_bar_dot, x, 0)
    return x_bar_2, x_bar_2_dot
