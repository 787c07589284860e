def vjp_tanh_layer_wrt_w_forward(w, x):
    """Primal of tanh_layer with respect to w (tangentish): returns the output and what the pullback needs."""
    tanh_x_at_w = np.tanh(x @ w)
    out = np.sum(tanh_x_at_w)
    return out, (tanh_x_at_w, w, x)


def vjp_tanh_layer_wrt_w_backward(_residuals, out_bar):
    """Pullback of tanh_layer with respect to w (tangentish): cotangent in, gradients out."""
    tanh_x_at_w, w, x = _residuals
    # adjoint of: return np.sum(np.tanh(x @ w))  [zoo.py:42]
    x_at_w_bar = out_bar * (1.0 - tanh_x_at_w * tanh_x_at_w)
    w_bar = _rt.matmul_right(x_at_w_bar, x, w)
    return w_bar
