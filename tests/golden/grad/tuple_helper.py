def grad_tuple_helper_wrt_x_y(x, y, *, out_bar=1.0):
    """Gradient of tuple_helper with respect to x, y (tangentish)."""
    x_times_y = x * y
    x_plus_y = x + y
    sum_x_plus_y = np.sum(x_plus_y)
    _t1 = (x_times_y, sum_x_plus_y)
    p = _t1[0]
    q = _t1[1]
    p_times_q = p * q
    out = np.sum(p_times_q)
    out_bar = _rt.seed(out, out_bar, 'tuple_helper')
    # adjoint of: return np.sum(p * q)  [flow_zoo.py:263]
    p_times_q_bar = _rt.unreduce_view(out_bar, p_times_q)
    p_bar = _rt.unbroadcast(p_times_q_bar * q, p)
    q_bar = _rt.unbroadcast(p_times_q_bar * p, q)
    # adjoint of: p, q = pair(x, y)  [flow_zoo.py:262]
    _t1_bar = _rt.unindex(q_bar, _t1, 1)
    _t1_bar = _rt.add_at(_t1_bar, p_bar, _t1, 0)
    # adjoint of: return a * b, np.sum(a + b)  [flow_zoo.py:245]
    x_times_y_bar = _t1_bar[0]
    sum_x_plus_y_bar = _t1_bar[1]
    x_plus_y_bar = _rt.unreduce(sum_x_plus_y_bar, x_plus_y)
    x_bar = _rt.unbroadcast(x_plus_y_bar, x)
    y_bar = _rt.unbroadcast(x_plus_y_bar, y)
    x_bar = x_bar + _rt.unbroadcast(x_times_y_bar * y, x)
    y_bar = y_bar + _rt.unbroadcast(x_times_y_bar * x, y)
    return x_bar, y_bar
