def jvp_sin_of_square_wrt_x(x, *, x_dot):
    """Value and directional derivative of sin_of_square with respect to x (tangentish)."""
    x_times_x = x * x
    x_times_x_dot = 2 * (x_dot * x)
    out = np.sin(x_times_x)
    out_dot = x_times_x_dot * np.cos(x_times_x)
    return out, out_dot
