def jvp_grad_tanh_layer_wrt_w_wrt_w(w, x, *, out_bar=1.0, w_dot):
    """Value and directional derivative of grad_tanh_layer_wrt_w with respect to w (tangentish)."""
    x_at_w = x @ w
    x_at_w_dot = x @ w_dot
    tanh_x_at_w = np.tanh(x_at_w)
    _t1 = tanh_x_at_w * tanh_x_at_w
    _t2 = 1.0 - _t1
    tanh_x_at_w_dot = x_at_w_dot * _t2
    out = np.sum(tanh_x_at_w)
    out_bar_1 = _rt.seed(out, out_bar, 'tanh_layer')
    _t1_dot = 2 * (tanh_x_at_w_dot * tanh_x_at_w)
    _t2_dot = -_t1_dot
    x_at_w_bar = out_bar_1 * _t2
    x_at_w_bar_dot = out_bar_1 * _t2_dot
    w_bar = _rt.matmul_right(x_at_w_bar, x, w)
    w_bar_dot = _rt.matmul_right(x_at_w_bar_dot, x, w)
    return w_bar, w_bar_dot
