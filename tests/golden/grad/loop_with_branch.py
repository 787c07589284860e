def grad_loop_with_branch_wrt_x(x, *, out_bar=1.0):
    """Gradient of loop_with_branch with respect to x (tangentish)."""
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
    s_1_bar = _rt.seed(s_1, out_bar, 'loop_with_branch')
    x_bar = np.zeros_like(x)
    # adjoint of: for v in x:  [flow_zoo.py:109]
    for _i in reversed(range_len_x):
        _t1 = _tape.pop()
        # adjoint of: if v > 0:  [flow_zoo.py:110]
        if _t1:
            s_1, v, v_times_v = _tape.pop()
            # adjoint of: s = s + v * v  [flow_zoo.py:111]
            v_bar = 2 * (_rt.unbroadcast(s_1_bar, v_times_v) * v)
            s_1_bar = _rt.unbroadcast(s_1_bar, s_1)
        else:
            exp_v, s_1 = _tape.pop()
            # adjoint of: s = s - np.exp(v)  [flow_zoo.py:113]
            v_bar = _rt.unbroadcast(-s_1_bar, exp_v) * exp_v
            s_1_bar = _rt.unbroadcast(s_1_bar, s_1)
        # adjoint of: for v in x:  [flow_zoo.py:109]
        x_bar[_i] = v_bar
    return x_bar
