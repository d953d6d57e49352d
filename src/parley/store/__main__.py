"""``python -m parley.store COMMAND ...``: the same as ``parley COMMAND ...``."""

from ..cli import main

raise SystemExit(main())
