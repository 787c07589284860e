def value_and_grad_if_elif_else_wrt_x(x, *, out_bar=1.0):
    """Value and gradient of if_elif_else with respect to x (tangentish)."""
    _t1 = x > 1.0
    if _t1:
        y = np.sin(x)
    else:
        _t2 = x > -1.0
        if _t2:
            y = x ** 3
        else:
            y = np.exp(x)
    y_bar = _rt.seed(y, out_bar, 'if_elif_else')
    # adjoint of: if x > 1.0:  [flow_zoo.py:15]
    if _t1:
        # adjoint of: y = np.sin(x)  [flow_zoo.py:16]
        x_bar = y_bar * np.cos(x)
    else:
        # adjoint of: elif x > -1.0:  [flow_zoo.py:17]
        if _t2:
            # adjoint of: y = x ** 3  [flow_zoo.py:18]
            x_bar = _rt.unbroadcast(y_bar * 3 * x ** 2, x)
        else:
            # adjoint of: y = np.exp(x)  [flow_zoo.py:20]
            x_bar = y_bar * y
    return y, x_bar
