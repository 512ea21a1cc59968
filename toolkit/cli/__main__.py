"""``python -m toolkit.cli``: the ``l10n`` command."""

from toolkit.cli import main

main()
