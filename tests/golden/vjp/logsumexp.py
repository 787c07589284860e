def vjp_logsumexp_wrt_x_forward(x):
    """Primal of logsumexp with respect to x (tangentish): returns the output and what the pullback needs."""
    m = np.max(x)
    exp_x_minus_m = np.exp(x - m)
    _t1 = np.sum(exp_x_minus_m)
    out = m + np.log(_t1)
    return out, (_t1, exp_x_minus_m)


def vjp_logsumexp_wrt_x_backward(_residuals, out_bar):
    """Pullback of logsumexp with respect to x (tangentish): cotangent in, gradients out."""
    _t1, exp_x_minus_m = _residuals
    # adjoint of: return m + np.log(np.sum(np.exp(x - m)))  [zoo.py:111]
    x_bar = _rt.divided(out_bar != 0, out_bar, _t1) * exp_x_minus_m
    return x_bar
