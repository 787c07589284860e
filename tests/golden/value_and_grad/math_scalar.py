def value_and_grad_math_scalar_wrt_x(x, *, out_bar=1.0):
    """Value and gradient of math_scalar with respect to x (tangentish)."""
    exp_sin_x = math.exp(math.sin(x))
    out = exp_sin_x * SCALE + math.pi
    out_bar = _rt.seed(out, out_bar, 'math_scalar')
    # adjoint of: return math.exp(math.sin(x)) * SCALE + math.pi  [zoo.py:86]
    sin_x_bar_1 = _rt.widen_to(_rt.unbroadcast(out_bar * SCALE, exp_sin_x) * exp_sin_x, x)
    x_bar = sin_x_bar_1 * math.cos(x)
    return out, x_bar
