def jvp_square_wrt_x(x, *, x_dot):
    """Value and directional derivative of square with respect to x (tangentish)."""
    out = x * x
    out_dot = x_dot * x + x * x_dot
    return out, out_dot
