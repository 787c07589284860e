def jvp_grad_math_scalar_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_math_scalar_wrt_x with respect to x (tangentish)."""
    sin_x = math.sin(x)
    cos_x = math.cos(x)
    sin_x_dot = x_dot * cos_x
    exp_sin_x = math.exp(sin_x)
    exp_sin_x_dot = sin_x_dot * exp_sin_x
    _t1 = exp_sin_x * SCALE
    out = _t1 + math.pi
    out_bar_1 = _rt.seed(out, out_bar, 'math_scalar')
    _t2 = out_bar_1 * SCALE
    unbroadcast_rt = _rt.unbroadcast(_t2, exp_sin_x)
    _t3 = unbroadcast_rt * exp_sin_x
    _t3_dot = unbroadcast_rt * exp_sin_x_dot
    sin_x_bar_1 = _rt.widen_to(_t3, x)
    sin_x_bar_1_dot = _rt.widen_to(_t3_dot, x)
    cos_x_dot = -x_dot * sin_x
    x_bar = sin_x_bar_1 * cos_x
    x_bar_dot = sin_x_bar_1_dot * cos_x + sin_x_bar_1 * cos_x_dot
    return x_bar, x_bar_dot
