"""Words that name what someone is, not who: roles, professions, titles and the words that go
with them ("ward nurse", "Verpleegkundige", "Docent 2"). A speaker label made of them is a role,
and a role is never redacted as a name.

Dutch and English alike, because labels cross languages (a Dutch transcript with "Manager:").
Plurals and feminine forms are listed where speakers use them as labels. Occupations that are
common surnames (Porter, Cook, Driver, Farmer) are left out: a speaker so named stays redacted.
Keys are folded: lower case, without accents.
"""

from __future__ import annotations

ROLE_NOUNS = frozenset(
    """
    nurse nurses teacher teachers manager managers doctor doctors physician gp patient patients
    client clients student students pupil pupils parent parents mother father carer carers
    caregiver midwife therapist physiotherapist physio pharmacist surgeon consultant consultants
    specialist adviser advisor advisers advisors coordinator director directors supervisor
    officer assistant administrator receptionist secretary worker workers employee employees
    employer staff member members colleague volunteer volunteers coach mentor trainer trainee
    intern resident residents professor lecturer tutor principal headteacher headmaster
    headmistress counsellor counselor psychologist psychiatrist councillor alderman mayor owner
    founder entrepreneur engineer developer designer analyst expert representative chair chairman
    chairwoman chairperson treasurer ceo cfo cto coo hr ict it user users customer customers
    citizen citizens relative relatives partner partners practitioner practitioners paramedic
    dentist dietitian dietician radiographer technician
    officer police policymaker official civil servant leader leaders lead head matron sister
    health visitor caretaker social carer aide auxiliary educator educators instructor inspector
    executive president vicepresident governor board trustee
    verpleegkundige verpleegkundigen verpleger verpleegster wijkverpleegkundige
    wijkverpleegkundigen docent docente docenten leraar lerares leraren leerkracht leerkrachten
    juf meester manager teamleider teamleidster leidinggevende directeur directrice bestuurder
    bestuurders wethouder burgemeester ambtenaar ambtenaren beleidsmedewerker beleidsadviseur
    adviseur adviseurs adviseuse coordinator projectleider projectmanager medewerker medewerkers
    medewerkster collega collegas arts artsen huisarts huisartsen dokter specialist
    praktijkondersteuner poh fysiotherapeut therapeut psycholoog werker begeleider begeleidster
    begeleiders zorgverlener zorgverleners mantelzorger mantelzorgers client clienten patient
    patienten ouder ouders moeder vader leerling leerlingen student studente studenten stagiair
    stagiaire vrijwilliger vrijwilligers ondernemer ondernemers eigenaar eigenaresse werkgever
    werkgevers werknemer werknemers zzp'er zzper zzp zelfstandige zelfstandigen lid leden
    voorzitter secretaris penningmeester lector hoogleraar promovendus trainer coach mentor
    bewoner bewoners burger burgers inwoner inwoners klant klanten gebruiker gebruikers
    vertegenwoordiger deskundige verzorgende verzorgenden helpende apotheker tandarts
    verloskundige kraamverzorgende teamlid afdelingshoofd hoofd bestuurslid raadslid
    gemeenteraadslid opdrachtgever opdrachtnemer ondersteuner zorgmedewerker casemanager
    ambulant ambulante specialist specialisten schoolleider schoolleiders intern
    """.split()
)
"""Nouns that say what a speaker is."""

ROLE_MODIFIERS = frozenset(
    """
    ward community district practice home school senior junior staff charge night team
    clinical registered general deputy assistant associate chief acting interim lead head
    primary secondary care health mental public social specialist student trainee community
    hospital clinic family youth elderly nursing teaching support front line frontline
    first second third other new former retired local regional national
    wijk thuis zorg school praktijk senior junior hoofd adjunct interim eerste tweede andere
    nieuwe oud oude voormalig gepensioneerd regionaal regionale lokaal lokale basis
    basisschool middelbare jeugd ouderen ggz ziekenhuis team afdeling maatschappelijk
    """.split()
)
"""Words that narrow a role ("ward nurse", "senior adviseur"): a role still, not a name."""

TITLES = frozenset(
    "dr drs ir ing mr mrs ms miss mx prof sir dame dhr mevr mevrouw meneer heer mw rev fr".split()
)
"""Forms of address: part of how a name is written, never a name themselves."""

GENERIC_LABELS = frozenset(
    """
    speaker speakers person persons people man woman male female unknown other others everyone
    everybody all audience group participants guest host voice narrator moderator
    spreker sprekers persoon personen man vrouw onbekend ander anderen iedereen allen publiek
    groep deelnemers gast gastheer stem
    external unverified extern externe
    """.split()
)
"""Words used as labels for someone unnamed, and what Teams writes after a name for an account
from outside ("(External)", "(Guest)", "(Unverified)")."""

NOT_NAMES = ROLE_NOUNS | ROLE_MODIFIERS | TITLES | GENERIC_LABELS
