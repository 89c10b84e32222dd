"""Abbreviations that name a kind of thing, never one person or organisation: sectors, laws,
school types, roles, business forms, office words ("de POH", "de GGZ", "het MKB", "the SENCO").

`lernet names` lists capitalised words that may be names nobody hid; these filled its list with
words no reader could identify anyone by. Organisations' own abbreviations (TNO, a school's
initials) and public bodies a member of a small network could be recognised by (GGD, UWV, NHS,
CQC) are not here: they stay listed for the researcher to decide. Keys are folded to lower case.
"""

from __future__ import annotations

GENERIC = frozenset(
    """
    avg gdpr wgbo wmo wlz zvw jw wpg arbo bhv ehbo aed vca iso nen bim
    mkb sme zzp zzp'er bv nv vof cv cao hr ict it ai kpi roi pr faq pdf cv tv ok
    mt or gmr mr ceo cfo cto coo
    hbo mbo wo vmbo havo vwo po vo so sbo bso kdv vve nt2 ib ib'er rt lvb pabo
    aso tso kso buso okan
    poh ggz vvt seh ic jgz
    gp sen senco send cpd ehcp dbs nvq gcse
    eu nl be vs uk us usa co2 hq
    """.split()
)


def generic_abbreviation(word: str) -> bool:
    """Whether a word in capitals is such an abbreviation, also with a Dutch plural or person
    ending ("ZZP'ers", "POH'er", "IB'ers", "KPI's")."""
    if not any(c.isupper() for c in word) or any(c.islower() for c in word.split("'")[0]):
        return False
    folded = word.casefold().replace("’", "'")
    if folded in GENERIC:
        return True
    for ending in ("'ers", "'er", "'s", "s"):
        if folded.endswith(ending) and folded[: -len(ending)] in GENERIC:
            return True
    return False
