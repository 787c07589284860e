def jvp_reassigned_wrt_x(x, *, x_dot):
    """Value and directional derivative of reassigned with respect to x (tangentish)."""
    y = x * 2.0
    y_dot = x_dot * 2.0
    y_1 = np.sin(y)
    y_1_dot = y_dot * np.cos(y)
    y_2 = y_1 + x
    y_2_dot = y_1_dot + x_dot
    out = np.sum(y_2)
    out_dot = np.sum(y_2_dot)
    return out, out_dot
