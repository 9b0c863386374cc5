"""``python -m transparency_core``: the command line."""

from transparency_core._cli import main

if __name__ == "__main__":
    raise SystemExit(main())
