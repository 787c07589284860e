def jvp_grad_calls_keyword_only_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_calls_keyword_only_wrt_x with respect to x (tangentish)."""
    x_pow_2 = x ** 2
    x_pow_2_dot = x_dot * 2 * x
    x_pow_3 = x ** 3
    sum_x_pow_3 = np.sum(x_pow_3)
    sum_x_pow_2 = np.sum(x_pow_2)
    out = sum_x_pow_3 + sum_x_pow_2
    out_bar_1 = _rt.seed(out, out_bar, 'calls_keyword_only')
    _t1 = out_bar_1 * 2
    x_bar = _t1 * x
    x_bar_dot = _t1 * x_dot
    _t2 = out_bar_1 * 3
    _t3 = _t2 * x_pow_2
    _t3_dot = _t2 * x_pow_2_dot
    x_bar_1 = x_bar + _t3
    x_bar_1_dot = x_bar_dot + _t3_dot
    return x_bar_1, x_bar_1_dot
