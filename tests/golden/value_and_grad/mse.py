def value_and_grad_mse_wrt_w(w, x, y, *, out_bar=1.0):
    """Value and gradient of mse with respect to w (tangentish)."""
    prediction = x @ w
    error = prediction - y
    error_pow_2 = error ** 2
    out = np.mean(error_pow_2)
    out_bar = _rt.seed(out, out_bar, 'mse')
    # adjoint of: return np.mean(error ** 2)  [zoo.py:48]
    error_bar = out_bar / np.size(error_pow_2) * 2 * error
    # adjoint of: error = prediction - y  [zoo.py:47]
    prediction_bar = _rt.unbroadcast(error_bar, prediction)
    # adjoint of: prediction = x @ w  [zoo.py:46]
    w_bar = _rt.matmul_right(prediction_bar, x, w)
    return out, w_bar
