def jvp_mse_wrt_w(w, x, y, *, w_dot):
    """Value and directional derivative of mse with respect to w (tangentish)."""
    prediction = x @ w
    prediction_dot = x @ w_dot
    error = prediction - y
    error_dot = np.asarray(np.broadcast_to(prediction_dot, np.shape(error)), np.result_type(error, 0.0))
    error_pow_2 = error ** 2
    error_pow_2_dot = error_dot * 2 * error
    out = np.mean(error_pow_2)
    out_dot = np.mean(error_pow_2_dot)
    return out, out_dot
