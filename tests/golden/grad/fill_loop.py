def grad_fill_loop_wrt_x(x, *, out_bar=1.0):
    """Gradient of fill_loop with respect to x (tangentish)."""
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
    out_1_bar = _rt.seed(out_1, out_bar, 'fill_loop')
    # adjoint of: return np.sum(out * out)  [flow_zoo.py:200]
    out_bar_1 = 2 * (out_1_bar * out)
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
