def vjp_fill_loop_wrt_x_forward(x):
    """Primal of fill_loop with respect to x (tangentish): returns the output and what the pullback needs."""
    _tape = []
    len_x = len(x)
    out = np.zeros(len_x)
    len_x_1 = len(x)
    range_len_x_1 = range(len_x_1)
    for i in range_len_x_1:
        x_item = x[i]
        sin_x_item = np.sin(x_item)
        _t1 = sin_x_item * x_item
        out[i] = _t1
        _tape.append((_rt.like(_t1), sin_x_item, x_item))
    out_times_out = out * out
    out_1 = np.sum(out_times_out)
    return out_1, (_tape, out, range_len_x_1, x)


def vjp_fill_loop_wrt_x_backward(_residuals, out_bar):
    """Pullback of fill_loop with respect to x (tangentish): cotangent in, gradients out."""
    _tape, out, range_len_x_1, x = _residuals
    _tape = list(_tape)
    # adjoint of: return np.sum(out * out)  [flow_zoo.py:200]
    out_bar_1 = 2 * (out_bar * out)
    x_bar = np.zeros_like(x)
    # adjoint of: for i in range(len(x)):  [flow_zoo.py:198]
    for i in reversed(range_len_x_1):
        _t1, sin_x_item, x_item = _tape.pop()
        # adjoint of: out[i] = np.sin(x[i]) * x[i]  [flow_zoo.py:199]
        _t1_bar = _rt.unbroadcast(out_bar_1[i], _t1)
        sin_x_item_bar = _t1_bar * x_item
        x_bar[i] = _t1_bar * sin_x_item
        x_bar[i] += sin_x_item_bar * np.cos(x_item)
    return x_bar
