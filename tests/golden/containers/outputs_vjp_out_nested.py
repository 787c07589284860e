def vjp_out_nested_wrt_x_forward(x):
    """Primal of out_nested with respect to x (tangentish): returns the output and what the pullback needs."""
    h = x * 3.0
    out_enc_w = h[:2]
    out_enc_b_0 = np.sum(x)
    out_enc_b_1 = None
    out_name = 'm'
    out_z_0 = x ** 3
    out_z_1_v = 1
    out = (out_enc_w, out_enc_b_0, out_enc_b_1, out_name, out_z_0, x, out_z_1_v)
    return out, (h, x)


def vjp_out_nested_wrt_x_backward(_residuals, out_bar):
    """Pullback of out_nested with respect to x (tangentish): cotangent in, gradients out."""
    h, x = _residuals
    # adjoint of: return {"enc": {"w": h[:2], "b": (np.sum(x), None)}, "name": "m", "z": [x ** 3, Pair(x, 1)]}  [test_outputs.py:77]
    out_enc_w_bar = out_bar[0]
    out_enc_b_0_bar = out_bar[1]
    out_z_0_bar = out_bar[4]
    x_bar = out_bar[5]
    x_bar = x_bar + out_z_0_bar * 3 * x ** 2
    x_bar = x_bar + _rt.unreduce(out_enc_b_0_bar, x, view=True)
    h_bar = _rt.unindex(out_enc_w_bar, h, slice(None, 2, None))
    # adjoint of: h = x * 3.0  [test_outputs.py:76]
    x_bar = x_bar + h_bar * 3.0
    return x_bar
