def jvp_grad_reductions_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_reductions_wrt_x with respect to x (tangentish)."""
    mean_x = x.mean(axis=0)
    mean_x_dot = np.mean(x_dot, axis=0)
    max_x = x.max(axis=1, keepdims=True)
    ties_rt = _rt.ties(x, max_x, axis=1, keepdims=True)
    max_x_dot = np.sum(_rt.chosen(x_dot, ties_rt), axis=1, keepdims=True)
    max_x_T = max_x.T
    max_x_T_dot = np.transpose(max_x_dot)
    _t1 = mean_x * max_x_T
    out = np.sum(_t1)
    out_bar_1 = _rt.seed(out, out_bar, 'reductions')
    _t1_bar = _rt.unreduce(out_bar_1, _t1, view=True)
    _t2 = _t1_bar * max_x_T
    _t2_dot = _t1_bar * max_x_T_dot
    mean_x_bar = _rt.unbroadcast(_t2, mean_x)
    mean_x_bar_dot = _rt.unbroadcast(_t2_dot, mean_x)
    _t3 = _t1_bar * mean_x
    _t3_dot = _t1_bar * mean_x_dot
    unbroadcast_rt = _rt.unbroadcast(_t3, max_x_T)
    unbroadcast_rt_dot = _rt.unbroadcast(_t3_dot, max_x_T)
    max_x_bar = np.transpose(unbroadcast_rt)
    max_x_bar_dot = np.transpose(unbroadcast_rt_dot)
    x_bar = _rt.chosen(max_x_bar, ties_rt)
    x_bar_dot = _rt.chosen(max_x_bar_dot, ties_rt)
    unreduce_rt = _rt.unreduce(mean_x_bar, x, axis=0)
    unreduce_rt_dot = _rt.unreduce(mean_x_bar_dot, x, axis=0)
    shape_x = np.shape(x)
    shape_x0 = shape_x[0]
    _t4 = unreduce_rt / shape_x0
    _t4_dot = unreduce_rt_dot / shape_x0
    x_bar_1 = x_bar + _t4
    x_bar_1_dot = x_bar_dot + _t4_dot
    return x_bar_1, x_bar_1_dot
