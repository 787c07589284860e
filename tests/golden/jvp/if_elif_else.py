def jvp_if_elif_else_wrt_x(x, *, x_dot):
    """Value and directional derivative of if_elif_else with respect to x (tangentish)."""
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
    return y, y_dot
