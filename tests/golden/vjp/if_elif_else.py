def vjp_if_elif_else_wrt_x_forward(x):
    """Primal of if_elif_else with respect to x (tangentish): returns the output and what the pullback needs."""
    _t2 = None
    _t1 = x > 1.0
    if _t1:
        y = np.sin(x)
    else:
        _t2 = x > -1.0
        if _t2:
            y = x ** 3
        else:
            y = np.exp(x)
    return y, (_t1, _t2, x, y)


def vjp_if_elif_else_wrt_x_backward(_residuals, out_bar):
    """Pullback of if_elif_else with respect to x (tangentish): cotangent in, gradients out."""
    _t1, _t2, x, y = _residuals
    # adjoint of: if x > 1.0:  [flow_zoo.py:15]
    if _t1:
        # adjoint of: y = np.sin(x)  [flow_zoo.py:16]
        x_bar = out_bar * np.cos(x)
    else:
        # adjoint of: elif x > -1.0:  [flow_zoo.py:17]
        if _t2:
            # adjoint of: y = x ** 3  [flow_zoo.py:18]
            x_bar = _rt.unbroadcast(out_bar * 3 * x ** 2, x)
        else:
            # adjoint of: y = np.exp(x)  [flow_zoo.py:20]
            x_bar = out_bar * y
    return x_bar
