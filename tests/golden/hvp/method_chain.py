def jvp_grad_method_chain_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_method_chain_wrt_x with respect to x (tangentish)."""
    reshape_x = x.reshape(2, 3)
    reshape_x_T = reshape_x.T
    out = reshape_x_T.sum()
    out_bar_1 = _rt.seed(out, out_bar, 'method_chain')
    unreduce_rt = _rt.unreduce(out_bar_1, reshape_x_T)
    reshape_x_bar = np.transpose(unreduce_rt)
    shape_x = np.shape(x)
    x_bar = np.reshape(reshape_x_bar, shape_x)
    return x_bar, np.zeros_like(x_bar)
