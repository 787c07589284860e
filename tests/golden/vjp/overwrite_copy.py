def vjp_overwrite_copy_wrt_x_forward(x):
    """Primal of overwrite_copy with respect to x (tangentish): returns the output and what the pullback needs."""
    y = x.copy()
    y_slice = y[1:3]
    _t1 = y_slice * 2.0
    y[1:3] = _t1
    z = np.tanh(y)
    z2 = z[2]
    y[0] = z2
    y_times_z = y * z
    out = np.sum(y_times_z)
    return out, (_t1, y, z, z2)


def vjp_overwrite_copy_wrt_x_backward(_residuals, out_bar):
    """Pullback of overwrite_copy with respect to x (tangentish): cotangent in, gradients out."""
    _t1, y, z, z2 = _residuals
    # adjoint of: return np.sum(y * z)  [flow_zoo.py:208]
    x_bar = out_bar * z
    z_bar = out_bar * y
    # adjoint of: y[0] = z[2]  [flow_zoo.py:207]
    z2_bar = _rt.unbroadcast(x_bar[0], z2)
    z_bar[2] += z2_bar
    x_bar[0] = 0.0
    # adjoint of: z = np.tanh(y)  [flow_zoo.py:206]
    x_bar = x_bar + z_bar * (1.0 - z * z)
    # adjoint of: y[1:3] = y[1:3] * 2.0  [flow_zoo.py:205]
    _t1_bar = _rt.unbroadcast(x_bar[1:3], _t1)
    y_slice_bar = _t1_bar * 2.0
    x_bar[1:3] = y_slice_bar
    return x_bar
