def value_and_grad_relu_norm_wrt_x(x, *, out_bar=1.0):
    """Value and gradient of relu_norm with respect to x (tangentish)."""
    h = np.maximum(x, 0.0)
    h_times_h = h * h
    sum_h_times_h = np.sum(h_times_h)
    out = np.sqrt(sum_h_times_h)
    out_bar = _rt.seed(out, out_bar, 'relu_norm')
    # adjoint of: return np.sqrt(np.sum(h * h))  [zoo.py:91]
    sum_h_times_h_bar = out_bar / (2.0 * out)
    h_times_h_bar = _rt.unreduce(sum_h_times_h_bar, h_times_h)
    h_bar = 2 * (h_times_h_bar * h)
    # adjoint of: h = np.maximum(x, 0.0)  [zoo.py:90]
    x_bar = h_bar * _rt.pick_first(x, 0.0)
    return out, x_bar
