def jvp_through_layers_wrt_x(x, *, x_dot):
    """Value and directional derivative of through_layers with respect to x (tangentish)."""
    LAYERS0 = LAYERS[0]
    LAYERS0_w = LAYERS0.w
    _t1 = LAYERS0_w * x
    _t1_dot = LAYERS0_w * x_dot
    tanh_t1 = np.tanh(_t1)
    tanh_t1_dot = _t1_dot * (1.0 - tanh_t1 * tanh_t1)
    LAYERS1 = LAYERS[1]
    LAYERS1_w = LAYERS1.w
    _t2 = LAYERS1_w * tanh_t1
    _t2_dot = LAYERS1_w * tanh_t1_dot
    tanh_t2 = np.tanh(_t2)
    tanh_t2_dot = _t2_dot * (1.0 - tanh_t2 * tanh_t2)
    tanh_t2_pow_2 = tanh_t2 ** 2
    tanh_t2_pow_2_dot = tanh_t2_dot * 2 * tanh_t2
    out = np.sum(tanh_t2_pow_2)
    out_dot = np.sum(tanh_t2_pow_2_dot)
    return out, out_dot
