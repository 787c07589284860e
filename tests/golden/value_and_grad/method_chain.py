def value_and_grad_method_chain_wrt_x(x, *, out_bar=1.0):
    """Value and gradient of method_chain with respect to x (tangentish)."""
    reshape_x = x.reshape(2, 3)
    reshape_x_T = reshape_x.T
    out = reshape_x_T.sum()
    out_bar = _rt.seed(out, out_bar, 'method_chain')
    # adjoint of: return x.reshape(2, 3).T.sum()  [zoo.py:82]
    reshape_x_bar = np.transpose(_rt.unreduce(out_bar, reshape_x_T))
    x_bar = np.reshape(reshape_x_bar, np.shape(x))
    return out, x_bar
