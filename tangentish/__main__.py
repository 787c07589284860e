"""``python -m tangentish COMMAND ...``: the command line of :mod:`tangentish.cli` (show, check,
export, rules); ``python -m tangentish --help`` lists them."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
