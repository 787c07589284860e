def jvp_through_layers_wrt_x(x, *, x_dot):
    """Value and directional derivative of through_layers with respect to x (tangentish)."""
    LAYERS0 = LAYERS[0]
    LAYERS0_w = LAYERS0.w
    _t1 = LAYERS0_w * x
    _t1_dot = LAYERS0_w * x_dot
    tanh_t1 = np.tanh(_t1)
    tanh_t1_dot = _t1_dot * (1.0 - tanh_t1 * tanh_t1)
    sin_tanh_t1 = np.sin(tanh_t1)
    sin_tanh_t1_dot = tanh_t1_dot * np.cos(tanh_t1)
    x_1 = sin_tanh_t1 + x
    x_1_dot = sin_tanh_t1_dot + x_dot
    LAYERS1 = LAYERS[1]
    LAYERS1_w = LAYERS1.w
    _t2 = LAYERS1_w * x_1
    _t2_dot = LAYERS1_w * x_1_dot
    tanh_t2 = np.tanh(_t2)
    tanh_t2_dot = _t2_dot * (1.0 - tanh_t2 * tanh_t2)
    cos_tanh_t2 = np.cos(tanh_t2)
    cos_tanh_t2_dot = -tanh_t2_dot * np.sin(tanh_t2)
    x_2 = cos_tanh_t2 + x_1
    x_2_dot = cos_tanh_t2_dot + x_1_dot
    x_2_pow_2 = x_2 ** 2
    x_2_pow_2_dot = x_2_dot * 2 * x_2
    out = np.sum(x_2_pow_2)
    out_dot = np.sum(x_2_pow_2_dot)
    return out, out_dot
