def jvp_guarded_roots_wrt_x(x, *, x_dot):
    """Value and directional derivative of guarded_roots with respect to x (tangentish)."""
    log_x = np.log(x)
    x_dot_nonzero = x_dot != 0
    log_x_dot = _rt.divided(x_dot_nonzero, x_dot, x)
    logs = log_x[1:]
    logs_dot = log_x_dot[1:]
    _t1 = x > 0.0
    sqrt_x = np.sqrt(x)
    sqrt_x_dot = _rt.divided(x_dot_nonzero, x_dot, 2.0 * sqrt_x)
    where_t1 = np.where(_t1, sqrt_x, 0.0)
    where_t1_dot = np.where(_t1, sqrt_x_dot, 0.0)
    sum_where_t1 = np.sum(where_t1)
    sum_where_t1_dot = np.sum(where_t1_dot)
    sum_logs = np.sum(logs)
    sum_logs_dot = np.sum(logs_dot)
    out = sum_where_t1 + sum_logs
    out_dot = sum_where_t1_dot + sum_logs_dot
    return out, out_dot
