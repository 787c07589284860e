def jvp_grad_reassigned_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_reassigned_wrt_x with respect to x (tangentish)."""
    y = x * 2.0
    y_dot = x_dot * 2.0
    sin_y = np.sin(y)
    sin_y_plus_x = sin_y + x
    out = np.sum(sin_y_plus_x)
    out_bar_1 = _rt.seed(out, out_bar, 'reassigned')
    cos_y = np.cos(y)
    cos_y_dot = -y_dot * sin_y
    y_bar = out_bar_1 * cos_y
    y_bar_dot = out_bar_1 * cos_y_dot
    y_bar_times_2 = y_bar * 2.0
    x_bar_dot = y_bar_dot * 2.0
    x_bar = out_bar_1 + y_bar_times_2
    return x_bar, x_bar_dot
