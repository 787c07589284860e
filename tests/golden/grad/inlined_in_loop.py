def grad_inlined_in_loop_wrt_x(x, *, out_bar=1.0):
    """Gradient of inlined_in_loop with respect to x (tangentish)."""
    _tape = []
    range_3 = range(3)
    h_1 = x
    for _ in range_3:
        tanh_h_2 = np.tanh(h_1)
        h_2_minus_t1 = h_1 - 0.5 * tanh_h_2
        h_1 = h_2_minus_t1 * x
        _tape.append((h_2_minus_t1, tanh_h_2))
    h_1_pow_2 = h_1 ** 2
    out = np.sum(h_1_pow_2)
    out_bar = _rt.seed(out, out_bar, 'inlined_in_loop')
    # adjoint of: return np.sum(h ** 2)  [flow_zoo.py:432]
    h_1_bar = out_bar * 2 * h_1
    x_bar = np.zeros_like(x)
    # adjoint of: for _ in range(3):  [flow_zoo.py:430]
    for _ in reversed(range_3):
        h_2_minus_t1, tanh_h_2 = _tape.pop()
        # adjoint of: h = softstep(h) * x  [flow_zoo.py:431]
        h_2_minus_t1_bar = h_1_bar * x
        x_bar = x_bar + h_1_bar * h_2_minus_t1
        # adjoint of: return v - rate * np.tanh(v)  [flow_zoo.py:425]
        tanh_h_2_bar = h_2_minus_t1_bar * -0.5
        h_1_bar = h_2_minus_t1_bar + tanh_h_2_bar * (1.0 - tanh_h_2 * tanh_h_2)
    x_bar = x_bar + h_1_bar
    return x_bar
