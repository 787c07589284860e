def jvp_overwrite_copy_wrt_x(x, *, x_dot):
    """Value and directional derivative of overwrite_copy with respect to x (tangentish)."""
    y = x.copy()
    y_dot = np.copy(x_dot)
    y_slice = y[1:3]
    y_slice_dot = y_dot[1:3]
    _t1 = y_slice * 2.0
    _t1_dot = y_slice_dot * 2.0
    y[1:3] = _t1
    y_dot[1:3] = _t1_dot
    z = np.tanh(y)
    z_dot = y_dot * (1.0 - z * z)
    z2 = z[2]
    z2_dot = z_dot[2]
    y[0] = z2
    y_dot[0] = z2_dot
    y_times_z = y * z
    y_times_z_dot = y_dot * z + y * z_dot
    out = np.sum(y_times_z)
    out_dot = np.sum(y_times_z_dot)
    return out, out_dot
