def value_and_grad_indexing_wrt_x(x, *, out_bar=1.0):
    """Value and gradient of indexing with respect to x (tangentish)."""
    x0 = x[0]
    x_last = x[-1]
    _t1 = x0 * x_last
    x_slice = x[1:3]
    sum_x_slice = np.sum(x_slice)
    out = _t1 + sum_x_slice
    out_bar = _rt.seed(out, out_bar, 'indexing')
    # adjoint of: return x[0] * x[-1] + np.sum(x[1:3])  [zoo.py:100]
    x_slice_bar = _rt.unreduce(_rt.unbroadcast(out_bar, sum_x_slice), x_slice)
    x_bar = _rt.unindex(x_slice_bar, x, slice(1, 3, None))
    x0_bar = _rt.unbroadcast(out_bar * x_last, x0)
    x_bar[-1] += _rt.unbroadcast(out_bar * x0, x_last)
    x_bar[0] += x0_bar
    return out, x_bar
