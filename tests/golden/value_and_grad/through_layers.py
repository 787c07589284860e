def value_and_grad_through_layers_wrt_x(x, *, out_bar=1.0):
    """Value and gradient of through_layers with respect to x (tangentish)."""
    LAYERS0 = LAYERS[0]
    LAYERS0_w = LAYERS0.w
    tanh_t1 = np.tanh(LAYERS0_w * x)
    sin_tanh_t1 = np.sin(tanh_t1)
    x_1 = sin_tanh_t1 + x
    LAYERS1 = LAYERS[1]
    LAYERS1_w = LAYERS1.w
    tanh_t2 = np.tanh(LAYERS1_w * x_1)
    cos_tanh_t2 = np.cos(tanh_t2)
    x_2 = cos_tanh_t2 + x_1
    x_2_pow_2 = x_2 ** 2
    out = np.sum(x_2_pow_2)
    out_bar = _rt.seed(out, out_bar, 'through_layers')
    # adjoint of: return np.sum(x ** 2)  [flow_zoo.py:452]
    x_2_bar = out_bar * 2 * x_2
    # adjoint of: x = act(layer(x)) + x  [flow_zoo.py:451]
    x_1_bar = _rt.unbroadcast(x_2_bar, x_1)
    tanh_t2_bar = -_rt.unbroadcast(x_2_bar, cos_tanh_t2) * np.sin(tanh_t2)
    # adjoint of: return np.tanh(self.w * x)  [flow_zoo.py:442]
    _t2_bar = tanh_t2_bar * (1.0 - tanh_t2 * tanh_t2)
    x_1_bar = x_1_bar + _rt.unbroadcast(_t2_bar * LAYERS1_w, x_1)
    # adjoint of: x = act(layer(x)) + x  [flow_zoo.py:451]
    x_bar = _rt.unbroadcast(x_1_bar, x)
    tanh_t1_bar = _rt.unbroadcast(x_1_bar, sin_tanh_t1) * np.cos(tanh_t1)
    # adjoint of: return np.tanh(self.w * x)  [flow_zoo.py:442]
    _t1_bar = tanh_t1_bar * (1.0 - tanh_t1 * tanh_t1)
    x_bar = x_bar + _rt.unbroadcast(_t1_bar * LAYERS0_w, x)
    return out, x_bar
