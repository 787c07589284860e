def jvp_grad_while_value_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_while_value_wrt_x with respect to x (tangentish)."""
    n_1_1 = 0
    _t1_1 = x < 10.0
    _n_1 = 0
    while _t1_1:
        _n_1 = _n_1 + 1
        x = x * 1.5
        n_1_1 = n_1_1 + 1
        _t1_1 = x < 10.0
    out = x * n_1_1
    out_bar_1 = _rt.seed(out, out_bar, 'while_value')
    x_bar_1 = out_bar_1 * n_1_1
    range_n_1 = range(_n_1)
    for _ in range_n_1:
        x_bar_1 = x_bar_1 * 1.5
    return x_bar_1, np.zeros_like(x_bar_1)
