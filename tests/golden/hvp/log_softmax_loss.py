def jvp_grad_log_softmax_loss_wrt_logits_wrt_logits(logits, y, *, out_bar=1.0, logits_dot):
    """Value and directional derivative of grad_log_softmax_loss_wrt_logits with respect to logits (tangentish)."""
    max_logits = np.max(logits, axis=1, keepdims=True)
    max_logits_dot = np.sum(_rt.chosen(logits_dot, _rt.ties(logits, max_logits, axis=1, keepdims=True)), axis=1, keepdims=True)
    z = logits - max_logits
    z_dot = logits_dot - max_logits_dot
    exp_z = np.exp(z)
    exp_z_dot = z_dot * exp_z
    sum_exp_z = np.sum(exp_z, axis=1, keepdims=True)
    sum_exp_z_dot = np.sum(exp_z_dot, axis=1, keepdims=True)
    log_sum_exp_z = np.log(sum_exp_z)
    logp = z - log_sum_exp_z
    y_times_logp = y * logp
    _t1 = np.sum(y_times_logp)
    out = -_t1
    out_bar_1 = _rt.seed(out, out_bar, 'log_softmax_loss')
    neg_out_bar_1 = -out_bar_1
    unreduce_rt = _rt.unreduce(neg_out_bar_1, y_times_logp, view=True)
    _t2 = unreduce_rt * y
    logits_bar = _rt.unbroadcast(_t2, logp)
    neg_logits_bar = -logits_bar
    unbroadcast_rt = _rt.unbroadcast(neg_logits_bar, log_sum_exp_z)
    sum_exp_z_bar = unbroadcast_rt / sum_exp_z
    sum_exp_z_bar_dot = np.broadcast_to(-(sum_exp_z_dot * sum_exp_z_bar) / sum_exp_z, np.shape(sum_exp_z_bar))
    _t3 = sum_exp_z_bar * exp_z
    _t3_dot = sum_exp_z_bar_dot * exp_z + sum_exp_z_bar * exp_z_dot
    logits_bar_1 = logits_bar + _t3
    logits_bar_1_dot = np.broadcast_to(_t3_dot, np.shape(logits_bar_1))
    return logits_bar_1, logits_bar_1_dot
