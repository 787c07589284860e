def jvp_tanh_layer_wrt_w(w, x, *, w_dot):
    """Value and directional derivative of tanh_layer with respect to w (tangentish)."""
    x_at_w = x @ w
    x_at_w_dot = x @ w_dot
    tanh_x_at_w = np.tanh(x_at_w)
    tanh_x_at_w_dot = x_at_w_dot * (1.0 - tanh_x_at_w * tanh_x_at_w)
    out = np.sum(tanh_x_at_w)
    out_dot = np.sum(tanh_x_at_w_dot)
    return out, out_dot
