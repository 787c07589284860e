def vjp_method_chain_wrt_x_forward(x):
    """Primal of method_chain with respect to x (tangentish): returns the output and what the pullback needs."""
    reshape_x = x.reshape(2, 3)
    reshape_x_T = reshape_x.T
    out = reshape_x_T.sum()
    return out, (reshape_x_T, x)


def vjp_method_chain_wrt_x_backward(_residuals, out_bar):
    """Pullback of method_chain with respect to x (tangentish): cotangent in, gradients out."""
    reshape_x_T, x = _residuals
    # adjoint of: return x.reshape(2, 3).T.sum()  [zoo.py:82]
    reshape_x_bar = np.transpose(_rt.unreduce(out_bar, reshape_x_T))
    x_bar = np.reshape(reshape_x_bar, np.shape(x))
    return x_bar
