def value_and_grad_relu_norm_wrt_x(x, *, out_bar=1.0):
    """Value and gradient of relu_norm with respect to x (tangentish)."""
    h = np.maximum(x, 0.0)
    h_times_h = h * h
    out = np.sqrt(np.sum(h_times_h))
    out_bar = _rt.seed(out, out_bar, 'relu_norm')
    # adjoint of: return np.sqrt(np.sum(h * h))  [zoo.py:91]
    h_bar = 2 * (out_bar / (2.0 * out) * h)
    # adjoint of: h = np.maximum(x, 0.0)  [zoo.py:90]
    x_bar = _rt.chosen(h_bar, _rt.pick_first(x, 0.0))
    return out, x_bar
