def jvp_indexing_wrt_x(x, *, x_dot):
    """Value and directional derivative of indexing with respect to x (tangentish)."""
    x0 = x[0]
    x0_dot = x_dot[0]
    x_last = x[-1]
    x_last_dot = x_dot[-1]
    _t1 = x0 * x_last
    _t1_dot = x0_dot * x_last + x0 * x_last_dot
    x_slice = x[1:3]
    x_slice_dot = x_dot[1:3]
    sum_x_slice = np.sum(x_slice)
    sum_x_slice_dot = np.sum(x_slice_dot)
    out = _t1 + sum_x_slice
    out_dot = _t1_dot + sum_x_slice_dot
    return out, out_dot
