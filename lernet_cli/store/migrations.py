"""The store's schema as numbered migrations: a project made by an older lernet is brought up to
date when opened, and `schema_migrations` records which ran."""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "initial",
        """
        CREATE TABLE transcripts (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,
            sha256 TEXT NOT NULL,
            participant TEXT NOT NULL,
            group_name TEXT,
            label TEXT,
            codebook_digest TEXT,
            interviewer TEXT,
            n_turns INTEGER NOT NULL DEFAULT 0,
            n_words INTEGER NOT NULL DEFAULT 0,
            coded_at TEXT NOT NULL
        );
        CREATE TABLE segments (
            transcript_id INTEGER NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            speaker TEXT NOT NULL,
            role TEXT NOT NULL,
            text TEXT NOT NULL,
            timestamp TEXT,
            position INTEGER,
            PRIMARY KEY (transcript_id, idx)
        );
        CREATE TABLE codings (
            id INTEGER PRIMARY KEY,
            transcript_id INTEGER NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
            segment INTEGER NOT NULL,
            code TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            coder TEXT NOT NULL,
            rule TEXT,
            direction TEXT,
            status TEXT NOT NULL DEFAULT 'pending',
            created_at TEXT NOT NULL
        );
        CREATE INDEX codings_by_transcript ON codings(transcript_id, segment);
        CREATE INDEX codings_by_code ON codings(code);
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        """,
    ),
    (
        2,
        "guids",
        """
        CREATE TABLE guids (
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            guid TEXT NOT NULL,
            PRIMARY KEY (kind, key)
        );
        CREATE UNIQUE INDEX guids_unique ON guids(guid);
        """,
    ),
    (
        3,
        "names spoken as speaker labels",
        """
        ALTER TABLE transcripts ADD COLUMN names TEXT NOT NULL DEFAULT '[]';
        """,
    ),
    (
        4,
        "manual codings, memos and reviews",
        """
        ALTER TABLE codings ADD COLUMN source TEXT NOT NULL DEFAULT 'rule';
        UPDATE codings SET source = 'import' WHERE coder != 'auto';
        ALTER TABLE codings ADD COLUMN note TEXT;
        ALTER TABLE codings ADD COLUMN reviewer TEXT;
        ALTER TABLE codings ADD COLUMN reviewed_at TEXT;
        ALTER TABLE codings ADD COLUMN detached TEXT;
        CREATE TABLE memos (
            id INTEGER PRIMARY KEY,
            transcript_id INTEGER NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
            segment INTEGER,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            author TEXT NOT NULL,
            text TEXT NOT NULL,
            source TEXT NOT NULL,
            reason TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        """,
    ),
]

MIGRATIONS.append(
    (
        5,
        "speakers as participants (group interviews)",
        """
        ALTER TABLE segments ADD COLUMN participant TEXT;
        """,
    )
)

MIGRATIONS.append(
    (
        6,
        "which codebook and matcher made each transcript's rule codings",
        """
        ALTER TABLE transcripts ADD COLUMN rules_digest TEXT;
        """,
    )
)

MIGRATIONS.append(
    (
        7,
        "candidates a person rejected for a code (lernet review --candidates)",
        """
        CREATE TABLE candidate_rejections (
            id INTEGER PRIMARY KEY,
            transcript_id INTEGER NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
            code TEXT NOT NULL,
            text TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            UNIQUE (transcript_id, code, text)
        );
        """,
    )
)

MIGRATIONS.append(
    (
        8,
        "per-code rule digests and each transcript's words, for re-coding from the store",
        """
        CREATE TABLE rule_sets (digest TEXT PRIMARY KEY, codes TEXT NOT NULL);
        ALTER TABLE transcripts ADD COLUMN words TEXT;
        """,
    )
)

MIGRATIONS.append(
    (
        9,
        "the comment or tag text each hand coding was read from",
        """
        ALTER TABLE codings ADD COLUMN annotation TEXT;
        """,
    )
)

MIGRATIONS.append(
    (
        10,
        "the text of imported sources as it came, and where each turn stands in it",
        """
        CREATE TABLE source_texts (
            transcript_id INTEGER PRIMARY KEY REFERENCES transcripts(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            bom INTEGER NOT NULL DEFAULT 0,
            layout TEXT NOT NULL,
            pieces TEXT NOT NULL
        );
        """,
    )
)

MIGRATIONS.append(
    (
        11,
        "what each transcript says, kept (a digest of its turns), and transcripts by participant",
        """
        ALTER TABLE transcripts ADD COLUMN said TEXT;
        CREATE INDEX transcripts_by_participant ON transcripts(participant);
        """,
    )
)

MIGRATIONS.append(
    (
        12,
        "which names the rules did not read when they coded each transcript",
        """
        ALTER TABLE transcripts ADD COLUMN names_digest TEXT;
        """,
    )
)
MIGRATIONS.append(
    (
        13,
        "a sample of what each transcript's participants say (language/speech.py), to find "
        "versions of one interview",
        """
        ALTER TABLE transcripts ADD COLUMN speech_level INTEGER;
        ALTER TABLE transcripts ADD COLUMN speech_sample BLOB;
        """,
    )
)
MIGRATIONS.append(
    (
        14,
        "each imported selection's extent in its source's text, so an export gives it back whole",
        """
        ALTER TABLE source_texts ADD COLUMN selections TEXT;
        """,
    )
)
MIGRATIONS.append(
    (
        15,
        "the mentions of a directional code the rules found without a direction, kept as they "
        "code, so the matrix counts what it leaves out without matching every turn again",
        """
        CREATE TABLE undirected (
            transcript_id INTEGER NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
            segment INTEGER NOT NULL,
            code TEXT NOT NULL,
            PRIMARY KEY (transcript_id, segment, code)
        );
        ALTER TABLE transcripts ADD COLUMN undirected_known INTEGER NOT NULL DEFAULT 0;
        """,
    )
)
MIGRATIONS.append(
    (
        16,
        "a direction changed in review is the rules' coding, accepted with the reviewer's "
        "direction (rules_direction: what the rules said); it was a rejected coding and the "
        "reviewer's own one",
        """
        ALTER TABLE codings ADD COLUMN rules_direction TEXT;
        CREATE TEMP TABLE redirected AS
            SELECT o.id AS original, r.id AS made, r.direction AS direction
            FROM codings r JOIN codings o
                ON o.id = CAST(substr(r.note, 14) AS INTEGER) AND o.code = r.code
            WHERE r.source = 'review' AND r.note LIKE 'changed from %'
                AND o.status = 'rejected';
        UPDATE codings SET status = 'accepted', note = NULL, rules_direction = direction,
            direction = (SELECT d.direction FROM redirected d WHERE d.original = codings.id)
            WHERE id IN (SELECT original FROM redirected);
        DELETE FROM codings WHERE id IN (SELECT made FROM redirected);
        DROP TABLE redirected;
        """,
    )
)
MIGRATIONS.append(
    (
        17,
        "what the command line gave a transcript (--participant, --group, --label), kept so that "
        "a later run over its folder, or a re-read after an edit, does not take it back",
        """
        ALTER TABLE transcripts ADD COLUMN given TEXT;
        """,
    )
)
MIGRATIONS.append(
    (
        18,
        "the turns of listed speakers (group interviews) found by an index, not by reading every "
        "turn at each `lernet code`",
        """
        CREATE INDEX segments_listed ON segments(transcript_id, idx) WHERE participant IS NOT NULL;
        """,
    )
)
MIGRATIONS.append(
    (
        19,
        "what each code's rules were (per-code digest -> its terms and settings), so that a "
        "codebook edit that only adds or removes terms re-codes only the turns where they stand",
        """
        CREATE TABLE code_rules (digest TEXT PRIMARY KEY, rules TEXT NOT NULL);
        """,
    )
)
MIGRATIONS.append(
    (
        20,
        "where a transcriber's note of speech not made out ([onverstaanbaar], [inaudible]) stood "
        "in a turn's text, which leaves it out for the rules, so that a quote shows the gap",
        """
        ALTER TABLE segments ADD COLUMN notes TEXT;
        """,
    )
)
