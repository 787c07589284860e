def vjp_mse_wrt_w_forward(w, x, y):
    """Primal of mse with respect to w (tangentish): returns the output and what the pullback needs."""
    prediction = x @ w
    error = prediction - y
    error_pow_2 = error ** 2
    out = np.mean(error_pow_2)
    return out, (error, error_pow_2, prediction, w, x)


def vjp_mse_wrt_w_backward(_residuals, out_bar):
    """Pullback of mse with respect to w (tangentish): cotangent in, gradients out."""
    error, error_pow_2, prediction, w, x = _residuals
    # adjoint of: return np.mean(error ** 2)  [zoo.py:48]
    error_bar = out_bar / np.size(error_pow_2) * 2 * error
    # adjoint of: error = prediction - y  [zoo.py:47]
    prediction_bar = _rt.unbroadcast(error_bar, prediction)
    # adjoint of: prediction = x @ w  [zoo.py:46]
    w_bar = _rt.matmul_right(prediction_bar, x, w)
    return w_bar
