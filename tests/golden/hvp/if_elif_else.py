def jvp_grad_if_elif_else_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_if_elif_else_wrt_x with respect to x (tangentish)."""
    _t1 = x > 1.0
    if _t1:
        y = np.sin(x)
        y_dot = x_dot * np.cos(x)
    else:
        _t2 = x > -1.0
        if _t2:
            y = x ** 3
            y_dot = x_dot * 3 * x ** 2
        else:
            y = np.exp(x)
            y_dot = x_dot * y
    y_bar = _rt.seed(y, out_bar, 'if_elif_else')
    if _t1:
        cos_x = np.cos(x)
        cos_x_dot = -x_dot * np.sin(x)
        x_bar = y_bar * cos_x
        x_bar_dot = y_bar * cos_x_dot
    elif _t2:
        y_bar_times_3 = y_bar * 3
        x_pow_2 = x ** 2
        x_pow_2_dot = x_dot * 2 * x
        _t3 = y_bar_times_3 * x_pow_2
        _t3_dot = y_bar_times_3 * x_pow_2_dot
        x_bar = _rt.unbroadcast(_t3, x)
        x_bar_dot = _rt.unbroadcast(_t3_dot, x)
    else:
        x_bar = y_bar * y
        x_bar_dot = y_bar * y_dot
    return x_bar, x_bar_dot
