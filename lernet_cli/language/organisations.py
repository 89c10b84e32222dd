"""Words that say a name is an organisation's: "Bouwbedrijf Hoekstra", "Stichting Vitaal",
"Royal Free Hospital", "Hoekstra B.V.".

A name found in a page header is taken for an organisation when one of its words is such a word,
so it is redacted with the organisation's placeholder. The words themselves say what kind of
organisation, not which: alone ("the hospital", "een stichting") they are never hidden; a Dutch
compound that ends in one ("Bouwbedrijf", "Zorggroep", "Rabobank") is hidden only where it is
written capitalised. Keys are folded: lower case, without accents.
"""

from __future__ import annotations

import unicodedata

ORGANISATION_WORDS = frozenset(
    """
    bedrijf bedrijven groep bureau stichting gemeente ziekenhuis vereniging school hogeschool
    universiteit instituut centrum cooperatie corporatie organisatie ministerie provincie
    waterschap bank fonds holding kliniek praktijk kantoor netwerk platform academie zorg
    thuiszorg welzijn dienst diensten raad omroep partners advies bv nv vof lyceum atheneum
    gymnasium ggd ggz
    vzw ivzw bvba cvba cv commv srl sprl asbl ocmw stad gemeente district clb cgg
    nhs company companies corporation corp inc incorporated ltd limited llc plc group foundation
    trust council hospital clinic university college school institute agency services
    consulting consultancy associates bank ministry department centre center society
    association network authority practice firm enterprises industries holdings
    """.split()
)
"""Words for a kind of organisation, in Dutch and English; also the public services named by
their kind (NHS, GGD, GGZ), which a quote needs ("the NHS gets all the money"). In Belgium the
legal forms (vzw, bvba, cvba, nv, bv, cv, commv, and the French asbl, sprl, srl), the public
bodies named by their kind (stad, gemeente, provincie, district, ocmw) and the services every
school and town has (clb, cgg): "de mensen van de vzw's en van de stad" names nobody."""

COMMON_ABBREVIATIONS = frozenset(
    """
    hr hrm hrd ict it pr pz mt or ceo cfo cto coo cio ciso dga qa kpi crm erp ai ux seo
    arbo bhv ehbo cao fte zzp mkb sme ngo
    mbo hbo wo vo po so vso vmbo havo vwo roc
    vvt wmo wlz jgz ic ok seh gp icu
    """.split()
)
"""Abbreviations of a field of work, a department, a job, a school type or a care sector, in
Dutch and English ("HR", "ICT", "IT", "MT", "CEO", "ZZP", "MBO", "VVT", "GP"): in an
organisation's name ("HR Partners Enschede", "Northgate IT Services") they say what it does, not
which it is, and a quote needs them ("HR-medewerker", "regionaal HR-netwerk"). Like a word for a
kind of organisation they are never hidden alone, only with the name's distinctive words; a name
of one word ("ICT") is hidden whole. Folded keys."""

NOT_ENDINGS = frozenset("corp trust raad bank firm stad".split())
"""Words that end surnames, brand names and places too ("Fairbank", "Conraad", "Lelystad"):
only whole."""

COMPOUND_ENDINGS = tuple(
    sorted(
        (w for w in ORGANISATION_WORDS if len(w) >= 4 and w not in NOT_ENDINGS),
        key=len,
        reverse=True,
    )
)
"""Endings that make a Dutch compound a word for an organisation ("adviesbureau")."""

MIN_STEM = 3


def _key(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return folded.replace(".", "").strip(",;:'’()")


def is_organisation_word(word: str) -> bool:
    """ "Stichting", "Hospital", "B.V." or a compound ending in one ("Bouwbedrijf")."""
    key = _key(word)
    return key in ORGANISATION_WORDS or is_organisation_compound(word)


def is_organisation_compound(word: str) -> bool:
    """A compound that ends in a word for an organisation: "Bouwbedrijf", "Zorggroep"."""
    key = _key(word)
    return key not in ORGANISATION_WORDS and any(
        key.endswith(end) and len(key) - len(end) >= MIN_STEM for end in COMPOUND_ENDINGS
    )


def looks_like_organisation(name: str) -> bool:
    """Whether a name (from a page header) names an organisation rather than a person."""
    return any(is_organisation_word(w) for w in name.replace("-", " ").split())
