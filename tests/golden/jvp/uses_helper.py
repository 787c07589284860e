def jvp_uses_helper_wrt_x_w(x, w, *, x_dot, w_dot):
    """Value and directional derivative of uses_helper with respect to x, w (tangentish)."""
    x_at_w = x @ w
    x_at_w_dot = x_dot @ w + x @ w_dot
    h = helper(x_at_w)
    h_dot = jvp_helper_wrt_a(x_at_w, a_dot=x_at_w_dot)[1]
    h2 = helper(h, scale=0.5)
    h2_dot = jvp_helper_wrt_a(h, scale=0.5, a_dot=h_dot)[1]
    h2_pow_2 = h2 ** 2
    h2_pow_2_dot = h2_dot * 2 * h2
    out = np.sum(h2_pow_2)
    out_dot = np.sum(h2_pow_2_dot)
    return out, out_dot


# derivative of the helper helper(), called above
def jvp_helper_wrt_a(a, scale=2.0, *, a_dot):
    """Value and directional derivative of helper with respect to a (tangentish)."""
    tanh_a = np.tanh(a)
    tanh_a_dot = a_dot * (1.0 - tanh_a * tanh_a)
    out = tanh_a * scale
    out_dot = tanh_a_dot * scale
    return out, out_dot
