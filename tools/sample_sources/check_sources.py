"""Check the sample sources against the design rules (tools/sample_sources/DESIGN.md).

Run from the repository root:  python tools/sample_sources/check_sources.py [-v]

It reads every pNN.txt in this folder, takes the respondent turns, and uses lernet's own text
layer (sentences, clauses, inflection, negation, direction cues) to find every sentence where an
interest-balance topic word meets a direction cue. Each such sentence must match the expected
table below; anything else is reported. Broad "risk" words (terms a codebook might plausibly
use, and cue verbs beyond the agreed list) are reported for review with -v. It also lists where
the signature words of each idea occur, so that ideas stay with their participants.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from lernet_cli.codebook.rules import find_direction, parse_term
from lernet_cli.language.text import make_doc

HERE = Path(__file__).resolve().parent

B, T, X = "bring", "take", "both"
EXPECTED: dict[str, dict[str, str]] = {
    "p01": {
        "kennis": T,
        "inspiratie": T,
        "kwaliteitsbewaking": T,
        "acquisitie": B,
        "aanvullende_dienstverlening": B,
    },
    "p02": {
        "ervaringen": B,
        "inspiratie": B,
        "instrumenten": T,
        "aanvullende_dienstverlening": T,
        "netwerken": X,
    },
    "p03": {
        "kennis": T,
        "ervaringen": B,
        "instrumenten": T,
        "acquisitie": B,
        "aanvullende_dienstverlening": X,
        "netwerken": X,
    },
    "p04": {
        "kennis": T,
        "ervaringen": T,
        "inspiratie": X,
        "kwaliteitsbewaking": T,
        "sparringpartner": T,
    },
    "p05": {"kennis": T, "inspiratie": T, "acquisitie": B},
    "p06": {
        "ervaringen": B,
        "inspiratie": B,
        "kwaliteitsbewaking": T,
        "aanvullende_dienstverlening": T,
    },
    "p07": {"kennis": T, "instrumenten": T, "sparringpartner": T},
    "p08": {"ervaringen": T, "instrumenten": T, "acquisitie": B, "netwerken": X},
    "p09": {"kennis": B, "kwaliteitsbewaking": B, "sparringpartner": B, "inspiratie": X},
    "p10": {
        "kennis": B,
        "ervaringen": T,
        "instrumenten": B,
        "acquisitie": T,
        "aanvullende_dienstverlening": B,
        "netwerken": X,
    },
}

# Core topic terms: what a codebook will almost certainly look for.
TOPICS = {
    "kennis": ["kennis", "expertise"],
    "ervaringen": ["ervaring", "ervaringen", "praktijkervaring*"],
    "inspiratie": ["inspiratie", "inspireren", "inspirerend"],
    "instrumenten": [
        "instrument*",
        "tool",
        "tools",
        "methode",
        "methodes",
        "methodiek*",
        "vragenlijst*",
        "*scan",
        "*monitor",
    ],
    "kwaliteitsbewaking": ["kwaliteit*", "*kwaliteit*", "keurmerk*", "*stempel*"],
    "acquisitie": [
        "acquisitie",
        "opdracht*",
        "*opdracht",
        "*opdrachten",
        "klant*",
        "*klant",
        "*klanten",
        "onderzoeksproject*",
    ],
    "sparringpartner": ["sparr*", "spar", "sparren", "klankbord*"],
    "aanvullende_dienstverlening": ["dienstverlening", "diensten", "aanvullend*"],
    "netwerken": ["=netwerken", "contact", "contacten"],
}
# Wider nets: words a codebook might add. Reported for review, not as errors.
RISK_TOPICS = {
    "kennis": ["kennis*", "*kennis", "inzicht*", "wetenschap*", "onderzoek*", "know"],
    "ervaringen": ["*ervaring*", "praktijk*", "voorbeeld*", "casus", "cases", "*case", "*cases"],
    "inspiratie": ["*inspir*", "idee*"],
    "instrumenten": [
        "aanpak",
        "werkvorm*",
        "hulpmiddel*",
        "materiaal",
        "scan*",
        "monitor*",
        "*tool*",
    ],
    "kwaliteitsbewaking": ["toets*", "getoetst", "onderbouw*", "borging", "certific*"],
    "acquisitie": [
        "project*",
        "*project*",
        "traject*",
        "*traject*",
        "offerte*",
        "omzet",
        "business",
        "casus",
        "cases",
        "*klant*",
        "*opdracht*",
        "leads",
    ],
    "sparringpartner": ["meedenk*", "meedenken", "*spar*", "intervisie"],
    "aanvullende_dienstverlening": [
        "dienst",
        "*dienst*",
        "aanvull*",
        "doorverwij*",
        "aanbod",
        "advies",
    ],
    "netwerken": ["netwerk*", "*contact*", "relaties", "connecties", "voorstellen"],
}
CUES = {
    "bring": [
        "brengen",
        "inbrengen",
        "aanbieden",
        "bijdragen",
        "delen",
        "leveren",
        "geven",
        "beschikbaar stellen",
    ],
    "take": [
        "halen",
        "ophalen",
        "opdoen",
        "krijgen",
        "leren van",
        "gebruiken",
        "zoeken",
        "op zoek naar",
        "behoefte aan",
        "hebben aan",
        "afnemen",
    ],
    "both": ["uitwisselen", "over en weer", "brengen en halen", "halen en brengen"],
}
RISK_CUES = {
    "bring": [
        "meenemen",
        "vertellen",
        "laten zien",
        "inzetten",
        "aanleveren",
        "teruggeven",
        "bijdrage",
        "inbreng",
        "presenteren",
        "bieden",
        "bied",
        "biedt",
        "stel",
        "weggeven",
        "overbrengen",
    ],
    "take": [
        "ontvangen",
        "meenemen",
        "benutten",
        "toepassen",
        "overnemen",
        "inkopen",
        "inhuren",
        "terugkrijgen",
        "putten",
        "opleveren",
        "oplevert",
        "opgeleverd",
        "nodig",
        "mis",
        "missen",
        "binnenhalen",
        "nemen",
        "neem",
    ],
    "both": ["uitwisseling", "wisselen", "geven en nemen", "wederzijds"],
}

# Idea signatures: word patterns (regex on the folded turn text) and who may use them. Hits by
# others are listed for review: they must be deliberate near misses (see DESIGN.md).
IDEAS = {
    "knowledge_sharing.convinced": (
        r"terug ?(komt|kwam|komen)|komt .{0,30}terug|loont",
        "p02 p06 p09",
    ),
    "knowledge_sharing.hesitant": (
        r"koudwatervrees|waar ik (moet|zou moeten) beginnen",
        "p04 p05 p07",
    ),
    "competition.protect_position": (
        r"onderscheid|voorsprong|achter de hand|voor mezelf",
        "p01 p03",
    ),
    "competition.client_openness": (r"over klanten|klantnamen|namen noemen", "p01 p02"),
    "competition.specialization": (r"niche|eigen profiel|speciali", "p02 p04 p08"),
    "competition.small_groups": (
        r"klein(e|ere)? (groep|groepje|groepjes|sessies)|groepjes|"
        r"zes, zeven|drie, vier|vijf, zes",
        "p03 p05 p08 p10",
    ),
    "trust.not_acquainted": (
        r"ken(nen)? .{0,40}(nauwelijks|niet|weinig|nog niet)|"
        r"(nauwelijks|niet|nog niet) .{0,20}(ken|kennen)\b|"
        r"bijna niemand|elkaar .{0,20}goed|elkaar .{0,20}weinig",
        "p01 p04 p05 p06 p07",
    ),
    "development.critical_moment": (
        r"kruispunt|splitsing|kantelpunt|breekpunt|erop of eronder|"
        r"kritisch|tweesprong",
        "p01 p02 p03",
    ),
    "development.professionalization": (
        r"professione|lidmaatschap|betaald|contributie|betalen",
        "p01 p02 p09",
    ),
    "development.bleeding_out": (
        r"zakt .{0,20}in|stille dood|doodbloed|leegloop|"
        r"niets meer van|niet meer bestaat",
        "p01 p03",
    ),
    "development.central_connector": (
        r"via marloes|via haar|om marloes|aan haar vast|"
        r"zonder marloes|als zij .{0,30}(uitvalt|stopt|ziek)",
        "p05 p08 p10",
    ),
    "development.nested_networks": (r"netwerkjes|kringen|kring\b|binnen het niplan", "p04 p10"),
    "development.business_cases": (r"business ?case", "p05 p06 p07 p08"),
    "knowledge_sharing.give_and_take": (
        r"halen en brengen|brengen en halen|geven en nemen",
        "p01 p06 p09",
    ),
    "knowledge_sharing.usefulness": (r"bruikbaar|wat een ander|aan jouw|aan heeft", "p02 p09"),
    "knowledge_sharing.skills": (
        r"presentator|prater|hoe ik het moet brengen|overbreng|"
        r"stuntel|benauwd",
        "p03 p07",
    ),
    "knowledge_sharing.feedback": (r"feedback|oordeel|kritiek|afgekraakt|commentaar", "p05 p10"),
    "trust.contribution_imbalance": (
        r"(alleen|alleen maar|vooral) (komen |komt |zit(ten)? "
        r"(te |)|om te )?luisteren|nooit iets|mee te schrijven|"
        r"schrijven mee|schrijven alles",
        "p02 p03 p06 p08",
    ),
    "trust.shared_vision": (r"visie|identiteit", "p02 p09 p10"),
    "trust.built_by_contribution": (
        r"vertrouw.{0,80}(inbreng|op tafel|laat zien|bijdra)|"
        r"(inbreng|op tafel).{0,60}vertrouw",
        "p03 p04",
    ),
    "phase.potential": (r"kinderschoenen|los clubje|los zand|net begonnen|pril", "p07"),
    "phase.uniting": (
        r"elkaar (wel |net |)gevonden|wie we (samen |)zijn|verenig|wat ons bindt|"
        r"een club wordt|een geheel|zoeken wie",
        "p01 p03 p06 p09",
    ),
    "phase.growing": (r"groei", "p02 p04 p05 p08"),
    "phase.active": (r"gevestigd|volwassen|staat als|terugkom|het loopt\b", "p10"),
}


def fold(s: str) -> str:
    import unicodedata

    d = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in d if not unicodedata.combining(c)).replace("’", "'")


def read_source(path: Path) -> list[tuple[str, list[str]]]:
    """[(role 'I'|'R', [paragraphs])] from a source file."""
    turns: list[tuple[str, list[str]]] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"^(I|R):\s*(.*)$", line)
        if m:
            turns.append((m.group(1), [m.group(2)]))
        else:
            if not turns:
                raise SystemExit(f"{path}: continuation before the first turn: {line[:40]}")
            turns[-1][1].append(line)
    return turns


def terms(words: list[str]):
    return [parse_term(w) for w in words]


def sentence_of(doc, tok):
    return doc.tokens[tok].sentence


def analyse(pid: str, text: str, topic_terms, risk_terms, cue_terms, risk_cues, out, verbose):
    doc = make_doc(text)
    seen = set()
    for topic, tlist in topic_terms.items():
        for term in tlist:
            for first, last in term.occurrences(doc):
                sid = sentence_of(doc, first)
                if (topic, sid) in seen:
                    continue
                start, end = doc.tokens[first].start, doc.tokens[last].end
                direction = find_direction(doc, start, end, cue_terms)
                if direction is None:
                    continue
                seen.add((topic, sid))
                a, b = doc.sentences[sid]
                sent = text[a:b]
                want = EXPECTED[pid].get(topic)
                negated = doc.is_negated(first, last)
                if want == direction:
                    out["ok"].append((pid, topic, direction, sent))
                else:
                    kind = "WRONG" if not negated else "WRONG(topic negated)"
                    out["bad"].append((pid, topic, direction, want, kind, sent))
    if not verbose:
        return
    # risk report: wide topic net x (agreed + extra) cues, per sentence
    all_cues = {k: cue_terms[k] + risk_cues[k] for k in cue_terms}
    for topic, tlist in {**{k: topic_terms[k] + risk_terms[k] for k in topic_terms}}.items():
        for term in tlist:
            for first, last in term.occurrences(doc):
                sid = sentence_of(doc, first)
                if (topic, sid) in seen:
                    continue
                start, end = doc.tokens[first].start, doc.tokens[last].end
                direction = find_direction(doc, start, end, all_cues)
                if direction is None:
                    continue
                seen.add((topic, sid))
                want = EXPECTED[pid].get(topic)
                if want == direction:
                    continue
                a, b = doc.sentences[sid]
                out["risk"].append((pid, topic, term.text, direction, want, text[a:b]))


def main() -> int:
    verbose = "-v" in sys.argv
    topic_terms = {k: terms(v) for k, v in TOPICS.items()}
    risk_terms = {k: terms(v) for k, v in RISK_TOPICS.items()}
    cue_terms = {k: terms(v) for k, v in CUES.items()}
    risk_cues = {k: terms(v) for k, v in RISK_CUES.items()}
    out: dict[str, list] = {"ok": [], "bad": [], "risk": []}
    idea_hits: dict[str, dict[str, list[str]]] = {k: {} for k in IDEAS}
    words = {}
    for path in sorted(HERE.glob("p[0-9][0-9].txt")):
        pid = path.stem
        turns = read_source(path)
        words[pid] = sum(len(" ".join(p).split()) for _, p in turns)
        for role, paras in turns:
            if role != "R":
                continue
            text = "\n".join(paras)
            analyse(pid, text, topic_terms, risk_terms, cue_terms, risk_cues, out, verbose)
            ftext = fold(text)
            for idea, (pattern, _allowed) in IDEAS.items():
                for m in re.finditer(pattern, ftext):
                    s = max(0, m.start() - 50)
                    idea_hits[idea].setdefault(pid, []).append(
                        ftext[s : m.end() + 50].replace("\n", " ")
                    )
    status = 0
    print("== word counts (all turns, without labels)")
    print("   " + ", ".join(f"{p}: {n}" for p, n in words.items()))
    print("== expected topic/direction statements")
    found = {(p, t, d) for p, t, d, _ in out["ok"]}
    for pid, table in EXPECTED.items():
        for topic, d in table.items():
            mark = "ok " if (pid, topic, d) in found else "MISSING"
            if mark != "ok ":
                status = 1
            if mark != "ok " or verbose:
                sents = [s for p, t, dd, s in out["ok"] if (p, t, dd) == (pid, topic, d)]
                print(f"  {mark} {pid} {topic} {d}: {sents[0][:110] if sents else ''}")
    print("== contradicting statements (topic word + cue, direction not in the table)")
    for pid, topic, direction, want, kind, sent in out["bad"]:
        status = 1
        print(f"  {kind} {pid} {topic}: got {direction}, allowed {want}: {sent}")
    if not out["bad"]:
        print("  none")
    print("== idea signatures outside their participants (must be deliberate near misses)")
    for idea, (_pattern, allowed) in IDEAS.items():
        allowed_set = set(allowed.split())
        for pid, hits in sorted(idea_hits[idea].items()):
            if pid not in allowed_set:
                for h in hits:
                    print(f"  {idea} {pid}: ...{h}...")
    if verbose:
        print("== idea signatures per participant")
        for idea, (_pattern, allowed) in IDEAS.items():
            have = sorted(idea_hits[idea])
            missing = [p for p in allowed.split() if p not in have]
            print(
                f"  {idea}: allowed {allowed}; found in {' '.join(have)}"
                + (f"; no signature word in {' '.join(missing)}" if missing else "")
            )
        print("== risk review (wider word nets and extra cue verbs)")
        for pid, topic, term, direction, want, sent in out["risk"]:
            print(f"  {pid} {topic} [{term}] {direction} (table: {want}): {sent}")
    return status


if __name__ == "__main__":
    sys.exit(main())
