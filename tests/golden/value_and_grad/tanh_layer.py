def value_and_grad_tanh_layer_wrt_w(w, x, *, out_bar=1.0):
    """Value and gradient of tanh_layer with respect to w (tangentish)."""
    tanh_x_at_w = np.tanh(x @ w)
    out = np.sum(tanh_x_at_w)
    out_bar = _rt.seed(out, out_bar, 'tanh_layer')
    # adjoint of: return np.sum(np.tanh(x @ w))  [zoo.py:42]
    x_at_w_bar = out_bar * (1.0 - tanh_x_at_w * tanh_x_at_w)
    w_bar = _rt.matmul_right(x_at_w_bar, x, w)
    return out, w_bar
