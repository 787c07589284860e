def grad_dict_loss_wrt_params(params_W1, params_b1, params_W2, params_scale, x, *, out_bar=1.0):
    """Gradient of dict_loss with respect to params_W1, params_b1, params_W2, params_scale (tangentish)."""
    x_at_params_W1 = x @ params_W1
    h = np.tanh(x_at_params_W1 + params_b1)
    h_at_params_W2 = h @ params_W2
    _t2 = np.sum(h_at_params_W2)
    out = _t2 * params_scale
    out_bar = _rt.seed(out, out_bar, 'dict_loss')
    # adjoint of: return np.sum(h @ params["W2"]) * params["scale"]  [test_containers.py:98]
    params_scale_bar = out_bar * _t2
    h_at_params_W2_bar = _rt.unreduce(_rt.unbroadcast(out_bar * params_scale, _t2), h_at_params_W2)
    h_bar = _rt.matmul_left(h_at_params_W2_bar, h, params_W2)
    params_W2_bar = _rt.matmul_right(h_at_params_W2_bar, h, params_W2)
    # adjoint of: h = np.tanh(x @ params["W1"] + params["b1"])  [test_containers.py:97]
    _t1_bar = h_bar * (1.0 - h * h)
    params_b1_bar = _rt.unbroadcast(_t1_bar, params_b1)
    params_W1_bar = _rt.matmul_right(_rt.unbroadcast(_t1_bar, x_at_params_W1), x, params_W1)
    return params_W1_bar, params_b1_bar, params_W2_bar, params_scale_bar
