def jvp_reductions_wrt_x(x, *, x_dot):
    """Value and directional derivative of reductions with respect to x (tangentish)."""
    mean_x = x.mean(axis=0)
    mean_x_dot = np.mean(x_dot, axis=0)
    max_x = x.max(axis=1, keepdims=True)
    max_x_dot = np.sum(_rt.chosen(x_dot, _rt.ties(x, max_x, axis=1, keepdims=True)), axis=1, keepdims=True)
    max_x_T = max_x.T
    max_x_T_dot = np.transpose(max_x_dot)
    _t1 = mean_x * max_x_T
    _t1_dot = mean_x_dot * max_x_T + mean_x * max_x_T_dot
    out = np.sum(_t1)
    out_dot = np.sum(_t1_dot)
    return out, out_dot
