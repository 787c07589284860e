def jvp_logsumexp_wrt_x(x, *, x_dot):
    """Value and directional derivative of logsumexp with respect to x (tangentish)."""
    m = np.max(x)
    x_minus_m = x - m
    exp_x_minus_m = np.exp(x_minus_m)
    exp_x_minus_m_dot = x_dot * exp_x_minus_m
    _t1 = np.sum(exp_x_minus_m)
    _t1_dot = np.sum(exp_x_minus_m_dot)
    log_t1 = np.log(_t1)
    out_dot = _t1_dot / _t1
    out = m + log_t1
    return out, out_dot
