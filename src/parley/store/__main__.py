"""``python -m parley.store COMMAND ...``: the store's commands on their own (``parley COMMAND`` once wired)."""

from .cli_commands import main

raise SystemExit(main())
