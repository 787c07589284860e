def vjp_loop_with_branch_wrt_x_forward(x):
    """Primal of loop_with_branch with respect to x (tangentish): returns the output and what the pullback needs."""
    _tape = []
    s_1 = 0.0
    len_x = len(x)
    range_len_x = range(len_x)
    for _i in range_len_x:
        v = x[_i]
        _t1 = v > 0
        if _t1:
            v_times_v = v * v
            _tape.append((_rt.like(s_1), v, _rt.like(v_times_v)))
            s_1 = s_1 + v_times_v
        else:
            exp_v = np.exp(v)
            _tape.append((exp_v, _rt.like(s_1)))
            s_1 = s_1 - exp_v
        _tape.append(_t1)
    return s_1, (_tape, range_len_x, x)


def vjp_loop_with_branch_wrt_x_backward(_residuals, out_bar):
    """Pullback of loop_with_branch with respect to x (tangentish): cotangent in, gradients out."""
    _tape, range_len_x, x = _residuals
    _tape = list(_tape)
    s_1_bar = out_bar
    x_bar = np.zeros_like(x)
    # adjoint of: for v in x:  [flow_zoo.py:109]
    for _i in reversed(range_len_x):
        _t1 = _tape.pop()
        # adjoint of: if v > 0:  [flow_zoo.py:110]
        if _t1:
            s_2, v, v_times_v = _tape.pop()
            # adjoint of: s = s + v * v  [flow_zoo.py:111]
            v_bar = 2 * (_rt.unbroadcast(s_1_bar, v_times_v) * v)
            s_1_bar = _rt.unbroadcast(s_1_bar, s_2)
        else:
            exp_v, s_2 = _tape.pop()
            # adjoint of: s = s - np.exp(v)  [flow_zoo.py:113]
            v_bar = _rt.unbroadcast(-s_1_bar, exp_v) * exp_v
            s_1_bar = _rt.unbroadcast(s_1_bar, s_2)
        # adjoint of: for v in x:  [flow_zoo.py:109]
        x_bar[_i] = v_bar
    return x_bar
