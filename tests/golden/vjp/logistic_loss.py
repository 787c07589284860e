def vjp_logistic_loss_wrt_w_b_forward(w, b, x, y):
    """Primal of logistic_loss with respect to w, b (tangentish): returns the output and what the pullback needs."""
    x_at_w = x @ w
    z = x_at_w + b
    neg_z = -z
    exp_neg_z = np.exp(neg_z)
    _t1 = 1.0 + exp_neg_z
    p = 1.0 / _t1
    log_p = np.log(p)
    y_times_log_p = y * log_p
    _t2 = 1.0 - y
    _t3 = 1.0 - p
    log_t3 = np.log(_t3)
    _t4 = _t2 * log_t3
    _t5 = y_times_log_p + _t4
    mean_t5 = np.mean(_t5)
    out = -mean_t5
    return out, (_t1, _t2, _t3, _t4, _t5, b, exp_neg_z, log_p, log_t3, p, w, x, x_at_w, y, y_times_log_p)


def vjp_logistic_loss_wrt_w_b_backward(_residuals, out_bar):
    """Pullback of logistic_loss with respect to w, b (tangentish): cotangent in, gradients out."""
    _t1, _t2, _t3, _t4, _t5, b, exp_neg_z, log_p, log_t3, p, w, x, x_at_w, y, y_times_log_p = _residuals
    # adjoint of: return -np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p))  [zoo.py:54]
    mean_t5_bar = -out_bar
    _t5_bar = _rt.unreduce(mean_t5_bar, _t5) / _rt.reduced_size(_t5)
    y_times_log_p_bar = _rt.unbroadcast(_t5_bar, y_times_log_p)
    _t4_bar = _rt.unbroadcast(_t5_bar, _t4)
    log_t3_bar = _rt.unbroadcast(_t4_bar * _t2, log_t3)
    _t3_bar = log_t3_bar / _t3
    p_bar = -_t3_bar
    log_p_bar = _rt.unbroadcast(y_times_log_p_bar * y, log_p)
    p_bar = p_bar + log_p_bar / p
    # adjoint of: p = 1.0 / (1.0 + np.exp(-z))  [zoo.py:53]
    exp_neg_z_bar = -p_bar * p / _t1
    neg_z_bar = exp_neg_z_bar * exp_neg_z
    z_bar = -neg_z_bar
    # adjoint of: z = x @ w + b  [zoo.py:52]
    x_at_w_bar = _rt.unbroadcast(z_bar, x_at_w)
    b_bar = _rt.unbroadcast(z_bar, b)
    w_bar = _rt.matmul_right(x_at_w_bar, x, w)
    return w_bar, b_bar
