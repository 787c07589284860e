def grad_math_scalar_wrt_x(x, *, out_bar=1.0):
    """Gradient of math_scalar with respect to x (tangentish)."""
    sin_x = math.sin(x)
    exp_sin_x = math.exp(sin_x)
    _t1 = exp_sin_x * SCALE
    out = _t1 + math.pi
    out_bar = _rt.seed(out, out_bar, 'math_scalar')
    # adjoint of: return math.exp(math.sin(x)) * SCALE + math.pi  [zoo.py:86]
    exp_sin_x_bar = _rt.unbroadcast(out_bar * SCALE, exp_sin_x)
    sin_x_bar = exp_sin_x_bar * exp_sin_x
    x_bar = sin_x_bar * math.cos(x)
    return x_bar
