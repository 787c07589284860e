def value_and_grad_tuple_helper_wrt_x_y(x, y, *, out_bar=1.0):
    """Value and gradient of tuple_helper with respect to x, y (tangentish)."""
    x_times_y = x * y
    x_plus_y = x + y
    sum_x_plus_y = np.sum(x_plus_y)
    p_times_q = x_times_y * sum_x_plus_y
    out = np.sum(p_times_q)
    out_bar = _rt.seed(out, out_bar, 'tuple_helper')
    # adjoint of: return np.sum(p * q)  [flow_zoo.py:263]
    p_times_q_bar = _rt.unreduce(out_bar, p_times_q, view=True)
    x_times_y_bar = p_times_q_bar * sum_x_plus_y
    sum_x_plus_y_bar = _rt.unbroadcast(p_times_q_bar * x_times_y, sum_x_plus_y)
    # adjoint of: return a * b, np.sum(a + b)  [flow_zoo.py:245]
    x_plus_y_bar = _rt.unreduce(sum_x_plus_y_bar, x_plus_y)
    x_bar = _rt.unbroadcast(x_plus_y_bar, x)
    y_bar = _rt.unbroadcast(x_plus_y_bar, y)
    x_bar = x_bar + _rt.unbroadcast(x_times_y_bar * y, x)
    y_bar = y_bar + _rt.unbroadcast(x_times_y_bar * x, y)
    return out, (x_bar, y_bar)
