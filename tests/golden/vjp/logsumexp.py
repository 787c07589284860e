def vjp_logsumexp_wrt_x_forward(x):
    """Primal of logsumexp with respect to x (tangentish): returns the output and what the pullback needs."""
    m = np.max(x)
    x_minus_m = x - m
    exp_x_minus_m = np.exp(x_minus_m)
    _t1 = np.sum(exp_x_minus_m)
    log_t1 = np.log(_t1)
    out = m + log_t1
    return out, (_t1, exp_x_minus_m)


def vjp_logsumexp_wrt_x_backward(_residuals, out_bar):
    """Pullback of logsumexp with respect to x (tangentish): cotangent in, gradients out."""
    _t1, exp_x_minus_m = _residuals
    # adjoint of: return m + np.log(np.sum(np.exp(x - m)))  [zoo.py:111]
    _t1_bar = out_bar / _t1
    exp_x_minus_m_bar = _rt.unreduce(_t1_bar, exp_x_minus_m)
    x_bar = exp_x_minus_m_bar * exp_x_minus_m
    return x_bar
