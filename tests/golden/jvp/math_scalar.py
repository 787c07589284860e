def jvp_math_scalar_wrt_x(x, *, x_dot):
    """Value and directional derivative of math_scalar with respect to x (tangentish)."""
    sin_x = math.sin(x)
    sin_x_dot = x_dot * math.cos(x)
    exp_sin_x = math.exp(sin_x)
    exp_sin_x_dot = sin_x_dot * exp_sin_x
    _t1 = exp_sin_x * SCALE
    out_dot = exp_sin_x_dot * SCALE
    out = _t1 + math.pi
    return out, out_dot
