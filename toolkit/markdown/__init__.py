"""Markdown: the toolkit's one CommonMark parser and what it knows about articles.

- :mod:`~toolkit.markdown.parser`: the parser configuration (CommonMark + GFM tables) and
  its nesting limit.
- :mod:`~toolkit.markdown.inline`: the inline vocabulary (code spans, link targets,
  reference links, autolinks, bare URLs and e-mails, the markup signature), shared by
  segmentation, the checks, MT protection, pseudo-localization and sanitizing.
- :mod:`~toolkit.markdown.blocks`: the translatable blocks of a body and their spans.
- :mod:`~toolkit.markdown.joining`: a block's source lines as the one-line msgid.
- :mod:`~toolkit.markdown.tracking`: where each inline construct sits in the source
  (:class:`~toolkit.markdown.tracking.MarkupCuts`).
- :mod:`~toolkit.markdown.sentences`: sentence splitting (pysbd), never through markup.
- :mod:`~toolkit.markdown.reassemble`: translations back into their spans, escaped so that
  no line opens a new block.
- :mod:`~toolkit.markdown.assembly`: an article and its catalog as an edition.
- :mod:`~toolkit.markdown.rows`: the bilingual edition's aligned rows.
"""
