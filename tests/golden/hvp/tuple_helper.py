def jvp_grad_tuple_helper_wrt_x_wrt_x(x, y, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_tuple_helper_wrt_x with respect to x (tangentish)."""
    x_times_y = x * y
    x_times_y_dot = x_dot * y
    x_plus_y = x + y
    x_plus_y_dot = np.asarray(np.broadcast_to(x_dot, np.shape(x_plus_y)), np.result_type(x_plus_y, 0.0))
    sum_x_plus_y = np.sum(x_plus_y)
    sum_x_plus_y_dot = np.sum(x_plus_y_dot)
    p_times_q = x_times_y * sum_x_plus_y
    out = np.sum(p_times_q)
    out_bar_1 = _rt.seed(out, out_bar, 'tuple_helper')
    p_times_q_bar = _rt.unreduce(out_bar_1, p_times_q, view=True)
    x_times_y_bar = p_times_q_bar * sum_x_plus_y
    x_times_y_bar_dot = p_times_q_bar * sum_x_plus_y_dot
    _t1 = p_times_q_bar * x_times_y
    _t1_dot = p_times_q_bar * x_times_y_dot
    sum_x_plus_y_bar = _rt.unbroadcast(_t1, sum_x_plus_y)
    sum_x_plus_y_bar_dot = _rt.unbroadcast(_t1_dot, sum_x_plus_y)
    unreduce_rt = _rt.unreduce(sum_x_plus_y_bar, x_plus_y)
    unreduce_rt_dot = _rt.unreduce(sum_x_plus_y_bar_dot, x_plus_y)
    x_bar = _rt.unbroadcast(unreduce_rt, x)
    x_bar_dot = _rt.unbroadcast(unreduce_rt_dot, x)
    _t2 = x_times_y_bar * y
    _t2_dot = x_times_y_bar_dot * y
    unbroadcast_rt = _rt.unbroadcast(_t2, x)
    unbroadcast_rt_dot = _rt.unbroadcast(_t2_dot, x)
    x_bar_1 = x_bar + unbroadcast_rt
    x_bar_1_dot = x_bar_dot + unbroadcast_rt_dot
    return x_bar_1, x_bar_1_dot
