def vjp_reassigned_wrt_x_forward(x):
    """Primal of reassigned with respect to x (tangentish): returns the output and what the pullback needs."""
    y = x * 2.0
    out = np.sum(np.sin(y) + x)
    return out, (y,)


def vjp_reassigned_wrt_x_backward(_residuals, out_bar):
    """Pullback of reassigned with respect to x (tangentish): cotangent in, gradients out."""
    y = _residuals[0]
    # adjoint of: y = np.sin(y)  [zoo.py:63]
    y_bar = out_bar * np.cos(y)
    # adjoint of: y = x * 2.0  [zoo.py:62]
    x_bar = out_bar + y_bar * 2.0
    return x_bar
