"""The toolkit's own strings, dates and language names, through Babel."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from toolkit.i18n import join_names, long_date, notice_language, translations
from toolkit.lang import language_name

MESSAGES = Path(__file__).resolve().parents[1] / "toolkit" / "messages"
ES_PO = MESSAGES / "es" / "LC_MESSAGES" / "toolkit.po"


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (date(2017, 6, 19), "es", "19 de junio de 2017"),
        ("2017-06-19", "es", "19 de junio de 2017"),
        (datetime(2017, 6, 1, 12, 30), "es", "1 de junio de 2017"),
        (date(2017, 6, 19), "en", "June 19, 2017"),
        (date(2017, 6, 19), "es-MX", "19 de junio de 2017"),
        ("June 2017", "es", "June 2017"),  # not ISO: shown as the publisher wrote it
        (None, "es", None),
        ("", "es", None),
    ],
)
def test_long_dates(value: object, lang: str, expected: str | None) -> None:
    assert long_date(value, lang) == expected


def test_language_names_and_lists() -> None:
    assert language_name("en", "es") == "inglés"
    assert language_name("es", "es") == "español"
    assert join_names(["Ana", "Luis", "Marta"], "es") == "Ana, Luis y Marta"
    assert join_names(["Ana", "Luis"], "en") == "Ana and Luis"


def test_spanish_messages() -> None:
    _ = translations("es").gettext
    assert _("Originally published in {language} by {publisher}: {original}") == (
        "Publicado originalmente en {language} por {publisher}: {original}"
    )
    plural = translations("es").ngettext
    one = "{reviewed} of {total} passage reviewed ({percent})"
    many = "{reviewed} of {total} passages reviewed ({percent})"
    assert plural(one, many, 1) == "{reviewed} de {total} pasaje revisado ({percent})"
    assert plural(one, many, 16) == "{reviewed} de {total} pasajes revisados ({percent})"


def test_regional_variant_uses_the_language_catalog() -> None:
    assert translations("es-MX").gettext("Unreviewed translation") == "Traducción sin revisar"
    assert notice_language("es_MX") == "es_MX"


@pytest.mark.parametrize("lang", ["fr", "pt-BR", "de"])
def test_a_language_without_a_catalog_gets_english(lang: str) -> None:
    assert translations(lang).gettext("Unreviewed translation") == "Unreviewed translation"
    assert notice_language(lang) == "en"


def sources() -> dict[str, tuple[str, ...]]:
    """Every string the code marks for translation (as ``pybabel extract`` finds them)."""
    root = MESSAGES.parents[1]
    found: dict[str, tuple[str, ...]] = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
        root / "toolkit", method_map=[("**.py", "python")]
    ):
        key = message if isinstance(message, tuple) else (message,)
        found[key[0]] = key
    return found


def test_template_is_up_to_date_with_the_code() -> None:
    with (MESSAGES / "toolkit.pot").open("rb") as handle:
        template = read_po(handle)
    in_template = {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}
    assert in_template == set(sources()), "run the pybabel extract command in toolkit/i18n.py"


def test_spanish_catalog_is_complete_and_keeps_placeholders() -> None:
    import re

    with ES_PO.open("rb") as handle:
        catalog = read_po(handle)
    field = re.compile(r"\{\w+\}")
    for key in sources():
        message = catalog.get(key)
        assert message is not None, key
        assert not message.fuzzy, key
        ids = [str(i) for i in (message.id if isinstance(message.id, tuple) else (message.id,))]
        raw = message.string
        strings = [str(t) for t in (raw if isinstance(raw, tuple) else (raw,))]
        assert all(strings), key
        for text in strings:
            assert sorted(field.findall(text)) == sorted(field.findall(ids[-1])), text


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt not installed")
def test_msgfmt_accepts_the_spanish_catalog() -> None:
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(ES_PO)], check=True)
