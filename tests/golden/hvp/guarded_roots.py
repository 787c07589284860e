def jvp_grad_guarded_roots_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_guarded_roots_wrt_x with respect to x (tangentish)."""
    log_x = np.log(x)
    logs = log_x[1:]
    _t1 = x > 0.0
    sqrt_x = np.sqrt(x)
    sqrt_x_times_2 = 2.0 * sqrt_x
    x_dot_nonzero = x_dot != 0
    sqrt_x_dot = _rt.divided(x_dot_nonzero, x_dot, sqrt_x_times_2)
    where_t1 = np.where(_t1, sqrt_x, 0.0)
    sum_where_t1 = np.sum(where_t1)
    sum_logs = np.sum(logs)
    out = sum_where_t1 + sum_logs
    out_bar_1 = _rt.seed(out, out_bar, 'guarded_roots')
    logs_bar = _rt.unreduce(out_bar_1, logs)
    unreduce_rt = _rt.unreduce(out_bar_1, where_t1)
    sqrt_x_times_2_dot = 2.0 * sqrt_x_dot
    x_bar = _rt.divided(_t1, unreduce_rt, sqrt_x_times_2)
    x_bar_dot = np.where(x_dot_nonzero, -_rt.divided(_t1, sqrt_x_times_2_dot * x_bar, sqrt_x_times_2), 0.0)
    slice_1 = slice(1, None, None)
    log_x_bar = _rt.unindex(logs_bar, log_x, slice_1)
    x_bar_slice = x_bar[1:]
    x_bar_slice_dot = x_bar_dot[1:]
    _t2 = log_x_bar / x
    _t2_dot = np.where(x_dot_nonzero, np.broadcast_to(-(x_dot * _t2) / x, np.shape(_t2)), 0.0)
    slice_1_1 = slice(1, None, None)
    t2_item = _t2[slice_1_1]
    t2_item_dot = _t2_dot[slice_1_1]
    _t3 = x_bar_slice + t2_item
    _t3_dot = x_bar_slice_dot + t2_item_dot
    x_bar[1:] = _t3
    x_bar_dot[1:] = _t3_dot
    return x_bar, x_bar_dot
