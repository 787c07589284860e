def jvp_broadcast_add_wrt_x_y(x, y, *, x_dot, y_dot):
    """Value and directional derivative of broadcast_add with respect to x, y (tangentish)."""
    x_plus_y = x + y
    x_plus_y_dot = x_dot + y_dot
    x_plus_y_pow_2 = x_plus_y ** 2
    x_plus_y_pow_2_dot = x_plus_y_dot * 2 * x_plus_y
    out = np.sum(x_plus_y_pow_2)
    out_dot = np.sum(x_plus_y_pow_2_dot)
    return out, out_dot
