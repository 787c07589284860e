def jvp_grad_broadcast_add_wrt_x_wrt_x(x, y, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_broadcast_add_wrt_x with respect to x (tangentish)."""
    x_plus_y = x + y
    x_plus_y_dot = np.asarray(np.broadcast_to(x_dot, np.shape(x_plus_y)), np.result_type(x_plus_y, 0.0))
    x_plus_y_pow_2 = x_plus_y ** 2
    out = np.sum(x_plus_y_pow_2)
    out_bar_1 = _rt.seed(out, out_bar, 'broadcast_add')
    _t1 = out_bar_1 * 2
    _t2 = _t1 * x_plus_y
    _t2_dot = _t1 * x_plus_y_dot
    x_bar = _rt.unbroadcast(_t2, x)
    x_bar_dot = _rt.unbroadcast(_t2_dot, x)
    return x_bar, x_bar_dot
