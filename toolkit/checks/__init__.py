"""The checks room: ``l10n check`` and the quality gate of ``l10n build``.

Where things are (docs/checks.md says how to add or change a check):

- ``registry``: the one table of checks (name, severity, family, scope, description) and
  the plug-ins found through the entry point group ``l10n.checks`` (``plugins``).
- ``contract``: what a check receives and returns, and how a plug-in declares itself.
- ``run``: the driver (``check_catalog``, ``check_entry``, silences); ``report``: findings.
- ``pair``: the source and translation with the derived texts every check reads.
- one module per family: ``validity``, ``numbers``, ``markup`` (with ``house_style``),
  ``glossary``, ``punctuation``, ``style``.
- ``lang/en.py``, ``lang/es.py``: the words and rules of each language.

Importing this package imports nothing else: ``toolkit.checks.report`` stays cheap for a
build that only reads notes, and the checks load when they run.
"""
