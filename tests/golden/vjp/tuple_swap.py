def vjp_tuple_swap_wrt_a_b_forward(a, b):
    """Primal of tuple_swap with respect to a, b (tangentish): returns the output and what the pullback needs."""
    a_times_b = a * b
    _t1 = b * a_times_b
    out = np.sum(_t1)
    return out, (_t1, a, a_times_b, b)


def vjp_tuple_swap_wrt_a_b_backward(_residuals, out_bar):
    """Pullback of tuple_swap with respect to a, b (tangentish): cotangent in, gradients out."""
    _t1, a, a_times_b, b = _residuals
    # adjoint of: return np.sum(a * b)  [zoo.py:70]
    _t1_bar = _rt.unreduce(out_bar, _t1, view=True)
    b_bar = _rt.unbroadcast(_t1_bar * a_times_b, b)
    a_times_b_bar = _rt.unbroadcast(_t1_bar * b, a_times_b)
    # adjoint of: a, b = b, a * b  [zoo.py:69]
    a_bar = _rt.unbroadcast(a_times_b_bar * b, a)
    b_bar = b_bar + _rt.unbroadcast(a_times_b_bar * a, b)
    return a_bar, b_bar
