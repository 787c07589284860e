def vjp_softplus_sum_wrt_x_forward(x):
    """Primal of softplus_sum with respect to x (tangentish): returns the output and what the pullback needs."""
    exp_x = np.exp(x)
    log1p_exp_x = np.log1p(exp_x)
    out = np.sum(log1p_exp_x)
    return out, (exp_x, log1p_exp_x)


def vjp_softplus_sum_wrt_x_backward(_residuals, out_bar):
    """Pullback of softplus_sum with respect to x (tangentish): cotangent in, gradients out."""
    exp_x, log1p_exp_x = _residuals
    # adjoint of: return np.sum(np.log1p(np.exp(x)))  [zoo.py:58]
    log1p_exp_x_bar = _rt.unreduce(out_bar, log1p_exp_x)
    exp_x_bar = log1p_exp_x_bar / (1.0 + exp_x)
    x_bar = exp_x_bar * exp_x
    return x_bar
