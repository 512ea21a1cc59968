"""English data for the checks."""

from __future__ import annotations

# Number words, folded (lower case, no accents), "word=value", "a/b=value" for several words.
# Ordinals too: "first" stands for 1. They satisfy a number on the other side, never required.
NUMBER_WORDS = (
    "zero=0 one=1 two=2 three=3 four=4 five=5 six=6 seven=7 eight=8 nine=9 ten=10 "
    "eleven=11 twelve=12 dozen=12 thirteen=13 fourteen=14 fifteen=15 sixteen=16 "
    "seventeen=17 eighteen=18 nineteen=19 twenty=20 thirty=30 forty=40 fifty=50 sixty=60 "
    "seventy=70 eighty=80 ninety=90 hundred=100 thousand=1000 million=1000000 "
    "billion=1000000000 trillion=1000000000000 first=1 second=2 third=3 fourth=4 fifth=5 "
    "sixth=6 seventh=7 eighth=8 ninth=9 tenth=10"
)
# The word that joins number words: "one hundred and five".
NUMBER_JOINERS = frozenset({"and"})

# Abbreviations whose final period may also end a sentence or a title ("U.S.").
ABBREVIATIONS = (
    "U.S.", "U.K.", "U.N.", "E.U.", "D.C.", "etc.", "Inc.", "Corp.", "Ltd.", "Co.", "Jr.",
    "Sr.", "a.m.", "p.m.", "et al.", "No.", "St.",
)  # fmt: skip

# Words that show a capitalized text is not just names (English headings are Title Case).
COMMON_WORDS = frozenset(
    """a an the and or but nor of to in on at by for from with without about as into over
    under after before between against during is are was were be been being has have had
    do does did will would can could may might must should not no new our your their its
    his her this that these those who what when where why how more most all some
    analysis report reports news summary background introduction conclusion conclusions update
    updates related content contents source sources note notes references methodology
    overview profile profiles coverage see also read share home brief investigation
    investigations opinion editorial interview timeline map maps photo photos video videos
    chapter part section table figure appendix contact about""".split()  # noqa: SIM905
)
