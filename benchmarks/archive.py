"""Generate a deterministic archive of news articles for the benchmarks.

``python benchmarks/archive.py DIR --articles 1000`` writes ``DIR/pyproject.toml`` and
``DIR/articles/<slug>.md``: YAML front matter like ``articles/mexico-pegasus-spyware.md`` and a
body of about 600 words with what news Markdown has: ``##`` headings, paragraphs with links,
emphasis, numbers, money, dates, abbreviations and quotations, bullet and numbered lists, block
quotes, occasional code spans and images, a table in some articles, and hard-wrapped paragraphs
in about a quarter of them. Article ``i`` depends only on ``(seed, i)``, so the archive of 10 is
the first 10 articles of the archive of 1,000. No network, no randomness outside the seed.
"""

from __future__ import annotations

import argparse
import random
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

WORDS_PER_ARTICLE = 600
DEFAULT_SEED = 20170619

FIRST = (
    "Ana",
    "Carlos",
    "María",
    "José",
    "Luis",
    "Gabriela",
    "Ricardo",
    "Sofía",
    "Andrés",
    "Lucía",
    "Jorge",
    "Valentina",
    "Héctor",
    "Camila",
    "Diego",
    "Paula",
    "Fernando",
    "Elena",
)
LAST = (
    "Martínez",
    "Guzmán",
    "Rodríguez",
    "Pérez",
    "Dominguez",
    "Castillo",
    "Ortega",
    "Ramírez",
    "Vargas",
    "Herrera",
    "Medina",
    "Salazar",
    "Uribe",
    "Morales",
    "Navarro",
    "Quintero",
)
TITLES = ("Mr.", "Dr.", "Gen.", "Sen.", "Prof.", "Col.")
COUNTRIES = (
    "Mexico",
    "Colombia",
    "Guatemala",
    "Honduras",
    "El Salvador",
    "Venezuela",
    "Peru",
    "Ecuador",
    "Brazil",
    "Panama",
    "Paraguay",
    "Bolivia",
    "Costa Rica",
    "Argentina",
)
CITIES = (
    "Culiacán",
    "Medellín",
    "Tegucigalpa",
    "San Salvador",
    "Caracas",
    "Lima",
    "Guayaquil",
    "Rosario",
    "Ciudad Juárez",
    "Tijuana",
    "Cali",
    "San Pedro Sula",
    "Asunción",
    "Manaus",
)
GROUPS = (
    "the Sinaloa Cartel",
    "the Jalisco Cartel New Generation (CJNG)",
    "the MS13",
    "Barrio 18",
    "the Gulf Clan",
    "the ELN",
    "the First Capital Command (PCC)",
    "the Tren de Aragua",
    "the Zetas",
    "ex-FARC mafia factions",
)
AGENCIES = (
    "the Attorney General's Office",
    "the Defense Ministry",
    "the national police",
    "the Financial Intelligence Unit",
    "the Supreme Court",
    "the Interior Ministry",
    "the U.S. Drug Enforcement Administration (DEA)",
    "the U.N. Office on Drugs and Crime",
    "the Inter-American Commission on Human Rights",
    "the tax authority",
)
OUTLETS = (
    "the New York Times",
    "El País",
    "Reuters",
    "the Associated Press",
    "Animal Político",
    "La Prensa",
    "El Faro",
    "Semana",
    "Proceso",
    "the Miami Herald",
)
TOPICS = (
    ("spyware", "surveillance", "phone taps", "Pegasus"),
    ("cocaine", "drug trafficking", "seizures", "ports"),
    ("extortion", "bus drivers", "protection payments", "prisons"),
    ("money laundering", "shell companies", "real estate", "casinos"),
    ("illegal mining", "gold", "mercury", "the Amazon"),
    ("arms trafficking", "rifles", "border crossings", "customs"),
    ("homicides", "security policy", "mano dura", "gang truces"),
    ("corruption", "public contracts", "bribes", "elections"),
    ("migrant smuggling", "the Darién Gap", "coyotes", "remittances"),
    ("timber trafficking", "deforestation", "land grabbing", "cattle ranching"),
)
MONTHS = (
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)
ANALYSIS_HEADINGS = (
    "InSight Crime Analysis",
    "Background",
    "What Comes Next",
    "A Pattern of Abuse",
    "The Numbers Behind the Trend",
    "Official Response",
    "Regional Context",
)
VERBS_PAST = (
    "seized",
    "dismantled",
    "investigated",
    "exposed",
    "sanctioned",
    "documented",
    "tracked",
)
ARRESTED = ("arrested", "extradited", "charged", "sanctioned", "questioned", "convicted")
ADJ = (
    "sophisticated",
    "loosely regulated",
    "under-reported",
    "lucrative",
    "fragmented",
    "long-standing",
    "violent",
    "opaque",
    "transnational",
    "fast-growing",
)


@dataclass(frozen=True)
class GeneratedArticle:
    slug: str
    text: str
    words: int


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _wrap(text: str, width: int) -> list[str]:
    """Hard-wrap like an editor: never inside a word, a URL or at a hyphen."""
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)


_WORD = re.compile("\\w+(?:['\u2019.-]\\w+)*")


def count_words(markdown: str) -> int:
    """Words a reader sees: link targets and image addresses are left out."""
    return len(_WORD.findall(re.sub(r"\]\([^)]*\)", "]", markdown)))


class _Writer:
    """Sentence and block factories sharing one article's random state and topic."""

    def __init__(self, rng: random.Random, topic: tuple[str, ...], country: str) -> None:
        self.rng = rng
        self.topic = topic
        self.country = country

    def pick(self, seq: tuple[str, ...]) -> str:
        return self.rng.choice(seq)

    def person(self) -> str:
        r = self.rng.random()
        name = f"{self.pick(FIRST)} {self.pick(LAST)}"
        if r < 0.15:
            return f"{self.pick(TITLES)} {name}"
        if r < 0.25:
            return f"{self.pick(FIRST)} {self.pick(('R.', 'J.', 'A.', 'M.'))} {self.pick(LAST)}"
        return name

    def number(self) -> str:
        r = self.rng.random()
        if r < 0.25:
            return f"${self.rng.randint(1, 99)}.{self.rng.randint(1, 9)} million"
        if r < 0.45:
            return f"{self.rng.randint(2, 95)} percent"
        if r < 0.65:
            return f"{self.rng.randint(1, 9)},{self.rng.randint(100, 999)}"
        if r < 0.8:
            return f"nearly {self.rng.randint(12, 400)}"
        return f"{self.rng.randint(3, 70)} tons"

    def money(self) -> str:
        return f"${self.rng.randint(1, 99)}.{self.rng.randint(1, 9)} million"

    def years(self) -> str:
        first = self.year()
        return f"{first} and {first + self.rng.randint(1, 6)}"

    def date(self) -> str:
        return f"{self.pick(MONTHS)} {self.rng.randint(1, 28)}"

    def year(self) -> int:
        return self.rng.randint(2009, 2023)

    def link(self, text: str) -> str:
        slug = "-".join(re.findall(r"[a-z0-9]+", text.lower())[:6]) or "report"
        host = self.pick(("insightcrime.org/news", "www.example.org/reports", "elfaro.net/es"))
        if self.rng.random() < 0.15:
            return f'[{text}](https://{host}/{slug}/ "{self.pick(OUTLETS)}")'
        return f"[{text}](https://{host}/{slug}/)"

    def sentence(self) -> str:
        t = self.topic
        templates = (
            lambda: (
                f"Authorities in {self.country} {self.pick(VERBS_PAST)} {self.number()} "
                f"worth of {t[1]} linked to {self.pick(GROUPS)} on {self.date()}."
            ),
            lambda: (
                f'"{self.quote()}," {self.person()}, a researcher who has studied {t[0]} '
                f"for years, told {self.pick(OUTLETS)}."
            ),
            lambda: (
                f"According to {self.pick(AGENCIES)}, {t[0]} in {self.pick(CITIES)} rose by "
                f"{self.number()} between {self.years()}."
            ),
            lambda: (
                f"{_cap(self.pick(OUTLETS))} reported on {self.date()} that "
                f"{self.pick(AGENCIES)} had {self.pick(VERBS_PAST)} a network tied to "
                f"{self.pick(GROUPS)}."
            ),
            lambda: (
                f"The {self.pick(ADJ)} market for {t[2]} has allowed {self.pick(GROUPS)} "
                f"to diversify beyond {t[0]}, {self.link('a recent investigation')} found."
            ),
            lambda: (
                f"In {self.year()}, {self.person()} was {self.pick(ARRESTED)} in "
                f"{self.pick(CITIES)}, accused of running *{t[3]}* operations for "
                f"{self.pick(GROUPS)}."
            ),
            lambda: (
                f"The report, released by {self.pick(AGENCIES)}, details more than "
                f"{self.rng.randint(12, 90)} cases in which officials in {self.country} were paid "
                f"{self.money()} to look the other way."
            ),
            lambda: (
                f"**{_cap(self.number())}** of the {t[2]} recorded in "
                f"{self.country} last year went through {self.pick(CITIES)}, officials said."
            ),
            lambda: (
                f"Critics, including {self.person()}, argue that {self.pick(AGENCIES)} "
                f"lacks the oversight needed to keep {t[1]} from being misused (see "
                f"{self.link('our previous coverage')})."
            ),
            lambda: (
                f"Prosecutors said the group moved money through {self.pick(ADJ)} "
                f"networks, e.g. {t[2]} and front companies, at least until {self.date()}, "
                f"{self.year()}."
            ),
            lambda: (
                f"The U.S. Treasury sanctioned {self.rng.randint(2, 14)} people and "
                f"{self.rng.randint(2, 30)} companies tied to {t[0]} in {self.country} at "
                f"{self.rng.randint(1, 11)} a.m. local time."
            ),
            lambda: (
                f"Some residents of {self.pick(CITIES)} now pay a weekly fee, known as "
                f"the *vacuna*, to avoid reprisals... and many never report it."
            ),
        )
        return self.rng.choice(templates)()

    def quote(self) -> str:
        return self.rng.choice(
            (
                f"There is no ironclad proof that the government is behind the {self.topic[1]}",
                f"{_cap(self.topic[0])} is standard practice here",
                f"We have seen {self.number()} more cases than last year",
                f"The {self.pick(ADJ)} nature of {self.topic[0]} makes it hard to prosecute",
            )
        )

    def paragraph(self, sentences: int) -> str:
        text = " ".join(self.sentence() for _ in range(sentences))
        if self.rng.random() < 0.04:
            text += f" The case file is listed as `{self.country[:3].upper()}-{self.year()}-"
            text += f"{self.rng.randint(100, 999)}` in court records."
        return text

    def bullet_list(self) -> str:
        ordered = self.rng.random() < 0.35
        items = [self.sentence() for _ in range(self.rng.randint(3, 5))]
        if ordered:
            return "\n".join(f"{n}. {item}" for n, item in enumerate(items, 1))
        return "\n".join(f"- {item}" for item in items)

    def block_quote(self) -> str:
        para = self.paragraph(self.rng.randint(1, 2))
        lines = _wrap(para, 70) if self.rng.random() < 0.5 else [para]
        if not _wrap_is_safe(lines):
            lines = [para]
        return "\n".join(f"> {line}" for line in lines)

    def image(self) -> str:
        alt = f"Police in {self.pick(CITIES)} during an operation against {self.topic[0]}"
        n = self.rng.randint(1000, 9999)
        return f'![{alt}](https://images.example.org/{n}.jpg "Photo: {self.pick(OUTLETS)}")'

    def table(self) -> str:
        start = self.rng.randint(2014, 2019)
        rows = ["| Year | Cases | Change |", "|------|------:|-------:|"]
        for year in range(start, start + self.rng.randint(3, 5)):
            change = self.rng.randint(-30, 45)
            rows.append(f"| {year} | {self.rng.randint(100, 9000):,} | {change:+d}% |")
        return "\n".join(rows)


_BLOCK_START = re.compile(r"^(?:[-+*][ \t]|\d{1,9}[.)][ \t]|#{1,6}[ \t]|>|[=-]+[ \t]*$|```|~~~|<)")


def _wrap_is_safe(lines: list[str]) -> bool:
    """A hard-wrapped continuation line must not start a new block."""
    return not any(_BLOCK_START.match(line) for line in lines[1:])


def _title(w: _Writer) -> str:
    t = w.topic
    return w.rng.choice(
        (
            f"{w.country} Authorities Misusing {t[1].title()} to Target Critics: Reports",
            f"How {w.pick(GROUPS).removeprefix('the ').title()} Profits From {t[0].title()}",
            f"{_cap(t[0])} Surges in {w.pick(CITIES)} as {w.country} Cracks Down",
            f"{w.country}'s {t[2].title()} Expose Gaps in Oversight",
        )
    )


def generate_article(index: int, seed: int = DEFAULT_SEED) -> GeneratedArticle:
    """Article ``index`` of the archive: same (seed, index), same bytes."""
    rng = random.Random(f"{seed}:{index}")
    w = _Writer(rng, rng.choice(TOPICS), rng.choice(COUNTRIES))
    title = _title(w)
    words_slug = "-".join(re.findall(r"[a-z0-9]+", title.lower())[:5])
    slug = f"{words_slug}-{index:04d}"
    wrap = rng.random() < 0.25
    blocks: list[str] = []
    words = 0
    headings = list(ANALYSIS_HEADINGS)
    rng.shuffle(headings)
    table_done = image_done = False
    while words < WORDS_PER_ARTICLE - 30:
        r = rng.random()
        if blocks and r < 0.10 and headings:
            level = "##" if rng.random() < 0.8 else "###"
            block = f"{level} {headings.pop()}"
        elif r < 0.20 and blocks:
            block = w.bullet_list()
        elif r < 0.27 and blocks:
            block = w.block_quote()
        elif r < 0.31 and not image_done:
            block, image_done = w.image(), True
        elif r < 0.34 and not table_done and rng.random() < 0.5:
            block, table_done = w.table(), True
        else:
            block = w.paragraph(rng.randint(2, 5))
            if wrap:
                lines = _wrap(block, rng.choice((72, 76, 80)))
                if _wrap_is_safe(lines):
                    block = "\n".join(lines)
        blocks.append(block)
        words += count_words(block)
    meta = [
        "---",
        f'title: "{title}"',
        "language: en",
        "publisher: InSight Crime",
    ]
    if rng.random() < 0.5:
        meta.append(f'author: "{w.person()}"')
    if rng.random() < 0.7:
        meta.append(f"date: {w.year()}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
    meta.append(f"source_url: https://insightcrime.org/news/{slug}/")
    meta.append("license: CC BY-NC 4.0")
    meta.append("license_url: https://creativecommons.org/licenses/by-nc/4.0/")
    if rng.random() < 0.3:
        meta.append(f'deck: "{w.sentence().replace(chr(34), chr(39))}"')
    meta.append("---")
    text = "\n".join(meta) + "\n\n" + "\n\n".join(blocks) + "\n"
    return GeneratedArticle(slug, text, count_words("\n\n".join(blocks)))


PYPROJECT = """\
[tool.l10n]
source_language = "en"
target_languages = ["es"]
unit = "paragraph"
"""


def write_archive(root: Path, articles: int, seed: int = DEFAULT_SEED) -> int:
    """Write a workspace with ``articles`` articles under ``root``; return the word count."""
    (root / "articles").mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    total = 0
    for index in range(articles):
        art = generate_article(index, seed)
        (root / "articles" / f"{art.slug}.md").write_text(art.text, encoding="utf-8")
        total += art.words
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="workspace folder to create or fill")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    words = write_archive(args.root, args.articles, args.seed)
    print(f"{args.articles} articles, {words:,} words in {args.root / 'articles'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
