"""Function words of Dutch and English: never proposed as match terms on their own, never redacted
as part of a name, and counted to tell which language a transcript is in.

They may still be half of a proposed phrase ("elkaar kennen"), where they carry meaning.
"""

from __future__ import annotations

DUTCH = frozenset(
    """
    aan af al alle alleen als alsof altijd ander andere anders ben bij bijna binnen dan dat de
    deze die dit doch doen door dus echt een eens eigen eigenlijk en er ergens even gaan gaat
    gedaan geen geweest gewoon had hadden heb hebben hebt heeft hem hen het hier hij hoe hun iemand
    iets ik in is ja je jij jou jullie kan kon kunnen kunt maar me meer mee men met mij mijn moet
    moeten na naar natuurlijk net nog nou nu of om omdat ons onze ook op over dingen ding
    precies qua redelijk toch toe tot u uit uw van veel voor vooral waar waarom wanneer want
    wat we wel welke werd wie wij word worden wordt zal ze zei zelf zich zij zijn zo zoals zou
    zouden zullen beetje best echter hè hé nee oké ok oke eh ehm uh uhm hm hmm zeg zeggen
    zegt soort keer mensen iedereen heel erg wij ja jawel sowieso dergelijke bepaalde
    """.split()
)
ENGLISH = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just like me more most my myself no nor not now of off on once only or other our
    ours ourselves out over own really same she should so some such than that the their theirs
    them themselves then there these they thing things this those through to too under until up
    very was we well were what when where which while who whom why will with would yeah yes you
    your yours yourself yourselves um uh okay kind sort lot get got go going know think mean
    """.split()
)
STOPWORDS = DUTCH | ENGLISH
NUMBER_WORDS = frozenset(
    "twee drie vier vijf zes zeven acht negen tien elf twaalf twintig dertig veertig vijftig "
    "honderd duizend miljoen two three four five six seven eight nine ten eleven twelve twenty "
    "thirty forty fifty hundred thousand million".split()
)
"""Counts say how many, not what about: never a term learned for a code."""
BY_LANGUAGE = {"nl": DUTCH, "en": ENGLISH}
