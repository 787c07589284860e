def jvp_grad_where_clip_wrt_x_wrt_x(x, *, out_bar=1.0, x_dot):
    """Value and directional derivative of grad_where_clip_wrt_x with respect to x (tangentish)."""
    _t1 = x > 0
    _t2 = 0.1 * x
    y = np.where(_t1, x, _t2)
    clip_y = np.clip(y, -1.0, 1.0)
    out = np.sum(clip_y)
    out_bar_1 = _rt.seed(out, out_bar, 'where_clip')
    clip_y_bar = _rt.unreduce(out_bar_1, clip_y, view=True)
    _t3 = y >= -1.0
    _t4 = y <= 1.0
    _t5 = _t3 & _t4
    y_bar = _rt.chosen(clip_y_bar, _t5)
    x_bar = np.where(_t1, y_bar, 0.0)
    where_t1 = np.where(_t1, 0.0, y_bar)
    _t6 = where_t1 * 0.1
    x_bar_1 = x_bar + _t6
    return x_bar_1, np.zeros_like(x_bar_1)
