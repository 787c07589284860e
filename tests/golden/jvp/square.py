def jvp_square_wrt_x(x, *, x_dot):
    """Value and directional derivative of square with respect to x (tangentish)."""
    out = x * x
    out_dot = 2 * (x_dot * x)
    return out, out_dot
