def jvp_grad_relu_norm_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_relu_norm_wrt_x with respect to x (tangentish)."""
    h = np.maximum(x, 0.0)
    pick_first_rt = _rt.pick_first(x, 0.0)
    h_dot = _rt.chosen(x_dot, pick_first_rt)
    h_times_h = h * h
    h_times_h_dot = 2 * (h_dot * h)
    sum_h_times_h = np.sum(h_times_h)
    sum_h_times_h_dot = np.sum(h_times_h_dot)
    out = np.sqrt(sum_h_times_h)
    out_times_2 = 2.0 * out
    pick_first_rt_nonzero = pick_first_rt != 0
    any_pick_first_rt = np.any(pick_first_rt_nonzero)
    out_dot = _rt.divided(any_pick_first_rt, sum_h_times_h_dot, out_times_2)
    out_bar_1 = _rt.seed(out, out_bar, 'relu_norm')
    out_times_2_dot = 2.0 * out_dot
    _t1 = out_bar_1 / out_times_2
    _t1_dot = _rt.divided(any_pick_first_rt, -(out_times_2_dot * _t1), out_times_2)
    t1_times_h = _t1 * h
    t1_times_h_dot = np.where(np.logical_or(any_pick_first_rt, pick_first_rt_nonzero), _t1_dot * h + _t1 * h_dot, 0.0)
    h_bar = 2 * t1_times_h
    h_bar_dot = 2 * t1_times_h_dot
    x_bar = _rt.chosen(h_bar, pick_first_rt)
    x_bar_dot = _rt.chosen(h_bar_dot, pick_first_rt)
    return x_bar, x_bar_dot
