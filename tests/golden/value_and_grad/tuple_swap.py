def value_and_grad_tuple_swap_wrt_a_b(a, b, *, out_bar=1.0):
    """Value and gradient of tuple_swap with respect to a, b (tangentish)."""
    a_times_b = a * b
    _t1 = b * a_times_b
    out = np.sum(_t1)
    out_bar = _rt.seed(out, out_bar, 'tuple_swap')
    # adjoint of: return np.sum(a * b)  [zoo.py:70]
    _t1_bar = _rt.unreduce(out_bar, _t1, view=True)
    b_bar = _rt.unbroadcast(_t1_bar * a_times_b, b)
    a_times_b_bar = _rt.unbroadcast(_t1_bar * b, a_times_b)
    # adjoint of: a, b = b, a * b  [zoo.py:69]
    a_bar = _rt.unbroadcast(a_times_b_bar * b, a)
    b_bar = b_bar + _rt.unbroadcast(a_times_b_bar * a, b)
    return out, (a_bar, b_bar)
