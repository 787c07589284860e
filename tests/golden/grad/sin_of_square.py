def grad_sin_of_square_wrt_x(x, *, out_bar=1.0):
    """Gradient of sin_of_square with respect to x (tangentish)."""
    x_times_x = x * x
    out = np.sin(x_times_x)
    out_bar = _rt.seed(out, out_bar, 'sin_of_square')
    del out
    # adjoint of: return np.sin(x * x)  [zoo.py:38]
    x_bar = 2 * (out_bar * np.cos(x_times_x) * x)
    return x_bar
