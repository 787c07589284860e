def jvp_grad_uses_helper_wrt_x_wrt_x(x, w, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_uses_helper_wrt_x with respect to x (tangentish)."""
    x_at_w = x @ w
    x_at_w_dot = x_dot @ w
    h = helper(x_at_w)
    h_dot = jvp_helper_wrt_a(x_at_w, a_dot=x_at_w_dot)[1]
    h2 = helper(h, scale=0.5)
    h2_dot = jvp_helper_wrt_a(h, scale=0.5, a_dot=h_dot)[1]
    h2_pow_2 = h2 ** 2
    out = np.sum(h2_pow_2)
    out_bar_1 = _rt.seed(out, out_bar, 'uses_helper')
    unreduce_rt = _rt.unreduce(out_bar_1, h2_pow_2, view=True)
    _t1 = unreduce_rt * 2
    h2_bar = _t1 * h2
    h2_bar_dot = _t1 * h2_dot
    h_bar = grad_helper_wrt_a(h, scale=0.5, out_bar=h2_bar)
    h_bar_dot = jvp_grad_helper_wrt_a_wrt_a_out_bar(h, scale=0.5, out_bar=h2_bar, a_dot=h_dot, out_bar_dot=h2_bar_dot)[1]
    x_at_w_bar = grad_helper_wrt_a(x_at_w, out_bar=h_bar)
    x_at_w_bar_dot = jvp_grad_helper_wrt_a_wrt_a_out_bar(x_at_w, out_bar=h_bar, a_dot=x_at_w_dot, out_bar_dot=h_bar_dot)[1]
    x_bar = _rt.matmul_left(x_at_w_bar, x, w)
    x_bar_dot = _rt.matmul_left(x_at_w_bar_dot, x, w)
    return x_bar, x_bar_dot


# derivative of the helper grad_helper_wrt_a(), called above
def jvp_grad_helper_wrt_a_wrt_a_out_bar(a, scale=2.0, *, out_bar=1.0, a_dot, out_bar_dot):
    """Value and directional derivative of grad_helper_wrt_a with respect to a, out_bar (tangentish)."""
    tanh_a = np.tanh(a)
    _t2 = tanh_a * tanh_a
    _t3 = 1.0 - _t2
    tanh_a_dot = a_dot * _t3
    out = tanh_a * scale
    out_bar_1 = _rt.seed(out, out_bar, 'helper')
    _t1 = out_bar_1 * scale
    _t1_dot = out_bar_dot * scale
    unbroadcast_rt = _rt.unbroadcast(_t1, tanh_a)
    unbroadcast_rt_dot = _rt.unbroadcast(_t1_dot, tanh_a)
    _t2_dot = 2 * (tanh_a_dot * tanh_a)
    _t3_dot = -_t2_dot
    a_bar = unbroadcast_rt * _t3
    a_bar_dot = unbroadcast_rt_dot * _t3 + unbroadcast_rt * _t3_dot
    return a_bar, a_bar_dot


# derivative of the helper helper(), called above
def jvp_helper_wrt_a(a, scale=2.0, *, a_dot):
    """Value and directional derivative of helper with respect to a (tangentish)."""
    tanh_a = np.tanh(a)
    tanh_a_dot = a_dot * (1.0 - tanh_a * tanh_a)
    out = tanh_a * scale
    out_dot = tanh_a_dot * scale
    return out, out_dot
