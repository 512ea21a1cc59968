"""article-l10n: publish news articles in Spanish through gettext catalogs."""

__version__ = "0.1.0"
