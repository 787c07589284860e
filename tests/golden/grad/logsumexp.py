def grad_logsumexp_wrt_x(x, *, out_bar=1.0):
    """Gradient of logsumexp with respect to x (tangentish)."""
    m = np.max(x)
    exp_x_minus_m = np.exp(x - m)
    _t1 = np.sum(exp_x_minus_m)
    out = m + np.log(_t1)
    out_bar = _rt.seed(out, out_bar, 'logsumexp')
    # adjoint of: return m + np.log(np.sum(np.exp(x - m)))  [zoo.py:111]
    x_bar = out_bar / _t1 * exp_x_minus_m
    return x_bar
