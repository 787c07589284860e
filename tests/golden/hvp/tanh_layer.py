def jvp_grad_tanh_layer_wrt_w_wrt_w(w, x, *, out_bar=1.0, w_dot):
    """Value and directional derivative of grad_tanh_layer_wrt_w with respect to w (tangentish)."""
    x_at_w = x @ w
    x_at_w_dot = x @ w_dot
    tanh_x_at_w = np.tanh(x_at_w)
    tanh_x_at_w_dot = x_at_w_dot * (1.0 - tanh_x_at_w * tanh_x_at_w)
    out = np.sum(tanh_x_at_w)
    out_bar_1 = _rt.seed(out, out_bar, 'tanh_layer')
    _t1 = _rt.unreduce_view(out_bar_1, tanh_x_at_w)
    _t2 = tanh_x_at_w * tanh_x_at_w
    _t2_dot = tanh_x_at_w_dot * tanh_x_at_w + tanh_x_at_w * tanh_x_at_w_dot
    _t3 = 1.0 - _t2
    _t3_dot = -_t2_dot
    x_at_w_bar = _t1 * _t3
    x_at_w_bar_dot = _t1 * _t3_dot
    w_bar = _rt.matmul_right(x_at_w_bar, x, w)
    w_bar_dot = _rt.matmul_right(x_at_w_bar_dot, x, w)
    return w_bar, w_bar_dot
