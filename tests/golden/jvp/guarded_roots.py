def jvp_guarded_roots_wrt_x(x, *, x_dot):
    """Value and directional derivative of guarded_roots with respect to x (tangentish)."""
    _t1 = x > 0.0
    sqrt_x = np.sqrt(x)
    sqrt_x_dot = x_dot / (2.0 * sqrt_x)
    root = np.where(_t1, sqrt_x, 0.0)
    root_dot = np.where(_t1, sqrt_x_dot, 0.0)
    sum_root = np.sum(root)
    sum_root_dot = np.sum(root_dot)
    log_x = np.log(x)
    log_x_dot = x_dot / x
    log_x_slice = log_x[1:]
    log_x_slice_dot = log_x_dot[1:]
    _t2 = np.sum(log_x_slice)
    _t2_dot = np.sum(log_x_slice_dot)
    out = sum_root + _t2
    out_dot = sum_root_dot + _t2_dot
    return out, out_dot
