def jvp_log_softmax_loss_wrt_logits(logits, y, *, logits_dot):
    """Value and directional derivative of log_softmax_loss with respect to logits (tangentish)."""
    max_logits = np.max(logits, axis=1, keepdims=True)
    z = logits - max_logits
    exp_z = np.exp(z)
    exp_z_dot = logits_dot * exp_z
    sum_exp_z = np.sum(exp_z, axis=1, keepdims=True)
    sum_exp_z_dot = np.sum(exp_z_dot, axis=1, keepdims=True)
    log_sum_exp_z = np.log(sum_exp_z)
    log_sum_exp_z_dot = sum_exp_z_dot / sum_exp_z
    logp = z - log_sum_exp_z
    logp_dot = logits_dot - log_sum_exp_z_dot
    y_times_logp = y * logp
    y_times_logp_dot = y * logp_dot
    _t1 = np.sum(y_times_logp)
    _t1_dot = np.sum(y_times_logp_dot)
    out = -_t1
    out_dot = -_t1_dot
    return out, out_dot
