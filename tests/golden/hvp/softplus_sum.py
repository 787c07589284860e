def jvp_grad_softplus_sum_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_softplus_sum_wrt_x with respect to x (tangentish)."""
    exp_x = np.exp(x)
    exp_x_dot = x_dot * exp_x
    log1p_exp_x = np.log1p(exp_x)
    out = np.sum(log1p_exp_x)
    out_bar_1 = _rt.seed(out, out_bar, 'softplus_sum')
    exp_x_plus_1 = 1.0 + exp_x
    _t1 = out_bar_1 / exp_x_plus_1
    x_dot_nonzero = x_dot != 0
    _t1_dot = _rt.divided(x_dot_nonzero, -(exp_x_dot * _t1), exp_x_plus_1)
    x_bar = _t1 * exp_x
    x_bar_dot = np.where(x_dot_nonzero, _t1_dot * exp_x + _t1 * exp_x_dot, 0.0)
    return x_bar, x_bar_dot
