def grad_logistic_loss_wrt_w_b(w, b, x, y, *, out_bar=1.0):
    """Gradient of logistic_loss with respect to w, b (tangentish)."""
    x_at_w = x @ w
    exp_neg_z = np.exp(-(x_at_w + b))
    _t1 = 1.0 + exp_neg_z
    p = 1.0 / _t1
    log_p = np.log(p)
    y_times_log_p = y * log_p
    _t2 = 1.0 - y
    _t3 = 1.0 - p
    log_t3 = np.log(_t3)
    _t4 = _t2 * log_t3
    _t5 = y_times_log_p + _t4
    out = -np.mean(_t5)
    out_bar = _rt.seed(out, out_bar, 'logistic_loss')
    # adjoint of: return -np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p))  [zoo.py:54]
    _t5_bar = _rt.unreduce(-out_bar, _t5, view=True) / np.size(_t5)
    p_bar = -(_rt.unbroadcast(_rt.unbroadcast(_t5_bar, _t4) * _t2, log_t3) / _t3)
    p_bar = p_bar + _rt.unbroadcast(_rt.unbroadcast(_t5_bar, y_times_log_p) * y, log_p) / p
    # adjoint of: p = 1.0 / (1.0 + np.exp(-z))  [zoo.py:53]
    z_bar = p_bar * p / _t1 * exp_neg_z
    # adjoint of: z = x @ w + b  [zoo.py:52]
    b_bar = _rt.unbroadcast(z_bar, b)
    w_bar = _rt.matmul_right(_rt.unbroadcast(z_bar, x_at_w), x, w)
    return w_bar, b_bar
