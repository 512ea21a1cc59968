"""Markdown: the toolkit's one CommonMark parser and what it knows about articles.

- :mod:`toolkit.markdown.parser`: the parser configuration (CommonMark + GFM tables) and
  its nesting limit.
- :mod:`toolkit.markdown.inline`: the inline vocabulary (code spans, link targets,
  reference links, autolinks, bare URLs and e-mails, the markup signature), shared by
  segmentation, QA, MT protection, pseudo-localization and sanitizing.
"""
