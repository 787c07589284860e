def grad_guarded_roots_wrt_x(x, *, out_bar=1.0):
    """Gradient of guarded_roots with respect to x (tangentish)."""
    _t1 = x > 0.0
    sqrt_x = np.sqrt(x)
    root = np.where(_t1, sqrt_x, 0.0)
    sum_root = np.sum(root)
    log_x = np.log(x)
    log_x_slice = log_x[1:]
    out = sum_root + np.sum(log_x_slice)
    out_bar = _rt.seed(out, out_bar, 'guarded_roots')
    # adjoint of: return np.sum(root) + np.sum(np.log(x)[1:])  [zoo.py:133]
    log_x_slice_bar = _rt.unreduce(out_bar, log_x_slice)
    log_x_bar = _rt.unindex(log_x_slice_bar, log_x, slice(1, None, None))
    del log_x
    x_bar = _rt.unindex((log_x_bar / x)[slice(1, None, None)], x, slice(1, None, None))
    del log_x_bar
    root_bar = _rt.unreduce(out_bar, root)
    # adjoint of: root = np.where(x > 0.0, np.sqrt(x), 0.0)  [zoo.py:132]
    x_bar = x_bar + np.where(_t1, root_bar / (2.0 * sqrt_x), 0.0)
    return x_bar
