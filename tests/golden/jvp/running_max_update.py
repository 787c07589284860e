def jvp_running_max_update_wrt_x(x, *, x_dot):
    """Value and directional derivative of running_max_update with respect to x (tangentish)."""
    x_shape = x.shape
    x_shape1 = x_shape[1]
    best_1 = np.zeros(x_shape1)
    len_x = len(x)
    range_len_x = range(len_x)
    best_1_dot = np.zeros_like(best_1)
    for _i in range_len_x:
        row = x[_i]
        row_dot = x_dot[_i]
        best_1_dot = _rt.chosen(best_1_dot, _rt.pick_first(best_1, row)) + _rt.chosen(row_dot, _rt.pick_first(row, best_1))
        best_1 = np.maximum(best_1, row)
        best_30 = best_1[0]
        best_30_dot = best_1_dot[0]
        _t1 = best_30 * 0.5
        _t1_dot = best_30_dot * 0.5
        best_1[0] = _t1
        best_1_dot[0] = _t1_dot
    out = np.sum(best_1)
    out_dot = np.sum(best_1_dot)
    return out, out_dot
