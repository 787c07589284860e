def value_and_grad_reassigned_wrt_x(x, *, out_bar=1.0):
    """Value and gradient of reassigned with respect to x (tangentish)."""
    y = x * 2.0
    out = np.sum(np.sin(y) + x)
    out_bar = _rt.seed(out, out_bar, 'reassigned')
    # adjoint of: y = np.sin(y)  [zoo.py:63]
    y_bar = out_bar * np.cos(y)
    del y
    # adjoint of: y = x * 2.0  [zoo.py:62]
    x_bar = out_bar + y_bar * 2.0
    return out, x_bar
