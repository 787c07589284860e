def jvp_two_outputs_used_wrt_x_y(x, y, *, x_dot, y_dot):
    """Value and directional derivative of two_outputs_used with respect to x, y (tangentish)."""
    s = x * y
    s_dot = x_dot * y + x * y_dot
    cos_x = np.cos(x)
    cos_x_dot = -x_dot * np.sin(x)
    t = s + cos_x
    t_dot = s_dot + cos_x_dot
    s_times_t = s * t
    s_times_t_dot = s_dot * t + s * t_dot
    out = np.sum(s_times_t)
    out_dot = np.sum(s_times_t_dot)
    return out, out_dot
