def jvp_list_of_rows_wrt_x(x, *, x_dot):
    """Value and directional derivative of list_of_rows with respect to x (tangentish)."""
    rows = []
    rows_dot = []
    x_shape = x.shape
    x_shape0 = x_shape[0]
    range_x_shape0 = range(x_shape0)
    for i in range_x_shape0:
        x_item = x[i]
        x_item_dot = x_dot[i]
        tanh_x_item = np.tanh(x_item)
        tanh_x_item_dot = x_item_dot * (1.0 - tanh_x_item * tanh_x_item)
        i_plus_1 = i + 1
        _t1 = tanh_x_item * i_plus_1
        _t1_dot = tanh_x_item_dot * i_plus_1
        rows.append(_t1)
        rows_dot.append(_t1_dot)
    stack_rows = np.stack(rows)
    stack_rows_dot = np.stack(rows_dot)
    _t2 = stack_rows ** 2
    _t2_dot = stack_rows_dot * 2 * stack_rows
    sum_t2 = np.sum(_t2)
    sum_t2_dot = np.sum(_t2_dot)
    _t3 = np.concatenate(rows)
    _t3_dot = np.concatenate(rows_dot)
    sum_t3 = np.sum(_t3)
    sum_t3_dot = np.sum(_t3_dot)
    out = sum_t2 + sum_t3
    out_dot = sum_t2_dot + sum_t3_dot
    return out, out_dot
