def vjp_while_value_wrt_x_forward(x):
    """Primal of while_value with respect to x (tangentish): returns the output and what the pullback needs."""
    n_1 = 0
    _t1 = x < 10.0
    _n = 0
    while _t1:
        _n = _n + 1
        x = x * 1.5
        n_1 = n_1 + 1
        _t1 = x < 10.0
    out = x * n_1
    return out, (_n, n_1)


def vjp_while_value_wrt_x_backward(_residuals, out_bar):
    """Pullback of while_value with respect to x (tangentish): cotangent in, gradients out."""
    _n, n_1 = _residuals
    # adjoint of: return x * n  [flow_zoo.py:122]
    x_bar = out_bar * n_1
    # adjoint of: while x < 10.0:  [flow_zoo.py:119]
    for _ in range(_n):
        # adjoint of: x = x * 1.5  [flow_zoo.py:120]
        x_bar = x_bar * 1.5
    return x_bar
