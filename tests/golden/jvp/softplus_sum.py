def jvp_softplus_sum_wrt_x(x, *, x_dot):
    """Value and directional derivative of softplus_sum with respect to x (tangentish)."""
    exp_x = np.exp(x)
    exp_x_dot = x_dot * exp_x
    log1p_exp_x = np.log1p(exp_x)
    log1p_exp_x_dot = _rt.divided(x_dot != 0, exp_x_dot, 1.0 + exp_x)
    out = np.sum(log1p_exp_x)
    out_dot = np.sum(log1p_exp_x_dot)
    return out, out_dot
