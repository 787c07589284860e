def grad_reductions_wrt_x(x, *, out_bar=1.0):
    """Gradient of reductions with respect to x (tangentish)."""
    mean_x = x.mean(axis=0)
    max_x = x.max(axis=1, keepdims=True)
    max_x_T = max_x.T
    _t1 = mean_x * max_x_T
    out = np.sum(_t1)
    out_bar = _rt.seed(out, out_bar, 'reductions')
    # adjoint of: return np.sum(x.mean(axis=0) * x.max(axis=1, keepdims=True).T)  [zoo.py:78]
    _t1_bar = _rt.unreduce(out_bar, _t1, view=True)
    mean_x_bar = _rt.unbroadcast(_t1_bar * max_x_T, mean_x)
    max_x_bar = np.transpose(_rt.unbroadcast(_t1_bar * mean_x, max_x_T))
    x_bar = _rt.chosen(max_x_bar, _rt.ties(x, max_x, axis=1, keepdims=True))
    x_bar = x_bar + _rt.unreduce(mean_x_bar, x, axis=0) / np.shape(x)[0]
    return x_bar
