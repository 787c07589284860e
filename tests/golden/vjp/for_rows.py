def vjp_for_rows_wrt_x_w_forward(x, w):
    """Primal of for_rows with respect to x, w (tangentish): returns the output and what the pullback needs."""
    _tape = []
    total_1 = 0.0
    len_x = len(x)
    range_len_x = range(len_x)
    for _i in range_len_x:
        row = x[_i]
        tanh_row_at_w = np.tanh(row @ w)
        _tape.append((row, tanh_row_at_w, _rt.like(total_1)))
        total_1 = total_1 + tanh_row_at_w
    return total_1, (_tape, range_len_x, w, x)


def vjp_for_rows_wrt_x_w_backward(_residuals, out_bar):
    """Pullback of for_rows with respect to x, w (tangentish): cotangent in, gradients out."""
    _tape, range_len_x, w, x = _residuals
    _tape = list(_tape)
    total_1_bar = out_bar
    w_bar = np.zeros_like(w)
    x_bar = np.zeros_like(x)
    # adjoint of: for row in x:  [flow_zoo.py:73]
    for _i in reversed(range_len_x):
        row, tanh_row_at_w, total_2 = _tape.pop()
        # adjoint of: total = total + np.tanh(row @ w)  [flow_zoo.py:74]
        row_at_w_bar = _rt.unbroadcast(total_1_bar, tanh_row_at_w) * (1.0 - tanh_row_at_w * tanh_row_at_w)
        total_1_bar = _rt.unbroadcast(total_1_bar, total_2)
        row_bar = _rt.matmul_left(row_at_w_bar, row, w)
        w_bar = w_bar + _rt.matmul_right(row_at_w_bar, row, w)
        # adjoint of: for row in x:  [flow_zoo.py:73]
        x_bar[_i] = row_bar
    return x_bar, w_bar
