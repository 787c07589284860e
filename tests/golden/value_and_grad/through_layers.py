def value_and_grad_through_layers_wrt_x(x, *, out_bar=1.0):
    """Value and gradient of through_layers with respect to x (tangentish)."""
    LAYERS0 = LAYERS[0]
    LAYERS0_w = LAYERS0.w
    tanh_t1 = np.tanh(LAYERS0_w * x)
    LAYERS1 = LAYERS[1]
    LAYERS1_w = LAYERS1.w
    tanh_t2 = np.tanh(LAYERS1_w * tanh_t1)
    tanh_t2_pow_2 = tanh_t2 ** 2
    out = np.sum(tanh_t2_pow_2)
    out_bar = _rt.seed(out, out_bar, 'through_layers')
    # adjoint of: return np.sum(x ** 2)  [flow_zoo.py:452]
    tanh_t2_bar = out_bar * 2 * tanh_t2
    # adjoint of: return np.tanh(self.w * x)  [flow_zoo.py:442]
    tanh_t1_bar = _rt.unbroadcast(tanh_t2_bar * (1.0 - tanh_t2 * tanh_t2) * LAYERS1_w, tanh_t1)
    x_bar = _rt.unbroadcast(tanh_t1_bar * (1.0 - tanh_t1 * tanh_t1) * LAYERS0_w, x)
    return out, x_bar
