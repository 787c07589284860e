def vjp_calls_keyword_only_wrt_x_forward(x):
    """Primal of calls_keyword_only with respect to x (tangentish): returns the output and what the pullback needs."""
    x_pow_2 = x ** 2
    out = np.sum(x ** 3) + np.sum(x_pow_2)
    return out, (x, x_pow_2)


def vjp_calls_keyword_only_wrt_x_backward(_residuals, out_bar):
    """Pullback of calls_keyword_only with respect to x (tangentish): cotangent in, gradients out."""
    x, x_pow_2 = _residuals
    # adjoint of: return np.sum(x ** power)  [flow_zoo.py:271]
    x_bar = out_bar * 2 * x
    x_bar = x_bar + out_bar * 3 * x_pow_2
    return x_bar
