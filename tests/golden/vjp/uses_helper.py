def vjp_uses_helper_wrt_x_w_forward(x, w):
    """Primal of uses_helper with respect to x, w (tangentish): returns the output and what the pullback needs."""
    x_at_w = x @ w
    h = helper(x_at_w)
    h2 = helper(h, scale=0.5)
    h2_pow_2 = h2 ** 2
    out = np.sum(h2_pow_2)
    return out, (h, h2, h2_pow_2, w, x, x_at_w)


def vjp_uses_helper_wrt_x_w_backward(_residuals, out_bar):
    """Pullback of uses_helper with respect to x, w (tangentish): cotangent in, gradients out."""
    h, h2, h2_pow_2, w, x, x_at_w = _residuals
    # adjoint of: return np.sum(h2 ** 2)  [flow_zoo.py:251]
    h2_bar = _rt.unreduce(out_bar, h2_pow_2, view=True) * 2 * h2
    # adjoint of: h2 = helper(h, scale=0.5)  [flow_zoo.py:250]
    h_bar = grad_helper_wrt_a(h, scale=0.5, out_bar=h2_bar)
    # adjoint of: h = helper(x @ w)  [flow_zoo.py:249]
    x_at_w_bar = grad_helper_wrt_a(x_at_w, out_bar=h_bar)
    x_bar = _rt.matmul_left(x_at_w_bar, x, w)
    w_bar = _rt.matmul_right(x_at_w_bar, x, w)
    return x_bar, w_bar


# derivative of the helper helper(), called above
def grad_helper_wrt_a(a, scale=2.0, *, out_bar=1.0):
    """Gradient of helper with respect to a (tangentish)."""
    tanh_a = np.tanh(a)
    out = tanh_a * scale
    out_bar = _rt.seed(out, out_bar, 'helper')
    # adjoint of: return np.tanh(a) * scale  [flow_zoo.py:241]
    a_bar = _rt.unbroadcast(out_bar * scale, tanh_a) * (1.0 - tanh_a * tanh_a)
    return a_bar
