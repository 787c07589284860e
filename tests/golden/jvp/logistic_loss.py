def jvp_logistic_loss_wrt_w_b(w, b, x, y, *, w_dot, b_dot):
    """Value and directional derivative of logistic_loss with respect to w, b (tangentish)."""
    x_at_w = x @ w
    x_at_w_dot = x @ w_dot
    z = x_at_w + b
    z_dot = x_at_w_dot + b_dot
    neg_z = -z
    neg_z_dot = -z_dot
    exp_neg_z = np.exp(neg_z)
    _t1_dot = neg_z_dot * exp_neg_z
    _t1 = 1.0 + exp_neg_z
    p = 1.0 / _t1
    p_dot = -(_t1_dot * p) / _t1
    log_p = np.log(p)
    log_p_dot = p_dot / p
    y_times_log_p = y * log_p
    y_times_log_p_dot = y * log_p_dot
    _t2 = 1.0 - y
    _t3 = 1.0 - p
    _t3_dot = -p_dot
    log_t3 = np.log(_t3)
    log_t3_dot = _t3_dot / _t3
    _t4 = _t2 * log_t3
    _t4_dot = _t2 * log_t3_dot
    _t5 = y_times_log_p + _t4
    _t5_dot = y_times_log_p_dot + _t4_dot
    mean_t5 = np.mean(_t5)
    mean_t5_dot = np.mean(_t5_dot)
    out = -mean_t5
    out_dot = -mean_t5_dot
    return out, out_dot
