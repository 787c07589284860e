def grad_softplus_sum_wrt_x(x, *, out_bar=1.0):
    """Gradient of softplus_sum with respect to x (tangentish)."""
    exp_x = np.exp(x)
    out = np.sum(np.log1p(exp_x))
    out_bar = _rt.seed(out, out_bar, 'softplus_sum')
    # adjoint of: return np.sum(np.log1p(np.exp(x)))  [zoo.py:58]
    x_bar = out_bar / (1.0 + exp_x) * exp_x
    return x_bar
