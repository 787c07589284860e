def grad_dict_layers_wrt_params(params_layers_0_w, params_layers_0_b, params_layers_1_w, params_layers_1_b, x, *, out_bar=1.0):
    """Gradient of dict_layers with respect to params_layers_0_w, params_layers_0_b, params_layers_1_w, params_layers_1_b (tangentish)."""
    _t1 = params_layers_0_w @ x
    x_1 = np.tanh(_t1 + params_layers_0_b)
    _t3 = params_layers_1_w @ x_1
    x_2 = np.tanh(_t3 + params_layers_1_b)
    x_2_pow_2 = x_2 ** 2
    out = np.sum(x_2_pow_2)
    out_bar = _rt.seed(out, out_bar, 'dict_layers')
    # adjoint of: return np.sum(x ** 2)  [test_container_aliases.py:33]
    x_2_bar = out_bar * 2 * x_2
    # adjoint of: x = np.tanh(layer["w"] @ x + layer["b"])  [test_container_aliases.py:32]
    _t4_bar = x_2_bar * (1.0 - x_2 * x_2)
    _t3_bar = _rt.unbroadcast(_t4_bar, _t3)
    params_layers_1_b_bar = _rt.unbroadcast(_t4_bar, params_layers_1_b)
    params_layers_1_w_bar = _rt.matmul_left(_t3_bar, params_layers_1_w, x_1)
    x_1_bar = _rt.matmul_right(_t3_bar, params_layers_1_w, x_1)
    _t2_bar = x_1_bar * (1.0 - x_1 * x_1)
    params_layers_0_b_bar = _rt.unbroadcast(_t2_bar, params_layers_0_b)
    params_layers_0_w_bar = _rt.matmul_left(_rt.unbroadcast(_t2_bar, _t1), params_layers_0_w, x)
    return params_layers_0_w_bar, params_layers_0_b_bar, params_layers_1_w_bar, params_layers_1_b_bar
