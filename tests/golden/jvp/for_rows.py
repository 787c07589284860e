def jvp_for_rows_wrt_x_w(x, w, *, x_dot, w_dot):
    """Value and directional derivative of for_rows with respect to x, w (tangentish)."""
    total_1 = 0.0
    len_x = len(x)
    range_len_x = range(len_x)
    total_1_dot = 0.0
    for _i in range_len_x:
        row = x[_i]
        row_dot = x_dot[_i]
        row_at_w = row @ w
        row_at_w_dot = row_dot @ w + row @ w_dot
        tanh_row_at_w = np.tanh(row_at_w)
        tanh_row_at_w_dot = row_at_w_dot * (1.0 - tanh_row_at_w * tanh_row_at_w)
        total_1 = total_1 + tanh_row_at_w
        total_1_dot = total_1_dot + tanh_row_at_w_dot
    return total_1, total_1_dot
