def grad_augmented_slices_wrt_x(x, *, out_bar=1.0):
    """Gradient of augmented_slices with respect to x (tangentish)."""
    y = np.zeros(3)
    y0 = y[0]
    x0 = x[0]
    _t1 = y0 + x0 * 2
    y[0] = _t1
    y_slice = y[1:]
    x_slice = x[1:3]
    x_slice_pow_2 = x_slice ** 2
    _t2 = y_slice + x_slice_pow_2
    y[1:] = _t2
    y_slice_1 = y[1:]
    x_slice_1 = x[1:3]
    _t3 = y_slice_1 + x_slice_1
    y[1:] = _t3
    exp_y = np.exp(y)
    out = np.sum(exp_y)
    out_bar = _rt.seed(out, out_bar, 'augmented_slices')
    # adjoint of: return np.sum(np.exp(y))  [flow_zoo.py:216]
    y_bar = out_bar * exp_y
    # adjoint of: y[1:] += x[1:3]  [flow_zoo.py:215]
    _t3_bar = _rt.unbroadcast(y_bar[1:], _t3)
    y_slice_1_bar = _rt.unbroadcast(_t3_bar, y_slice_1)
    x_slice_1_bar = _rt.unbroadcast(_t3_bar, x_slice_1)
    x_bar = _rt.unindex(x_slice_1_bar, x, slice(1, 3, None))
    y_bar[1:] = y_slice_1_bar
    # adjoint of: y[1:] += x[1:3] ** 2  [flow_zoo.py:214]
    _t2_bar = _rt.unbroadcast(y_bar[1:], _t2)
    y_slice_bar = _rt.unbroadcast(_t2_bar, y_slice)
    x_slice_bar = _rt.unbroadcast(_t2_bar, x_slice_pow_2) * 2 * x_slice
    x_bar[1:3] += x_slice_bar
    y_bar[1:] = y_slice_bar
    # adjoint of: y[0] += x[0] * 2  [flow_zoo.py:213]
    _t1_bar = _rt.unbroadcast(y_bar[0], _t1)
    x_bar[0] += _t1_bar * 2
    return x_bar
