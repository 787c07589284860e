def value_and_grad_list_of_rows_wrt_x(x, *, out_bar=1.0):
    """Value and gradient of list_of_rows with respect to x (tangentish)."""
    _tape = []
    rows = []
    x_shape = x.shape
    x_shape0 = x_shape[0]
    range_x_shape0 = range(x_shape0)
    for i in range_x_shape0:
        x_item = x[i]
        tanh_x_item = np.tanh(x_item)
        i_plus_1 = i + 1
        _t1 = tanh_x_item * i_plus_1
        rows.append(_t1)
        _tape.append((i_plus_1, tanh_x_item))
    stack_rows = np.stack(rows)
    _t2 = stack_rows ** 2
    sum_t2 = np.sum(_t2)
    _t3 = np.concatenate(rows)
    out = sum_t2 + np.sum(_t3)
    out_bar = _rt.seed(out, out_bar, 'list_of_rows')
    # adjoint of: return np.sum(np.stack(rows) ** 2) + np.sum(np.concatenate(rows))  [flow_zoo.py:229]
    rows_bar = np.reshape(_rt.unreduce(out_bar, _t3), stack_rows.shape)
    rows_bar = rows_bar + out_bar * 2 * stack_rows
    x_bar = np.zeros_like(x)
    # adjoint of: for i in range(x.shape[0]):  [flow_zoo.py:227]
    for i in reversed(range_x_shape0):
        i_plus_1, tanh_x_item = _tape.pop()
        # adjoint of: rows.append(np.tanh(x[i]) * (i + 1))  [flow_zoo.py:228]
        _t1_bar = rows_bar[-1]
        rows_bar = rows_bar[:-1]
        x_bar[i] = (1.0 - tanh_x_item * tanh_x_item) * (_t1_bar * i_plus_1)
    return out, x_bar
