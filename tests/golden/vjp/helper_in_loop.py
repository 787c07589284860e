def vjp_helper_in_loop_wrt_x_forward(x):
    """Primal of helper_in_loop with respect to x (tangentish): returns the output and what the pullback needs."""
    _tape = []
    s_1 = 0.0
    range_3 = range(3)
    for i in range_3:
        x_times_i = x * i
        _t1 = helper(x_times_i, 1.5)
        _tape.append((_rt.like(_t1), _rt.like(s_1), x_times_i))
        s_1 = s_1 + _t1
    out = np.sum(s_1)
    return out, (_tape, range_3, s_1, x)


def vjp_helper_in_loop_wrt_x_backward(_residuals, out_bar):
    """Pullback of helper_in_loop with respect to x (tangentish): cotangent in, gradients out."""
    _tape, range_3, s_1, x = _residuals
    _tape = list(_tape)
    # adjoint of: return np.sum(s)  [flow_zoo.py:258]
    s_1_bar = _rt.unreduce(out_bar, s_1)
    x_bar = np.zeros_like(x)
    # adjoint of: for i in range(3):  [flow_zoo.py:256]
    for i in reversed(range_3):
        _t1, s_2, x_times_i = _tape.pop()
        # adjoint of: s = s + helper(x * i, 1.5)  [flow_zoo.py:257]
        _t1_bar = _rt.unbroadcast(s_1_bar, _t1)
        s_1_bar = _rt.unbroadcast(s_1_bar, s_2)
        x_times_i_bar = grad_helper_wrt_a(x_times_i, 1.5, out_bar=_t1_bar)
        x_bar = x_bar + x_times_i_bar * i
    return x_bar


# derivative of the helper helper(), called above
def grad_helper_wrt_a(a, scale=2.0, *, out_bar=1.0):
    """Gradient of helper with respect to a (tangentish)."""
    tanh_a = np.tanh(a)
    out = tanh_a * scale
    out_bar = _rt.seed(out, out_bar, 'helper')
    # adjoint of: return np.tanh(a) * scale  [flow_zoo.py:241]
    a_bar = _rt.unbroadcast(out_bar * scale, tanh_a) * (1.0 - tanh_a * tanh_a)
    return a_bar
