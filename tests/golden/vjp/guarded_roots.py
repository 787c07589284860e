def vjp_guarded_roots_wrt_x_forward(x):
    """Primal of guarded_roots with respect to x (tangentish): returns the output and what the pullback needs."""
    _t1 = x > 0.0
    sqrt_x = np.sqrt(x)
    root = np.where(_t1, sqrt_x, 0.0)
    sum_root = np.sum(root)
    log_x = np.log(x)
    log_x_slice = log_x[1:]
    out = sum_root + np.sum(log_x_slice)
    return out, (_t1, log_x, log_x_slice, root, sqrt_x, x)


def vjp_guarded_roots_wrt_x_backward(_residuals, out_bar):
    """Pullback of guarded_roots with respect to x (tangentish): cotangent in, gradients out."""
    _t1, log_x, log_x_slice, root, sqrt_x, x = _residuals
    # adjoint of: return np.sum(root) + np.sum(np.log(x)[1:])  [zoo.py:133]
    log_x_slice_bar = _rt.unreduce(out_bar, log_x_slice)
    log_x_bar = _rt.unindex(log_x_slice_bar, log_x, slice(1, None, None))
    x_bar = _rt.unindex((log_x_bar / x)[slice(1, None, None)], x, slice(1, None, None))
    root_bar = _rt.unreduce(out_bar, root)
    # adjoint of: root = np.where(x > 0.0, np.sqrt(x), 0.0)  [zoo.py:132]
    x_bar = x_bar + np.where(_t1, root_bar / (2.0 * sqrt_x), 0.0)
    return x_bar
