def grad_calls_keyword_only_wrt_x(x, *, out_bar=1.0):
    """Gradient of calls_keyword_only with respect to x (tangentish)."""
    x_pow_2 = x ** 2
    out = np.sum(x ** 3) + np.sum(x_pow_2)
    out_bar = _rt.seed(out, out_bar, 'calls_keyword_only')
    # adjoint of: return np.sum(x ** power)  [flow_zoo.py:271]
    x_bar = out_bar * 2 * x
    x_bar = x_bar + out_bar * 3 * x_pow_2
    return x_bar
