def jvp_fill_loop_wrt_x(x, *, x_dot):
    """Value and directional derivative of fill_loop with respect to x (tangentish)."""
    len_x = len(x)
    out = np.zeros(len_x)
    out_dot = np.zeros_like(out)
    len_x_1 = len(x)
    range_len_x_1 = range(len_x_1)
    for i in range_len_x_1:
        x_item = x[i]
        x_item_dot = x_dot[i]
        sin_x_item = np.sin(x_item)
        sin_x_item_dot = x_item_dot * np.cos(x_item)
        _t1 = sin_x_item * x_item
        _t1_dot = sin_x_item_dot * x_item + sin_x_item * x_item_dot
        out[i] = _t1
        out_dot[i] = _t1_dot
    out_times_out = out * out
    out_times_out_dot = 2 * (out_dot * out)
    out_1 = np.sum(out_times_out)
    out_1_dot = np.sum(out_times_out_dot)
    return out_1, out_1_dot
