def value_and_grad_early_return_in_loop_wrt_x(x, *, out_bar=1.0):
    """Value and gradient of early_return_in_loop with respect to x (tangentish)."""
    _tape = []
    _done_1 = False
    s_1 = 0.0
    _brk_1 = False
    len_x = len(x)
    range_len_x = range(len_x)
    _n = 0
    for _i in range_len_x:
        _n = _n + 1
        s_2 = s_1
        v = x[_i]
        s_1 = s_2 + v
        _t1 = s_1 > 2.0
        if _t1:
            result_1 = s_1 * 10.0
            _done_1 = True
            _brk_1 = True
            _tape.append(result_1)
        _tape.append((_t1, _rt.like(s_2), _rt.like(v)))
        if _brk_1:
            break
    _t2 = not _done_1
    if _t2:
        result_1 = s_1
    s_1_bar = _rt.seed(result_1, out_bar, 'early_return_in_loop')
    # adjoint of: return s  [flow_zoo.py:165]
    if _t2:
        result_1_bar = None
    else:
        result_1_bar = s_1_bar
        s_1_bar = np.zeros_like(s_1)
    x_bar = np.zeros_like(x)
    # adjoint of: for v in x:  [flow_zoo.py:161]
    for _i in reversed(range_len_x[:_n]):
        _t1, s_2, v = _tape.pop()
        # adjoint of: if s > 2.0:  [flow_zoo.py:163]
        if _t1:
            result_2 = _tape.pop()
            result_3_bar = result_1_bar if result_1_bar is not None else np.zeros_like(result_2)
            # adjoint of: return s * 10.0  [flow_zoo.py:164]
            s_1_bar = s_1_bar + result_3_bar * 10.0
            result_1_bar = None
        # adjoint of: s = s + v  [flow_zoo.py:162]
        v_bar = _rt.unbroadcast(s_1_bar, v)
        s_1_bar = _rt.unbroadcast(s_1_bar, s_2)
        # adjoint of: for v in x:  [flow_zoo.py:161]
        x_bar[_i] += v_bar
    return result_1, x_bar
