def jvp_grad_mse_wrt_w_wrt_w(w, x, y, *, out_bar=1.0, w_dot):
    """Value and directional derivative of grad_mse_wrt_w with respect to w (tangentish)."""
    prediction = x @ w
    prediction_dot = x @ w_dot
    error = prediction - y
    error_dot = np.asarray(np.broadcast_to(prediction_dot, np.shape(error)), np.result_type(error, 0.0))
    error_pow_2 = error ** 2
    out = np.mean(error_pow_2)
    out_bar_1 = _rt.seed(out, out_bar, 'mse')
    _t1 = np.size(error_pow_2)
    _t2 = out_bar_1 / _t1
    t2_times_2 = _t2 * 2
    error_bar = t2_times_2 * error
    error_bar_dot = t2_times_2 * error_dot
    prediction_bar = _rt.unbroadcast(error_bar, prediction)
    prediction_bar_dot = _rt.unbroadcast(error_bar_dot, prediction)
    w_bar = _rt.matmul_right(prediction_bar, x, w)
    w_bar_dot = _rt.matmul_right(prediction_bar_dot, x, w)
    return w_bar, w_bar_dot
