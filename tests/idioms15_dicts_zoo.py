"""Configuration dicts as outside projects write them (re-imagined, none copied): defaults at
module level merged with a call's values (``{**DEFAULTS, "lr": lr}``, ``dict(DEFAULTS, lr=lr)``,
``DEFAULTS.copy()`` then a key set), nested configs, and the writes that would change the
caller's or the module's values (refused).  ``tests/test_idioms15_dicts.py`` differentiates
each."""

import numpy as np

DEFAULTS = {"lr": 0.1, "decay": 0.01, "steps": 3}
CONFIG = {"opt": {"lr": 0.2, "momentum": 0.5}, "scale": 2.0}
STATE = {"w": np.array([0.5, -0.25, 1.0]), "s": 0.5}
TABLE = {0: 0.3, 1: -0.7}


def merged_dicts(w, lr):
    cfg = {**DEFAULTS, "lr": lr}
    for _ in range(cfg["steps"]):
        w = w - cfg["lr"] * (w - 1.0) - cfg["decay"] * w
    return np.sum(w ** 2)


def dict_of_defaults(w, lr):
    cfg = dict(DEFAULTS)
    cfg["lr"] = lr
    return np.sum(np.tanh(w * cfg["lr"] + cfg["decay"]))


def dict_keywords_over_defaults(w, lr):
    cfg = dict(DEFAULTS, lr=lr, decay=0.05)
    return np.sum(w ** 2 * cfg["lr"]) + cfg["decay"] * np.sum(w)


def copied_defaults(w, lr):
    cfg = DEFAULTS.copy()
    cfg["lr"] = lr
    cfg["decay"] *= 2.0
    return np.sum(np.sin(w) * cfg["lr"]) + cfg["decay"]


def nested_config(w, momentum):
    opt = {**CONFIG["opt"], "momentum": momentum}
    v = np.zeros_like(w)
    for _ in range(2):
        v = opt["momentum"] * v - opt["lr"] * np.cos(w)
        w = w + v
    return CONFIG["scale"] * np.sum(w ** 2)


def integer_keys_copy(w, a):
    t = TABLE.copy()
    t[0] = a
    return np.sum(w * t[0] + t[1])


def state_arrays_merged(x):
    st = {**STATE}
    st["w"] = st["w"] + x
    return np.sum(st["w"] ** 2) * st["s"]


def iterate_module_dict(x):
    cfg = dict(DEFAULTS)
    total = 0.0
    for name, value in cfg.items():
        total = total + len(name) * value * np.sum(x ** 2)
    return total


# --- refused: each would write into the caller's or the module's value ----------------------


def module_array_through_copy(x):
    st = STATE.copy()
    st["w"] += x  # (the shallow copy holds the module's array: += writes into it)
    return np.sum(st["w"] ** 2)


def module_array_item(x):
    w = STATE["w"]
    w += x
    return np.sum(w ** 2)


def parameter_dict_copy(x, p):
    cfg = p.copy()
    cfg["w"] += x
    return np.sum(cfg["w"] ** 2)


def parameter_dict_write(x, p):
    p["w"] = x
    return np.sum(p["w"] ** 2)
