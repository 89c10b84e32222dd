"""The infinitive of a Dutch strong or irregular verb's past tense, where the dictionary reads the
form as another word.

simplemma files some past tenses under a noun or adjective they are spelled like (*gaven* ->
*gave*, *kozen*, *bonden* -> *bond*), under the singular past (*stonden* -> *stond*, *grepen* ->
*greep*) or under a separable verb (*merkte* -> *op_merken*), so a term *geven*, *staan* or
*merken* missed them. The verb's infinitive is added as one more lemma, never in place of the
dictionary's. Left out on purpose: forms whose other reading is the usual one in speech (*vroeg*
"early", *reden* "reason", *wezen*, *at*).
"""

from __future__ import annotations

from functools import cache

_PAST = """
beginnen begon begonnen | bieden bood boden | bijten beet beten | binden bond bonden |
blijken bleek bleken | blijven bleef bleven | brengen bracht brachten | breken brak braken |
denken dacht dachten | doen deed deden | dragen droeg droegen | drinken dronk dronken |
dwingen dwong dwongen | gaan ging gingen | gelden gold golden | geven gaf gaven |
hangen hing hingen | hebben had hadden | helpen hielp hielpen | houden hield hielden |
kiezen koos kozen | kijken keek keken | klinken klonk klonken | komen kwam kwamen |
kopen kocht kochten | krijgen kreeg kregen | kunnen kon konden | laten liet lieten |
lezen las lazen | liggen lag lagen | lijken leek leken | lopen liep liepen |
moeten moest moesten | mogen mocht mochten | nemen nam namen | rijden reed |
roepen riep riepen | schrijven schreef schreven | slaan sloeg sloegen | sluiten sloot sloten |
spreken sprak spraken | staan stond stonden | steken stak staken | stijgen steeg stegen |
treffen trof troffen | trekken trok trokken | vallen viel vielen | vangen ving vingen |
vechten vocht vochten | vinden vond vonden | vragen vroegen | weten wist wisten |
wijzen wees | winnen won wonnen | worden werd werden | zeggen zei zeiden | zien zag zagen |
zijn was waren | zitten zat zaten | zoeken zocht zochten | zullen zou zouden |
zwijgen zweeg zwegen | grijpen greep grepen | schieten schoot schoten |
genieten genoot genoten | wegen woog wogen | vriezen vroor vroren | zingen zong zongen |
springen sprong sprongen | dringen drong drongen | sterven stierf stierven |
verliezen verloor verloren | vergeten vergat vergaten | scheiden scheidde scheidden |
"""

_PREFIXES = (
    # inseparable (begreep, verkocht, ontving) and separable ones joined in a subordinate clause
    # (dat ze het meenam, toen hij aankwam)
    "be", "ver", "ont", "her", "er", "aan", "af", "bij", "door", "in", "mee", "na", "om", "op",
    "over", "terug", "toe", "uit", "voor", "weg", "samen", "tegen", "vast", "los", "onder",
    "mede", "rond", "langs", "binnen", "buiten", "neer",
)  # fmt: skip


@cache
def _table() -> dict[str, str]:
    out: dict[str, str] = {}
    for entry in _PAST.split("|"):
        infinitive, *forms = entry.split() or [""]
        for form in forms:
            out[form] = infinitive
    return out


def past_infinitive(word: str, prefixed: bool = True) -> str | None:
    """The infinitive of a lower-case Dutch past-tense form (*gaven* -> *geven*, *meenam* ->
    *meenemen*), or None. `prefixed=False` where the dictionary knows the word: a known word with a
    prefix is mostly a noun (*afspraken*, *voorsprong*)."""
    table = _table()
    found = table.get(word)
    if found is not None or not prefixed:
        return found
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            rest = table.get(word[len(prefix) :])
            if rest is not None:
                return prefix + rest
    return None


def separable_base(word: str, lemma: str) -> str | None:
    """The base verb where the dictionary files a form without its particle under a separable
    verb (*merkte* -> *op_merken* -> *merken*): the particle stands elsewhere in the clause, so the
    form is the base verb's too. A form that holds the particle (*oplevert*, *overgenomen*) or a
    compound (*web_site*) is not."""
    particle, sep, base = lemma.rpartition("_")
    if not sep or not base.endswith("en") or word.startswith(particle.replace("_", "")):
        return None
    return base
