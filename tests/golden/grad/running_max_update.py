def grad_running_max_update_wrt_x(x, *, out_bar=1.0):
    """Gradient of running_max_update with respect to x (tangentish)."""
    _tape = []
    x_shape = x.shape
    x_shape1 = x_shape[1]
    best_1 = np.zeros(x_shape1)
    len_x = len(x)
    range_len_x = range(len_x)
    for _i in range_len_x:
        best_2 = best_1
        row = x[_i]
        best_1 = np.maximum(best_2, row)
        best_30 = best_1[0]
        _t1 = best_30 * 0.5
        best_1[0] = _t1
        _tape.append((_rt.like(_t1), best_2, row))
    out = np.sum(best_1)
    out_bar = _rt.seed(out, out_bar, 'running_max_update')
    # adjoint of: return np.sum(best)  [flow_zoo.py:237]
    best_1_bar = _rt.unreduce(out_bar, best_1)
    x_bar = np.zeros_like(x)
    # adjoint of: for row in x:  [flow_zoo.py:234]
    for _i in reversed(range_len_x):
        _t1, best_2, row = _tape.pop()
        # adjoint of: best[0] = best[0] * 0.5  [flow_zoo.py:236]
        _t1_bar = _rt.unbroadcast(best_1_bar[0], _t1)
        best_1_bar[0] = _t1_bar * 0.5
        # adjoint of: best = np.maximum(best, row)  [flow_zoo.py:235]
        row_bar = _rt.unbroadcast(_rt.chosen(best_1_bar, _rt.pick_first(row, best_2)), row)
        best_1_bar = _rt.unbroadcast(_rt.chosen(best_1_bar, _rt.pick_first(best_2, row)), best_2)
        # adjoint of: for row in x:  [flow_zoo.py:234]
        x_bar[_i] = row_bar
    return x_bar
