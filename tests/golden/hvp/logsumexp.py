def jvp_grad_logsumexp_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_logsumexp_wrt_x with respect to x (tangentish)."""
    m = np.max(x)
    m_dot = np.sum(_rt.chosen(x_dot, _rt.ties(x, m)))
    x_minus_m = x - m
    x_minus_m_dot = x_dot - m_dot
    exp_x_minus_m = np.exp(x_minus_m)
    exp_x_minus_m_dot = x_minus_m_dot * exp_x_minus_m
    _t1 = np.sum(exp_x_minus_m)
    _t1_dot = np.sum(exp_x_minus_m_dot)
    log_t1 = np.log(_t1)
    out = m + log_t1
    out_bar_1 = _rt.seed(out, out_bar, 'logsumexp')
    _t2 = out_bar_1 / _t1
    _t2_dot = -(_t1_dot * _t2) / _t1
    x_bar = _t2 * exp_x_minus_m
    x_bar_dot = _t2_dot * exp_x_minus_m + _t2 * exp_x_minus_m_dot
    return x_bar, x_bar_dot
