def vjp_returned_wrt_x_forward(x):
    """Primal of returned with respect to x (tangentish): returns the output and what the pullback needs."""
    stats_mean = np.mean(x)
    stats_scaled = x * 2.0
    stats_sq = x ** 2
    out = (stats_mean, stats_scaled, stats_sq)
    return out, (x,)


def vjp_returned_wrt_x_backward(_residuals, out_bar):
    """Pullback of returned with respect to x (tangentish): cotangent in, gradients out."""
    x = _residuals[0]
    # adjoint of: return stats  [test_dict_locals.py:295]
    stats_mean_bar = out_bar[0]
    stats_scaled_bar = out_bar[1]
    stats_sq_bar = out_bar[2]
    # adjoint of: stats.update(tag="run", sq=x ** 2)  [test_dict_locals.py:293]
    x_bar = stats_sq_bar * 2 * x
    # adjoint of: stats["scaled"] = x * 2.0  [test_dict_locals.py:292]
    x_bar = x_bar + stats_scaled_bar * 2.0
    # adjoint of: stats["mean"] = np.mean(x)  [test_dict_locals.py:291]
    x_bar = x_bar + _rt.unreduce(stats_mean_bar, x, view=True) / np.size(x)
    return x_bar
