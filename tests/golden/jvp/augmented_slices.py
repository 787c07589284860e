def jvp_augmented_slices_wrt_x(x, *, x_dot):
    """Value and directional derivative of augmented_slices with respect to x (tangentish)."""
    y = np.zeros(3)
    y_dot = np.zeros_like(y)
    y0 = y[0]
    x0 = x[0]
    x0_dot = x_dot[0]
    x0_times_2 = x0 * 2
    x0_times_2_dot = x0_dot * 2
    _t1 = y0 + x0_times_2
    _t1_dot = np.asarray(x0_times_2_dot, np.result_type(_t1, 0.0))
    y[0] = _t1
    y_dot[0] = _t1_dot
    y_slice = y[1:]
    y_slice_dot = y_dot[1:]
    x_slice = x[1:3]
    x_slice_dot = x_dot[1:3]
    x_slice_pow_2 = x_slice ** 2
    x_slice_pow_2_dot = x_slice_dot * 2 * x_slice
    _t2 = y_slice + x_slice_pow_2
    _t2_dot = y_slice_dot + x_slice_pow_2_dot
    y[1:] = _t2
    y_dot[1:] = _t2_dot
    y_slice_1 = y[1:]
    y_slice_1_dot = y_dot[1:]
    x_slice_1 = x[1:3]
    x_slice_1_dot = x_dot[1:3]
    _t3 = y_slice_1 + x_slice_1
    _t3_dot = y_slice_1_dot + x_slice_1_dot
    y[1:] = _t3
    y_dot[1:] = _t3_dot
    exp_y = np.exp(y)
    exp_y_dot = y_dot * exp_y
    out = np.sum(exp_y)
    out_dot = np.sum(exp_y_dot)
    return out, out_dot
