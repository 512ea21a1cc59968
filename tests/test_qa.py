"""Tests for toolkit.checks: one table row per defect, and the Spanish that must not be flagged."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.checks.registry import CHECKS
from toolkit.checks.run import (
    CheckReport,
    Finding,
    Glossary,
    check_catalog,
    check_entry,
    silenced_checks,
)
from toolkit.entry import Catalog, Entry
from toolkit.glossary import GlossaryTerm

GLOSSARY = Glossary(
    (
        GlossaryTerm("NSO Group", ""),
        GlossaryTerm("Pegasus", ""),
        GlossaryTerm("InSight Crime", ""),
        GlossaryTerm("R3D", ""),
        GlossaryTerm("Citizen Lab", ""),
        GlossaryTerm("spyware", "programa espía | software espía"),
        GlossaryTerm("cartel", "cártel"),
        GlossaryTerm("human rights", "derechos humanos"),
        GlossaryTerm(
            "Attorney General's Office", "Procuraduría General de la República", "PGR until 2018"
        ),
    )
)
HEADER = {
    "Project-Id-Version": "article-l10n",
    "Language": "es",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=2; plural=(n != 1);",
}


def checks(msgid: str, msgstr: str, **entry: object) -> list[tuple[str, str]]:
    return check_entry(
        Entry(msgid, msgstr, **entry),  # type: ignore[arg-type]
        source_lang="en",
        target_lang="es",
        glossary=GLOSSARY,
    )


def names(msgid: str, msgstr: str) -> set[str]:
    return {name for name, _ in checks(msgid, msgstr)}


def catalog(*entries: Entry, header: dict[str, str] | None = None) -> Catalog:
    return Catalog(header=dict(HEADER) if header is None else header, entries=list(entries))


def run(cat: Catalog) -> CheckReport:
    return check_catalog(
        cat, "locales/es/a.po", source_lang="en", target_lang="es", glossary=GLOSSARY
    )


# check, source, a defective translation, the good translation (which must not be flagged)
DEFECTS = [
    ("numbers", "13 votes were cast.", "Se emitieron 12 votos.", "Se emitieron 13 votos."),
    ("numbers", "It cost 1,000 dollars.", "Costó 100 dólares.", "Costó 1.000 dólares."),
    ("numbers", "A 1.5 percent rise.", "Un alza de 15 %.", "Un alza de 1,5 %."),
    (
        "numbers",
        "It cost $2 billion.",
        "Costó 2 billones de dólares.",
        "Costó 2.000 millones de dólares.",
    ),
    ("numbers", "Between 2013 and 2016.", "Entre 2013 y 2017.", "Entre 2013 y 2016."),
    (
        "urls",
        "Write to info@insightcrime.org.",
        "Escriba a info@insigthcrime.org.",
        "Escriba a info@insightcrime.org.",
    ),
    (
        "urls",
        "See https://insightcrime.org/news today.",
        "Vea https://insightcrime.org/noticias hoy.",
        "Vea https://insightcrime.org/news hoy.",
    ),
    (
        "markup",
        "Read the [report](https://citizenlab.ca/2017/06/).",
        "Lea el [informe](https://citizenlab.ca/2017/).",
        "Lea el [informe](https://citizenlab.ca/2017/06/).",
    ),
    (
        "markup",
        "Read the [report](https://x.org/r).",
        "Lea el informe.",
        "Lea el [informe](https://x.org/r).",
    ),
    ("markup", "This is **important**.", "Esto es **importante*.", "Esto es **importante**."),
    ("markup", "This is *new*.", "Esto es nuevo.", "Esto es _nuevo_."),
    (
        "markup",
        "Run `l10n check` now.",
        "Ejecute `l10n revisar` ahora.",
        "Ejecute `l10n check` ahora.",
    ),
    ("markup", "![A phone](phone.jpg)", "[Un teléfono](phone.jpg)", "![Un teléfono](phone.jpg)"),
    (
        "markup",
        "Press <kbd>Enter</kbd> now.",
        "Pulse Enter ahora.",
        "Pulse <kbd>Intro</kbd> ahora.",
    ),
    (
        "placeholders",
        "%(count)s entries in {path}.",
        "%(cuenta)s entradas en {ruta}.",
        "%(count)s entradas en {path}.",
    ),
    ("placeholders", "%s of %d files.", "%s de archivos.", "%s de %d archivos."),
    ("placeholders", "Hello {{ name }}.", "Hola {{ nombre }}.", "Hola {{ name }}."),
    ("dnt", "The NSO Group sells it.", "El Grupo NSO lo vende.", "NSO Group lo vende."),
    ("dnt", "R3D reported it.", "La R3d lo informó.", "R3D lo informó."),
    (
        "glossary",
        "The spyware was sold.",
        "El software malicioso fue vendido.",
        "El programa espía fue vendido.",
    ),
    (
        "glossary",
        "Cartels bought spyware.",
        "Las bandas compraron programas espía.",
        "Los cárteles compraron programas espía.",
    ),
    (
        "endpunc",
        "The report was released.",
        "El informe fue publicado",
        "El informe fue publicado.",
    ),
    ("endpunc", "Who is responsible?", "¿Quién es responsable?.", "¿Quién es responsable?"),
    ("endpunc", "Reports", "Informes.", "Informes"),
    (
        "endpunc",
        'He said "it is standard."',
        "Dijo que «es lo habitual»",
        "Dijo que «es lo habitual».",
    ),
    (
        "brackets",
        "The network (R3D) reported it.",
        "La red (R3D lo informó.",
        "La red (R3D) lo informó.",
    ),
    ("brackets", "Why? Nobody knows.", "Por qué? Nadie lo sabe.", "¿Por qué? Nadie lo sabe."),
    ("brackets", "What a scandal!", "Qué escándalo!", "¡Qué escándalo!"),
    (
        "brackets",
        "Who paid. Nobody knows.",
        "¿Quién pagó. Nadie lo sabe.",
        "Quién pagó. Nadie lo sabe.",
    ),
    (
        "quotes",
        '"It is standard practice," they said.',
        '"Es una práctica habitual, dijeron.',
        "«Es una práctica habitual», dijeron.",
    ),
    (
        "quotes",
        'A "shadow system" exists.',
        "Existe un “sistema en la sombra.",
        "Existe un “sistema en la sombra”.",
    ),
    (
        "quotes",
        'A "shadow system" exists.',
        "Existe un «sistema en la sombra.",
        "Existe un «sistema en la sombra».",
    ),
    (
        "untranslated",
        "The spyware is sold to governments.",
        "The spyware is sold to governments.",
        "El programa espía se vende a gobiernos.",
    ),
    (
        "untranslated",
        "InSight Crime Analysis",
        "InSight Crime Analysis",
        "Análisis de InSight Crime",
    ),
    ("whitespace", "Hello world ", "Hola mundo", "Hola mundo "),
    ("whitespace", " Hello world", "Hola mundo", " Hola mundo"),
    (
        "doublespace",
        "The report was released.",
        "El informe  fue publicado.",
        "El informe fue publicado.",
    ),
    (
        "doubledwords",
        "The report of the agency.",
        "El informe de de la agencia.",
        "El informe de la agencia.",
    ),
    ("doubledwords", "He said that he left.", "Dijo que que se fue.", "Dijo que se fue."),
    (
        "length",
        "The report details more than 70 cases of espionage.",
        "70 casos.",
        "El informe detalla más de 70 casos de espionaje.",
    ),
    (
        "length",
        "The report details 70 cases.",
        "El informe detalla 70 casos de espionaje contra periodistas, activistas y defensores.",
        "El informe detalla 70 casos.",
    ),
    ("validity", "Line one\n", "Línea uno", "Línea uno\n"),
    ("validity", "\nLine one", "Línea uno", "\nLínea uno"),
    # Apertium's capital for a list item that continues a sentence (issue 13).
    (
        "startcaps",
        "a ban on the sale of spyware",
        "Una prohibición de la venta de software espía",
        "una prohibición de la venta de software espía",
    ),
    ("startcaps", "Spyware in Mexico", "software espía en México", "Software espía en México"),
]


@pytest.mark.parametrize(("check", "source", "bad", "good"), DEFECTS)
def test_defect_found_and_good_spanish_not_flagged(
    check: str, source: str, bad: str, good: str
) -> None:
    assert check in names(source, bad), checks(source, bad)
    assert checks(source, good) == []


def test_every_check_has_a_defect_row() -> None:
    assert {row[0] for row in DEFECTS} == set(CHECKS)


# Legitimate Spanish forms of the source's numbers: none may be reported.
NUMBER_FORMS = [
    ("1,000 people", "1000 personas"),
    ("1,000 people", "1 000 personas"),
    ("1,000 people", "1\u00a0000 personas"),
    ("1,000 people", "1.000 personas"),
    ("1,000 people", "1,000 personas"),  # Mexico writes it the English way
    ("1,000 people", "mil personas"),
    ("2,000 people", "dos mil personas"),
    ("12,300 people", "12 300 personas"),
    ("a 1.5 percent rise", "un alza de 1,5 %"),
    ("a 1.5 percent rise", "un alza de 1.5 %"),
    ("50 percent", "50 %"),
    ("50 percent", "50%"),
    ("50 percent", "50 por ciento"),
    ("$80 million", "80 millones de dólares"),
    ("$80 million", "US$80 millones"),
    ("$80 million", "80 mdd"),
    ("$80 million", "80.000.000 de dólares"),
    ("$1.5 billion", "1.500 millones de dólares"),
    ("$2 billion", "2 mil millones de dólares"),
    ("June 19", "19 de junio"),
    ("on the 19th", "el día 19"),
    ("the 1st", "el 1.º"),
    ("between 2013 and 2016", "entre 2013 y 2016"),
    ("his 2009 to 2014 term", "su mandato de 2009 a 2014"),
    ("3 cases", "tres casos"),
    ("three agencies", "3 agencias"),
    ("the 1990s", "la década de 1990"),
    ("the 1990s", "los años noventa"),
    ("the 21st century", "el siglo XXI"),
    ("in 2016, 300 people", "en 2016, 300 personas"),
    ("a 0.5 increase", "un aumento de 0,5"),
    ("from 06/19/2017", "desde el 19/06/2017"),
]


@pytest.mark.parametrize(("source", "translation"), NUMBER_FORMS)
def test_spanish_number_forms_accepted(source: str, translation: str) -> None:
    assert "numbers" not in names(source, translation)


def test_number_words_are_not_required_but_digits_are() -> None:
    assert "numbers" not in names("at least three agencies", "al menos tres agencias")
    message = dict(checks("at least 30 agencies", "al menos tres agencias"))["numbers"]
    assert message == '"30" of the source missing from the translation'


def test_number_trap_old_translation_kept_by_msgmerge_is_reported() -> None:
    # msgmerge kept the "12 votes" translation as fuzzy for the new "13 votes" source; the
    # translator had silenced numbers on the old entry, which must not hide this.
    entry = Entry(
        "The motion passed with 13 votes.",
        "La moción se aprobó con 12 votos.",
        flags=["fuzzy", "ignore-numbers"],
        translator_comments=["l10n-ignore: numbers"],
        previous_msgid="The motion passed with 12 votes.",
        line=42,
    )
    report = run(catalog(entry))
    assert [str(f) for f in report.findings] == [
        'locales/es/a.po:42: [numbers] "13" of the source missing from the translation; '
        '"12" in the translation not in the source '
        "(translation kept from an earlier version of the source)"
    ]
    assert report.silenced == 0
    assert report.checked == 1


def test_numbers_inside_urls_are_left_to_the_url_check() -> None:
    source = "See [the story](https://nytimes.com/2017/06/19/spyware.html)."
    assert checks(source, "Vea [la nota](https://nytimes.com/2017/06/19/spyware.html).") == []


def test_urls_and_trailing_punctuation() -> None:
    source = "Details at https://en.wikipedia.org/wiki/Pegasus_(spyware)."
    good = "Detalles en https://en.wikipedia.org/wiki/Pegasus_(spyware)."
    assert checks(source, good) == []
    assert checks("Visit www.r3d.mx, now.", "Visite www.r3d.mx, ya.") == []


def test_placeholder_lookalikes_in_prose_are_not_placeholders() -> None:
    assert checks("Support fell 50% during the year.", "El apoyo cayó 50 % durante el año.") == []
    # "% d" would be a printf directive with the space flag, which is why that flag is not read.
    assert checks("Up 5% since 2016.", "Un 5 % desde 2016.") == []
    assert checks("Up 5%, said Ana.", "Un 5 %, dijo Ana.") == []


def test_underscores_inside_words_are_not_emphasis() -> None:
    source = "The file snake_case_name was *changed*."
    assert checks(source, "El archivo snake_case_name fue *cambiado*.") == []


def test_dnt_term_inside_url_is_ignored_and_case_matters() -> None:
    assert "dnt" not in names("See https://pegasus.example/.", "Vea https://pegasus.example/.")
    assert "dnt" in names("Pegasus is spyware.", "pegasus es un programa espía.")


def test_glossary_message_names_expected_term_and_note() -> None:
    found = dict(checks("The Attorney General's Office approved it.", "La Fiscalía lo aprobó."))
    assert found["glossary"] == (
        '"Attorney General\'s Office" should be translated as '
        '"Procuraduría General de la República" (PGR until 2018)'
    )


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("The spyware was sold.", "Los programas espía fueron vendidos."),
        ("The spyware was sold.", "El software espía fue vendido."),
        ("Human rights lawyers.", "Abogados de Derechos Humanos."),
        (
            "Mexico\u2019s Attorney General\u2019s Office acted.",
            "La Procuraduría General de la República actuó.",
        ),
        ("The cartel grew.", "El cartel creció."),  # without the accent: not the glossary's job
        ("Several cartels grew.", "Varios cárteles crecieron."),
    ],
)
def test_glossary_accepts_inflection_case_and_accents(source: str, translation: str) -> None:
    assert "glossary" not in names(source, translation)


def test_glossary_term_inside_a_dnt_term_is_not_checked() -> None:
    glossary = Glossary((GlossaryTerm("Sinaloa Cartel", ""), GlossaryTerm("cartel", "cártel")))
    found = check_entry(
        Entry("The Sinaloa Cartel grew.", "El Sinaloa Cartel creció."),
        source_lang="en",
        target_lang="es",
        glossary=glossary,
    )
    assert found == []


def test_without_glossary_dnt_and_glossary_checks_are_off() -> None:
    found = check_entry(
        Entry("The NSO Group sells spyware.", "El Grupo NSO vende software."),
        source_lang="en",
        target_lang="es",
        glossary=None,
    )
    assert found == []


@pytest.mark.parametrize(
    "translation",
    [
        "¿Quién pagó? ¿Cuánto? Nadie lo dice.",
        "Si llueve, ¿vendrás?",
        "¡¿Qué?!",
        "Dijo: «¿por qué?».",
        "Nació en 1950 (?).",
    ],
)
def test_spanish_inverted_marks_legit(translation: str) -> None:
    source = "Nobody knows." if translation.endswith(".") else "Why?"
    if translation == "¡¿Qué?!":
        source = "What?!"
    assert "brackets" not in names(source, translation)


def test_inverted_marks_only_for_spanish() -> None:
    found = check_entry(
        Entry("Why? Nobody knows.", "Pourquoi ? Personne ne sait."),
        source_lang="en",
        target_lang="fr",
        glossary=None,
    )
    assert found == []


def test_unbalanced_source_is_not_blamed_on_the_translation() -> None:
    # A quotation running over paragraphs opens without closing, in both languages.
    assert checks('"The first paragraph of a quote.', "«El primer párrafo de una cita.") == []
    assert checks("1) First item.", "1) Primer elemento.") == []


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("InSight Crime", "InSight Crime"),
        ("R3D", "R3D"),
        ("NSO Group", "NSO Group"),
        ("Joaquín Guzmán", "Joaquín Guzmán"),
        ("https://insightcrime.org", "https://insightcrime.org"),
        ("2017", "2017"),
        ("`l10n check`", "`l10n check`"),
        ("Citizen Lab", "Citizen Lab"),
    ],
)
def test_copies_of_names_numbers_urls_code_are_fine(source: str, translation: str) -> None:
    assert "untranslated" not in names(source, translation)


def test_doubled_words_legit_spanish() -> None:
    assert "doubledwords" not in names("He asked what was happening.", "Preguntó que qué pasaba.")
    assert "doubledwords" not in names("It was almost done.", "Estaba casi casi listo.")
    assert "doubledwords" not in names("Sirhan Sirhan was tried.", "Sirhan Sirhan fue juzgado.")
    assert "doubledwords" not in names("Between 10 10-year terms.", "Entre 10 10 mandatos.")
    assert dict(checks("The report of the agency.", "El informe De de la agencia."))[
        "doubledwords"
    ] == ('doubled word "de de"')


def test_length_ignores_short_texts() -> None:
    assert "length" not in names("Yes.", "Sí, por supuesto que sí.")


def test_whitespace_newline_is_reported_once_under_validity() -> None:
    assert names("Line one\n", "Línea uno") == {"validity"}


def test_finding_format() -> None:
    finding = Finding("locales/es/a.po", 7, "numbers", "x", "13 votes")
    assert str(finding) == "locales/es/a.po:7: [numbers] x"


def test_check_entry_plural_forms_pair_with_msgid_and_msgid_plural() -> None:
    entry = Entry(
        "%d file was checked.",
        msgid_plural="%d files were checked.",
        msgstr_plural={0: "Se revisó %d archivo.", 1: "Se revisaron archivos."},
    )
    found = check_entry(entry, source_lang="en", target_lang="es", glossary=None)
    assert found == [("placeholders", 'placeholder "%d" missing from the translation')]


# --------------------------------------------------------------------------- silencing


def test_silencing_by_translator_comment_and_by_flag_is_counted() -> None:
    by_comment = Entry(
        "The 2009 to 2014 term.",
        "El mandato de 2009 a 2015",
        translator_comments=["Checked against the court record.", "l10n-ignore: numbers, endpunc"],
        line=10,
    )
    by_flag = Entry(
        "Nearly 150 opponents.",
        "Casi 151 opositores.",
        flags=["ignore-numbers"],
        line=14,
    )
    not_silenced = Entry("It cost 3 dollars.", "Costó 4 dólares.", line=18)
    report = run(catalog(by_comment, by_flag, not_silenced))
    assert [(f.line, f.check) for f in report.findings] == [(18, "numbers")]
    assert report.silenced == 3
    assert report.checked == 3


def test_silence_only_the_named_check() -> None:
    entry = Entry(
        "It cost 3 dollars.",
        "Costó 4 dólares",
        translator_comments=["l10n-ignore: numbers"],
        line=3,
    )
    report = run(catalog(entry))
    assert [f.check for f in report.findings] == ["endpunc"]
    assert report.silenced == 1


def test_silenced_checks_parsing() -> None:
    entry = Entry(
        "x",
        translator_comments=["# L10N-IGNORE: numbers endpunc,quotes\nsecond line"],
        flags=["fuzzy", "ignore-length", "python-format"],
    )
    assert silenced_checks(entry) == {"numbers", "endpunc", "quotes", "length"}
    entry.previous_msgid = "y"
    assert silenced_checks(entry) == frozenset()


# --------------------------------------------------------------------------- catalogs


def test_catalog_checks_translated_and_fuzzy_skips_obsolete_and_empty() -> None:
    entries = [
        Entry("It cost 3 dollars.", "Costó 4 dólares.", line=5),
        Entry("It cost 5 dollars.", "Costó 6 dólares.", flags=["fuzzy"], line=8),
        Entry("It cost 7 dollars.", "Costó 8 dólares.", obsolete=True, line=11),
        Entry("It cost 9 dollars.", "", line=14),
    ]
    report = run(catalog(*entries))
    assert [(f.line, f.check, f.msgid) for f in report.findings] == [
        (5, "numbers", "It cost 3 dollars."),
        (8, "numbers", "It cost 5 dollars."),
    ]
    assert report.checked == 2


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ({}, 'no header entry (msgid ""): msgfmt needs its Content-Type charset'),
        (
            {**HEADER, "Content-Type": "text/plain"},
            "Content-Type has no charset (use charset=UTF-8)",
        ),
        (
            {**HEADER, "Content-Type": "text/plain; charset=CHARSET"},
            'Content-Type charset is still the template\'s "CHARSET"',
        ),
        (
            {**HEADER, "Content-Type": "text/plain; charset=klingon"},
            "Content-Type has an unknown charset 'klingon'",
        ),
        (
            {k: v for k, v in HEADER.items() if k != "Content-Type"},
            "header has no Content-Type field",
        ),
        (
            {k: v for k, v in HEADER.items() if k != "Plural-Forms"},
            "header has no Plural-Forms field",
        ),
        ({**HEADER, "Plural-Forms": "plural=(n != 1);"}, 'Plural-Forms lacks "nplurals=INTEGER"'),
        ({**HEADER, "Plural-Forms": "nplurals=2;"}, 'Plural-Forms lacks "plural=EXPRESSION"'),
        (
            {**HEADER, "Plural-Forms": "nplurals=2; plural=n>5 ? 3 : 0;"},
            "plural expression gives 3 for n=6, outside 0..1",
        ),
        (
            {**HEADER, "Plural-Forms": "nplurals=2; plural=n +* 1;"},
            "Plural-Forms: invalid plural expression 'n +* 1'",
        ),
    ],
)
def test_header_validity_reported_at_line_1(header: dict[str, str], message: str) -> None:
    report = run(catalog(Entry("Hello.", "Hola.", line=20), header=header))
    assert [(f.line, f.check, f.message) for f in report.findings] == [(1, "validity", message)]


def test_plural_count_duplicates_and_structure() -> None:
    entries = [
        Entry("%d file", msgid_plural="%d files", msgstr_plural={0: "%d archivo"}, line=6),
        Entry("Hello.", "Hola.", line=10),
        Entry("Hello.", "Buenas.", line=13),
        Entry("Hello.", "Hola.", msgctxt="heading", line=17),
        Entry("file", msgstr_plural={0: "archivo", 1: "archivos"}, line=21),
    ]
    report = run(catalog(*entries))
    assert [(f.line, f.message) for f in report.findings if f.check == "validity"] == [
        (6, "Plural-Forms says nplurals=2, this entry has msgstr[0]"),
        (13, "duplicate of the entry on line 10"),
        (21, "msgstr[N] without msgid_plural"),
    ]


def test_report_merge() -> None:
    a = run(catalog(Entry("It cost 3 dollars.", "Costó 4 dólares.", line=5)))
    b = run(catalog(Entry("It cost 3 dollars.", "Costó 3 dólares.", flags=["ignore-x"], line=5)))
    a.merge(b)
    assert (len(a.findings), a.silenced, a.checked) == (1, 0, 2)


# --------------------------------------------------------------------------- realistic clean

# English news sentences in the style of the seed article, with the Latin-American news
# Spanish a reviewer would accept. None may produce a finding.
CLEAN = [
    (
        "Mexico Authorities Misusing Surveillance Tech to Spy on Political Opponents: Reports",
        "Autoridades de México usan tecnología de vigilancia para espiar a opositores "
        "políticos: informes",
    ),
    (
        "Authorities in Mexico are reportedly misusing surveillance technology to spy on activists "
        "and critics of the government, raising questions about the effectiveness of laws and "
        "oversight mechanisms surrounding the use of tools intended to help fight crime.",
        "Según informes, las autoridades de México están usando indebidamente tecnología de "
        "vigilancia para espiar a activistas y críticos del gobierno, lo que plantea dudas sobre "
        "la eficacia de las leyes y los mecanismos de supervisión que rodean el uso de "
        "herramientas destinadas a ayudar a combatir el crimen.",
    ),
    (
        'Over the past several years, "at least three Mexican federal agencies have purchased '
        'about $80 million worth of spyware created by an Israeli cyberarms manufacturer," the '
        "[New York Times reported](https://www.nytimes.com/2017/06/19/world/americas/"
        "mexico-spyware-anticrime.html) on June 19.",
        'En los últimos años, "al menos tres agencias federales mexicanas han comprado cerca de '
        "80 millones de dólares en programas espía creados por un fabricante israelí de "
        'ciberarmas", [informó el New York Times](https://www.nytimes.com/2017/06/19/world/'
        "americas/mexico-spyware-anticrime.html) el 19 de junio.",
    ),
    (
        "The spyware, known as Pegasus, is manufactured by an Israeli firm called the NSO Group "
        "and is sold exclusively to governments.",
        "El programa espía, conocido como Pegasus, es fabricado por una empresa israelí llamada "
        "NSO Group y se vende exclusivamente a gobiernos.",
    ),
    (
        "It can penetrate an individual's smartphone to track calls, read texts and emails, and "
        "exploit the microphone and camera features for surveillance.",
        "Puede penetrar el teléfono inteligente de una persona para rastrear llamadas, leer "
        "mensajes de texto y correos electrónicos, y aprovechar el micrófono y la cámara para la "
        "vigilancia.",
    ),
    (
        "A report from the University of Toronto's Citizen Lab and Mexican non-governmental "
        "organization Digital Rights Defense Network (Red en Defensa de los Derechos Digitales - "
        "R3D), released the same day as the Times article, appears to back up the newspaper's "
        "findings.",
        "Un informe del Citizen Lab de la Universidad de Toronto y de la organización no "
        "gubernamental mexicana Red en Defensa de los Derechos Digitales (R3D), publicado el mismo "
        "día que el artículo del Times, parece respaldar las conclusiones del diario.",
    ),
    (
        "The report details more than 70 cases of espionage against journalists and human rights "
        'activists in Mexico "with links to NSO Group\'s exploit framework."',
        "El informe detalla más de 70 casos de espionaje contra periodistas y activistas de "
        "derechos humanos en México «con vínculos con la plataforma de explotación de NSO Group».",
    ),
    (
        "For example, former Panamanian President Ricardo Martinelli is accused of ordering "
        "illegal surveillance on nearly 150 political opponents and businesses during his 2009 "
        "to 2014 term in office, using the same Pegasus software that was deployed in Mexico.",
        "Por ejemplo, el expresidente panameño Ricardo Martinelli está acusado de ordenar la "
        "vigilancia ilegal de casi 150 opositores políticos y empresarios durante su mandato de "
        "2009 a 2014, con el mismo software Pegasus que se utilizó en México.",
    ),
    (
        "The number of legal phone taps approved by Mexico's Attorney General's Office increased "
        "by nearly 50 percent between 2013 and 2016, and authorities have issued thousands of "
        "requests to internet companies during that time frame requesting user information.",
        "El número de intervenciones telefónicas legales aprobadas por la Procuraduría General de "
        "la República de México aumentó casi 50 % entre 2013 y 2016, y las autoridades han enviado "
        "miles de solicitudes de información de usuarios a empresas de internet durante ese "
        "periodo.",
    ),
    (
        "The use of high-tech surveillance has at times been successful, such as in the capture of "
        'former Sinaloa Cartel leader Joaquín "El Chapo" Guzmán.',
        "El uso de la vigilancia de alta tecnología ha tenido éxito en ocasiones, como en la "
        'captura del exlíder del Cártel de Sinaloa Joaquín "El Chapo" Guzmán.',
    ),
    (
        "The Mexican government's use of spyware has been questioned before, but the New York "
        'Times noted that "there is no ironclad proof that the Mexican government is responsible" '
        "for the reported spying incidents.",
        "El uso de programas espía por parte del gobierno mexicano ya había sido cuestionado, pero "
        "el New York Times señaló que “no hay pruebas contundentes de que el gobierno mexicano sea "
        "responsable” de los incidentes de espionaje denunciados.",
    ),
    ("InSight Crime Analysis", "Análisis de InSight Crime"),
    (
        "Why would a government spy on journalists? The answer, experts say, is **impunity**.",
        "¿Por qué un gobierno espiaría a periodistas? La respuesta, según los expertos, es la "
        "**impunidad**.",
    ),
    (
        "Contact the researchers at <research@citizenlab.ca> or read the `README` of the "
        "[full report](https://citizenlab.ca/2017/06/reckless-exploit-mexico-nso/).",
        "Comuníquese con los investigadores en <research@citizenlab.ca> o lea el `README` del "
        "[informe completo](https://citizenlab.ca/2017/06/reckless-exploit-mexico-nso/).",
    ),
    (
        "The contract was worth $1.5 million, or about 1,000 times the agency's annual budget for "
        "oversight.",
        "El contrato valía 1,5 millones de dólares, es decir, unas 1.000 veces el presupuesto "
        "anual de la agencia para supervisión.",
    ),
    (
        '"Illegal surveillance is standard practice," several former Mexican intelligence '
        "officials told the Times.",
        '"La vigilancia ilegal es una práctica habitual", dijeron al Times varios exfuncionarios '
        "de inteligencia mexicanos.",
    ),
    (
        "The South American country's electronic surveillance practices were also questioned in a "
        '2015 report, which alleged that Colombia had established a loosely-regulated "shadow mass '
        'surveillance system" with help from US, European and Israeli companies.',
        "Las prácticas de vigilancia electrónica del país sudamericano también fueron cuestionadas "
        "en un informe de 2015, que denunció que Colombia había establecido un «sistema de "
        "vigilancia masiva en la sombra» poco regulado con ayuda de empresas estadounidenses, "
        "europeas e israelíes.",
    ),
    (
        "The hearing is scheduled for the 19th, three years after the first reports.",
        "La audiencia está programada para el día 19, tres años después de las primeras denuncias.",
    ),
    (
        "Concerningly, authorities in Mexico are ramping up the use of electronic surveillance "
        "technology -- a dynamic that past experience suggests Mexico will have a tough time "
        "combating.",
        "Es preocupante que las autoridades de México estén intensificando el uso de tecnología de "
        "vigilancia electrónica, una dinámica que, según la experiencia, a México le costará "
        "combatir.",
    ),
]


def test_clean_realistic_entries_produce_no_finding() -> None:
    entries = [Entry(src, tgt, line=10 + 4 * i) for i, (src, tgt) in enumerate(CLEAN)]
    entries[2].flags.append("fuzzy")  # machine-filled, still checked
    report = run(catalog(*entries))
    assert [str(f) for f in report.findings] == []
    assert (report.checked, report.silenced) == (len(CLEAN), 0)


# --------------------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_a_copy_is_at_most_an_untranslated_copy(text: str) -> None:
    # Every comparison is symmetric enough that a text never disagrees with itself.
    found = check_entry(Entry(text, text), source_lang="en", target_lang="fr", glossary=None)
    assert {name for name, _ in found} <= {"untranslated"}


# --------------------------------------------------------------------------- glossary file
