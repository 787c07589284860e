def value_and_grad_log_softmax_loss_wrt_logits(logits, y, *, out_bar=1.0):
    """Value and gradient of log_softmax_loss with respect to logits (tangentish)."""
    z = logits - np.max(logits, axis=1, keepdims=True)
    exp_z = np.exp(z)
    sum_exp_z = np.sum(exp_z, axis=1, keepdims=True)
    log_sum_exp_z = np.log(sum_exp_z)
    logp = z - log_sum_exp_z
    y_times_logp = y * logp
    out = -np.sum(y_times_logp)
    out_bar = _rt.seed(out, out_bar, 'log_softmax_loss')
    # adjoint of: return -np.sum(y * logp)  [zoo.py:117]
    logits_bar = _rt.unbroadcast(_rt.unreduce(-out_bar, y_times_logp, view=True) * y, logp)
    # adjoint of: logp = z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))  [zoo.py:116]
    sum_exp_z_bar = _rt.unbroadcast(-logits_bar, log_sum_exp_z) / sum_exp_z
    logits_bar = logits_bar + sum_exp_z_bar * exp_z
    return out, logits_bar
