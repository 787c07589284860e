def vjp_guarded_roots_wrt_x_forward(x):
    """Primal of guarded_roots with respect to x (tangentish): returns the output and what the pullback needs."""
    log_x = np.log(x)
    logs = log_x[1:]
    _t1 = x > 0.0
    sqrt_x = np.sqrt(x)
    where_t1 = np.where(_t1, sqrt_x, 0.0)
    out = np.sum(where_t1) + np.sum(logs)
    return out, (_t1, log_x, logs, sqrt_x, where_t1, x)


def vjp_guarded_roots_wrt_x_backward(_residuals, out_bar):
    """Pullback of guarded_roots with respect to x (tangentish): cotangent in, gradients out."""
    _t1, log_x, logs, sqrt_x, where_t1, x = _residuals
    # adjoint of: return np.sum(np.where(x > 0.0, np.sqrt(x), 0.0)) + np.sum(logs)  [zoo.py:133]
    logs_bar = _rt.unreduce(out_bar, logs)
    x_bar = _rt.divided(_t1, _rt.unreduce(out_bar, where_t1), 2.0 * sqrt_x)
    # adjoint of: logs = np.log(x)[1:]  [zoo.py:132]
    log_x_bar = _rt.unindex(logs_bar, log_x, slice(1, None, None))
    x_bar[1:] += (log_x_bar / x)[slice(1, None, None)]
    return x_bar
