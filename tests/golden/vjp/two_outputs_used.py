def vjp_two_outputs_used_wrt_x_y_forward(x, y):
    """Primal of two_outputs_used with respect to x, y (tangentish): returns the output and what the pullback needs."""
    s = x * y
    cos_x = np.cos(x)
    t = s + cos_x
    s_times_t = s * t
    out = np.sum(s_times_t)
    return out, (cos_x, s, s_times_t, t, x, y)


def vjp_two_outputs_used_wrt_x_y_backward(_residuals, out_bar):
    """Pullback of two_outputs_used with respect to x, y (tangentish): cotangent in, gradients out."""
    cos_x, s, s_times_t, t, x, y = _residuals
    # adjoint of: return np.sum(s * t)  [zoo.py:106]
    s_times_t_bar = _rt.unreduce(out_bar, s_times_t, view=True)
    s_bar = _rt.unbroadcast(s_times_t_bar * t, s)
    t_bar = _rt.unbroadcast(s_times_t_bar * s, t)
    # adjoint of: t = s + np.cos(x)  [zoo.py:105]
    s_bar = s_bar + _rt.unbroadcast(t_bar, s)
    x_bar = -_rt.unbroadcast(t_bar, cos_x) * np.sin(x)
    # adjoint of: s = x * y  [zoo.py:104]
    x_bar = x_bar + _rt.unbroadcast(s_bar * y, x)
    y_bar = _rt.unbroadcast(s_bar * x, y)
    return x_bar, y_bar
