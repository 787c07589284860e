def value_and_grad_guarded_roots_wrt_x(x, *, out_bar=1.0):
    """Value and gradient of guarded_roots with respect to x (tangentish)."""
    log_x = np.log(x)
    logs = log_x[1:]
    _t1 = x > 0.0
    sqrt_x = np.sqrt(x)
    where_t1 = np.where(_t1, sqrt_x, 0.0)
    out = np.sum(where_t1) + np.sum(logs)
    out_bar = _rt.seed(out, out_bar, 'guarded_roots')
    # adjoint of: return np.sum(np.where(x > 0.0, np.sqrt(x), 0.0)) + np.sum(logs)  [zoo.py:133]
    logs_bar = _rt.unreduce(out_bar, logs)
    x_bar = _rt.divided(_t1, _rt.unreduce(out_bar, where_t1), 2.0 * sqrt_x)
    del sqrt_x
    # adjoint of: logs = np.log(x)[1:]  [zoo.py:132]
    log_x_bar = _rt.unindex(logs_bar, log_x, slice(1, None, None))
    del log_x
    x_bar[1:] += (log_x_bar / x)[slice(1, None, None)]
    return out, x_bar
