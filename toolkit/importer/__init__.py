"""``l10n import``: web pages (or text copies of them) to articles.

``run.import_pages`` is the entry point; ``source`` reads and decodes, ``html`` (with
trafilatura) and ``textcopy`` find the body and the metadata, ``tomarkdown`` writes the
CommonMark, ``profile`` holds the site's own rules (``[tool.l10n.import]``). Nothing here
is imported at start-up except ``profile``, which the settings need.
"""
