def jvp_grad_augmented_slices_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_augmented_slices_wrt_x with respect to x (tangentish)."""
    _tape = []
    _tape_dot = []
    y = np.zeros(3)
    y_dot = np.zeros_like(y)
    y0 = y[0]
    y0_dot = y_dot[0]
    x0 = x[0]
    x0_dot = x_dot[0]
    x0_times_2 = x0 * 2
    x0_times_2_dot = x0_dot * 2
    _t1 = y0 + x0_times_2
    _t1_dot = y0_dot + x0_times_2_dot
    y0_1 = y[0]
    copy_y0_1_dot = y_dot[0]
    copy_y0_1 = np.copy(y0_1)
    _tape.append(copy_y0_1)
    _tape_dot = _rt.appended(_tape_dot, copy_y0_1_dot)
    _rt.check_unshared(y, y0, 'y', 'y0', 'grad_augmented_slices_wrt_x_c4007807ae03b19d.py:10', 0)
    y[0] = _t1
    y_dot = _rt.set_index(y_dot, 0, _t1_dot)
    y_slice = y[1:]
    y_slice_dot = y_dot[1:]
    x_slice = x[1:3]
    x_slice_dot = x_dot[1:3]
    x_slice_pow_2 = x_slice ** 2
    x_slice_pow_2_dot = x_slice_dot * 2 * x_slice
    _t2 = y_slice + x_slice_pow_2
    _t2_dot = y_slice_dot + x_slice_pow_2_dot
    y_slice_2 = y[1:]
    copy_y_slice_2_dot = y_dot[1:]
    copy_y_slice_2 = np.copy(y_slice_2)
    _tape.append(copy_y_slice_2)
    _tape_dot = _rt.appended(_tape_dot, copy_y_slice_2_dot)
    _rt.check_unshared(y, y0, 'y', 'y0', 'grad_augmented_slices_wrt_x_c4007807ae03b19d.py:16', slice(1, None, None))
    _rt.check_unshared(y, y_slice, 'y', 'y_slice', 'grad_augmented_slices_wrt_x_c4007807ae03b19d.py:16', slice(1, None, None))
    y[1:] = _t2
    y_dot = _rt.set_index(y_dot, slice(1, None, None), _t2_dot)
    y_slice_1 = y[1:]
    y_slice_1_dot = y_dot[1:]
    x_slice_1 = x[1:3]
    x_slice_1_dot = x_dot[1:3]
    _t3 = y_slice_1 + x_slice_1
    _t3_dot = y_slice_1_dot + x_slice_1_dot
    y_slice_3 = y[1:]
    copy_y_slice_3_dot = y_dot[1:]
    copy_y_slice_3 = np.copy(y_slice_3)
    _tape.append(copy_y_slice_3)
    _tape_dot = _rt.appended(_tape_dot, copy_y_slice_3_dot)
    _rt.check_unshared(y, y0, 'y', 'y0', 'grad_augmented_slices_wrt_x_c4007807ae03b19d.py:21', slice(1, None, None))
    _rt.check_unshared(y, y_slice, 'y', 'y_slice', 'grad_augmented_slices_wrt_x_c4007807ae03b19d.py:21', slice(1, None, None))
    _rt.check_unshared(y, y_slice_1, 'y', 'y_slice', 'grad_augmented_slices_wrt_x_c4007807ae03b19d.py:21', slice(1, None, None))
    y[1:] = _t3
    y_dot = _rt.set_index(y_dot, slice(1, None, None), _t3_dot)
    exp_y = np.exp(y)
    exp_y_dot = y_dot * exp_y
    out = np.sum(exp_y)
    out_bar_1 = _rt.seed(out, out_bar, 'augmented_slices')
    exp_y_bar = _rt.unreduce(out_bar_1, exp_y)
    y_bar = exp_y_bar * exp_y
    y_bar_dot = exp_y_bar * exp_y_dot
    y_bar_slice = y_bar[1:]
    y_bar_slice_dot = y_bar_dot[1:]
    _t3_bar = _rt.unbroadcast(y_bar_slice, _t3)
    _t3_bar_dot = _rt.unbroadcast(y_bar_slice_dot, _t3)
    slice_1 = slice(1, None, None)
    y_bar_1 = _rt.zero_index(y_bar, slice_1)
    y_bar_1_dot = _rt.zero_index(_rt.own(y_bar_dot), slice_1)
    pop_tape = _tape.pop()
    pop_tape_dot = _tape_dot.pop(-1)
    _rt.check_unshared(y, y0, 'y', 'y0', 'grad_augmented_slices_wrt_x_c4007807ae03b19d.py:31', slice(1, None, None))
    _rt.check_unshared(y, y_slice, 'y', 'y_slice', 'grad_augmented_slices_wrt_x_c4007807ae03b19d.py:31', slice(1, None, None))
    _rt.check_unshared(y, y_slice_1, 'y', 'y_slice', 'grad_augmented_slices_wrt_x_c4007807ae03b19d.py:31', slice(1, None, None))
    y[1:] = pop_tape
    y_dot = _rt.set_index(y_dot, slice(1, None, None), pop_tape_dot)
    y_slice_1_bar = _rt.unbroadcast(_t3_bar, y_slice_1)
    y_slice_1_bar_dot = _rt.unbroadcast(_t3_bar_dot, y_slice_1)
    x_slice_1_bar = _rt.unbroadcast(_t3_bar, x_slice_1)
    x_slice_1_bar_dot = _rt.unbroadcast(_t3_bar_dot, x_slice_1)
    slice_1_1 = slice(1, 3, None)
    x_bar = _rt.unindex(x_slice_1_bar, x, slice_1_1)
    x_bar_dot = _rt.unindex(x_slice_1_bar_dot, x, slice_1_1)
    slice_1_2 = slice(1, None, None)
    y_bar_2 = _rt.add_at(y_bar_1, y_slice_1_bar, y, slice_1_2)
    y_bar_2_dot = _rt.add_at(_rt.own(y_bar_1_dot), y_slice_1_bar_dot, y, slice_1_2)
    y_bar_2_slice = y_bar_2[1:]
    y_bar_2_slice_dot = y_bar_2_dot[1:]
    _t2_bar = _rt.unbroadcast(y_bar_2_slice, _t2)
    _t2_bar_dot = _rt.unbroadcast(y_bar_2_slice_dot, _t2)
    slice_1_3 = slice(1, None, None)
    y_bar_3 = _rt.zero_index(y_bar_2, slice_1_3)
    y_bar_3_dot = _rt.zero_index(_rt.own(y_bar_2_dot), slice_1_3)
    pop_tape_1 = _tape.pop()
    pop_tape_1_dot = _tape_dot.pop(-1)
    _rt.check_unshared(y, _t2_bar, 'y', '_t2_bar', 'grad_augmented_slices_wrt_x_c4007807ae03b19d.py:39', slice(1, None, None))
    _rt.check_unshared(y, y0, 'y', 'y0', 'grad_augmented_slices_wrt_x_c4007807ae03b19d.py:39', slice(1, None, None))
    _rt.check_unshared(y, y_bar_3, 'y', 'y_bar', 'grad_augmented_slices_wrt_x_c4007807ae03b19d.py:39', slice(1, None, None))
    _rt.check_unshared(y, y_slice, 'y', 'y_slice', 'grad_augmented_slices_wrt_x_c4007807ae03b19d.py:39', slice(1, None, None))
    y[1:] = pop_tape_1
    y_dot = _rt.set_index(y_dot, slice(1, None, None), pop_tape_1_dot)
    y_slice_bar = _rt.unbroadcast(_t2_bar, y_slice)
    y_slice_bar_dot = _rt.unbroadcast(_t2_bar_dot, y_slice)
    x_slice_pow_2_bar = _rt.unbroadcast(_t2_bar, x_slice_pow_2)
    x_slice_pow_2_bar_dot = _rt.unbroadcast(_t2_bar_dot, x_slice_pow_2)
    _t4 = x_slice_pow_2_bar * 2
    _t4_dot = x_slice_pow_2_bar_dot * 2
    x_slice_bar = _t4 * x_slice
    x_slice_bar_dot = _t4_dot * x_slice + _t4 * x_slice_dot
    slice_1_4 = slice(1, 3, None)
    x_bar_1 = _rt.add_at(x_bar, x_slice_bar, x, slice_1_4)
    x_bar_1_dot = _rt.add_at(_rt.own(x_bar_dot), x_slice_bar_dot, x, slice_1_4)
    slice_1_5 = slice(1, None, None)
    y_bar_4 = _rt.add_at(y_bar_3, y_slice_bar, y, slice_1_5)
    y_bar_4_dot = _rt.add_at(_rt.own(y_bar_3_dot), y_slice_bar_dot, y, slice_1_5)
    y_bar_40 = y_bar_4[0]
    y_bar_40_dot = y_bar_4_dot[0]
    _t1_bar = _rt.unbroadcast(y_bar_40, _t1)
    _t1_bar_dot = _rt.unbroadcast(y_bar_40_dot, _t1)
    y_bar_5 = _rt.zero_index(y_bar_4, 0)
    pop_tape_2 = _tape.pop()
    pop_tape_2_dot = _tape_dot.pop(-1)
    _rt.check_unshared(y, _t1_bar, 'y', '_t1_bar', 'grad_augmented_slices_wrt_x_c4007807ae03b19d.py:48', 0)
    _rt.check_unshared(y, y0, 'y', 'y0', 'grad_augmented_slices_wrt_x_c4007807ae03b19d.py:48', 0)
    _rt.check_unshared(y, y_bar_5, 'y', 'y_bar', 'grad_augmented_slices_wrt_x_c4007807ae03b19d.py:48', 0)
    y[0] = pop_tape_2
    y_dot = _rt.set_index(y_dot, 0, pop_tape_2_dot)
    x0_times_2_bar = _rt.unbroadcast(_t1_bar, x0_times_2)
    x0_times_2_bar_dot = _rt.unbroadcast(_t1_bar_dot, x0_times_2)
    x0_bar = x0_times_2_bar * 2
    x0_bar_dot = x0_times_2_bar_dot * 2
    x_bar_2 = _rt.add_at(x_bar_1, x0_bar, x, 0)
    x_bar_2_dot = _rt.add_at(_rt.own(x_bar_1_dot), x0_bar_dot, x, 0)
    return x_bar_2, x_bar_2_dot
