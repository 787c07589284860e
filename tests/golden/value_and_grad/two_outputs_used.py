def value_and_grad_two_outputs_used_wrt_x_y(x, y, *, out_bar=1.0):
    """Value and gradient of two_outputs_used with respect to x, y (tangentish)."""
    s = x * y
    cos_x = np.cos(x)
    t = s + cos_x
    s_times_t = s * t
    out = np.sum(s_times_t)
    out_bar = _rt.seed(out, out_bar, 'two_outputs_used')
    # adjoint of: return np.sum(s * t)  [zoo.py:106]
    s_times_t_bar = _rt.unreduce(out_bar, s_times_t, view=True)
    s_bar = _rt.unbroadcast(s_times_t_bar * t, s)
    t_bar = _rt.unbroadcast(s_times_t_bar * s, t)
    # adjoint of: t = s + np.cos(x)  [zoo.py:105]
    s_bar = s_bar + _rt.unbroadcast(t_bar, s)
    x_bar = -_rt.unbroadcast(t_bar, cos_x) * np.sin(x)
    del cos_x
    # adjoint of: s = x * y  [zoo.py:104]
    x_bar = x_bar + _rt.unbroadcast(s_bar * y, x)
    y_bar = _rt.unbroadcast(s_bar * x, y)
    return out, (x_bar, y_bar)
