def jvp_where_clip_wrt_x(x, *, x_dot):
    """Value and directional derivative of where_clip with respect to x (tangentish)."""
    _t1 = x > 0
    _t2 = 0.1 * x
    _t2_dot = 0.1 * x_dot
    y = np.where(_t1, x, _t2)
    y_dot = np.where(_t1, x_dot, _t2_dot)
    clip_y = np.clip(y, -1.0, 1.0)
    clip_y_dot = _rt.chosen(y_dot, (y >= -1.0) & (y <= 1.0))
    out = np.sum(clip_y)
    out_dot = np.sum(clip_y_dot)
    return out, out_dot
