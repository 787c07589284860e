def vjp_log_softmax_loss_wrt_logits_forward(logits, y):
    """Primal of log_softmax_loss with respect to logits (tangentish): returns the output and what the pullback needs."""
    z = logits - np.max(logits, axis=1, keepdims=True)
    exp_z = np.exp(z)
    sum_exp_z = np.sum(exp_z, axis=1, keepdims=True)
    log_sum_exp_z = np.log(sum_exp_z)
    logp = z - log_sum_exp_z
    y_times_logp = y * logp
    out = -np.sum(y_times_logp)
    return out, (exp_z, log_sum_exp_z, logp, sum_exp_z, y, y_times_logp)


def vjp_log_softmax_loss_wrt_logits_backward(_residuals, out_bar):
    """Pullback of log_softmax_loss with respect to logits (tangentish): cotangent in, gradients out."""
    exp_z, log_sum_exp_z, logp, sum_exp_z, y, y_times_logp = _residuals
    # adjoint of: return -np.sum(y * logp)  [zoo.py:117]
    logp_bar = _rt.unbroadcast(_rt.unreduce(-out_bar, y_times_logp, view=True) * y, logp)
    # adjoint of: logp = z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))  [zoo.py:116]
    sum_exp_z_bar = _rt.unbroadcast(-logp_bar, log_sum_exp_z) / sum_exp_z
    logits_bar = logp_bar + sum_exp_z_bar * exp_z
    return logits_bar
