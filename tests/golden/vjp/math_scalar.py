def vjp_math_scalar_wrt_x_forward(x):
    """Primal of math_scalar with respect to x (tangentish): returns the output and what the pullback needs."""
    exp_sin_x = math.exp(math.sin(x))
    out = exp_sin_x * SCALE + math.pi
    return out, (exp_sin_x, x)


def vjp_math_scalar_wrt_x_backward(_residuals, out_bar):
    """Pullback of math_scalar with respect to x (tangentish): cotangent in, gradients out."""
    exp_sin_x, x = _residuals
    # adjoint of: return math.exp(math.sin(x)) * SCALE + math.pi  [zoo.py:86]
    sin_x_bar_1 = _rt.widen_to(_rt.unbroadcast(out_bar * SCALE, exp_sin_x) * exp_sin_x, x)
    x_bar = sin_x_bar_1 * math.cos(x)
    return x_bar
