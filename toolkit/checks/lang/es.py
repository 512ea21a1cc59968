"""Spanish data for the checks."""

from __future__ import annotations

# Number words, folded (lower case, no accents), "word=value", "a/b=value" for several words.
# Ordinals too: "primer" stands for 1. They satisfy a number on the other side, never required.
NUMBER_WORDS = (
    "cero=0 un/uno/una=1 dos=2 tres=3 cuatro=4 cinco=5 seis=6 siete=7 ocho=8 nueve=9 "
    "diez=10 once=11 doce=12 docena=12 trece=13 catorce=14 quince=15 dieciseis=16 "
    "diecisiete=17 dieciocho=18 diecinueve=19 veinte=20 veintiun/veintiuno/veintiuna=21 "
    "veintidos=22 veintitres=23 veinticuatro=24 veinticinco=25 veintiseis=26 "
    "veintisiete=27 veintiocho=28 veintinueve=29 treinta=30 cuarenta=40 cincuenta=50 "
    "sesenta=60 setenta=70 ochenta=80 noventa=90 cien/ciento=100 "
    "doscientos/doscientas=200 trescientos/trescientas=300 "
    "cuatrocientos/cuatrocientas=400 quinientos/quinientas=500 "
    "seiscientos/seiscientas=600 setecientos/setecientas=700 ochocientos/ochocientas=800 "
    "novecientos/novecientas=900 mil=1000 millon/millones=1000000 "
    "millardo/millardos=1000000000 billon/billones=1000000000000 "
    "primer/primero/primera=1 segundo/segunda=2 tercer/tercero/tercera=3 cuarto/cuarta=4 "
    "quinto/quinta=5 sexto/sexta=6 septimo/septima=7 octavo/octava=8 noveno/novena=9 "
    "decimo/decima=10"
)
# The word that joins number words: "treinta y dos".
NUMBER_JOINERS = frozenset({"y"})

# Abbreviations whose final period may also end a sentence or a title ("EE. UU.").
ABBREVIATIONS = (
    "EE. UU.", "EE.UU.", "etc.", "S. A.", "S.A.", "S. L.", "a. m.", "p. m.", "a.m.",
    "p.m.", "Sr.", "Sra.", "Srta.", "Dr.", "Dra.", "Ud.", "Uds.", "núm.", "pág.", "aprox.",
    "et al.", "Inc.", "Corp.", "Ltd.", "Cía.", "hnos.",
)  # fmt: skip

# Emphatic doublings that are no typo: "casi casi", "muy muy", "ya ya".
DOUBLED_OK = frozenset({"casi", "muy", "ya"})


def variants(word: str) -> frozenset[str]:
    """Inflections of a folded word: number (-s, -es, z/ces) and gender (o/a).

    The glossary check matches a preferred translation through these, so "programa espía"
    accepts "programas espía" and "cártel" accepts "cárteles".
    """
    if len(word) <= 3 or not word.isalpha():
        return frozenset({word})
    stems = {word}
    if word.endswith("ces"):
        stems.add(word[:-3] + "z")
    if word.endswith("es"):
        stems.add(word[:-2])
    if word.endswith("s"):
        stems.add(word[:-1])
    forms: set[str] = set()
    for stem in stems:
        forms.update((stem, stem + "s", stem + "es"))
        if stem.endswith("z"):
            forms.add(stem[:-1] + "ces")
        if stem[-1] in "oe":
            forms.update((stem[:-1] + "a", stem[:-1] + "as"))
        elif stem[-1] == "a":
            forms.update((stem[:-1] + "o", stem[:-1] + "os"))
        elif stem[-1] not in "aeiou":
            forms.update((stem + "a", stem + "as"))
    return frozenset(forms)
