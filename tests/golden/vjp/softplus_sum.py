def vjp_softplus_sum_wrt_x_forward(x):
    """Primal of softplus_sum with respect to x (tangentish): returns the output and what the pullback needs."""
    exp_x = np.exp(x)
    out = np.sum(np.log1p(exp_x))
    return out, (exp_x,)


def vjp_softplus_sum_wrt_x_backward(_residuals, out_bar):
    """Pullback of softplus_sum with respect to x (tangentish): cotangent in, gradients out."""
    exp_x = _residuals[0]
    # adjoint of: return np.sum(np.log1p(np.exp(x)))  [zoo.py:58]
    x_bar = out_bar / (1.0 + exp_x) * exp_x
    return x_bar
