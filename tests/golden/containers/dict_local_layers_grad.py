def grad_layers_wrt_x(x, *, out_bar=1.0):
    """Gradient of layers with respect to x (tangentish)."""
    net_first = x[:2]
    net_second = x[1:]
    h = 1.0
    h_1 = np.tanh(h * net_first + 1.0)
    h_2 = np.tanh(h_1 * net_second + -0.5)
    out = np.sum(h_2)
    out_bar = _rt.seed(out, out_bar, 'layers')
    # adjoint of: h = np.tanh(h * w + (1.0 if name == "first" else -0.5))  [test_dict_locals.py:178]
    _t2_bar = out_bar * (1.0 - h_2 * h_2)
    net_second_bar = _rt.unbroadcast(_t2_bar * h_1, net_second)
    _t1_bar = _rt.unbroadcast(_t2_bar * net_second, h_1) * (1.0 - h_1 * h_1)
    net_first_bar = _t1_bar * h
    # adjoint of: net = {"first": x[:2], "second": x[1:]}  [test_dict_locals.py:175]
    x_bar = _rt.unindex(net_second_bar, x, slice(1, None, None))
    x_bar[:2] += net_first_bar
    return x_bar
