def vjp_relu_norm_wrt_x_forward(x):
    """Primal of relu_norm with respect to x (tangentish): returns the output and what the pullback needs."""
    h = np.maximum(x, 0.0)
    h_times_h = h * h
    out = np.sqrt(np.sum(h_times_h))
    return out, (h, out, x)


def vjp_relu_norm_wrt_x_backward(_residuals, out_bar):
    """Pullback of relu_norm with respect to x (tangentish): cotangent in, gradients out."""
    h, out, x = _residuals
    # adjoint of: return np.sqrt(np.sum(h * h))  [zoo.py:91]
    h_times_h_bar = _rt.divided(out_bar != 0, out_bar, 2.0 * out)
    h_bar = 2 * (h_times_h_bar * h)
    # adjoint of: h = np.maximum(x, 0.0)  [zoo.py:90]
    x_bar = _rt.chosen(h_bar, _rt.pick_first(x, 0.0))
    return x_bar
