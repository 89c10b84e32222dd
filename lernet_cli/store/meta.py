"""The store's own records: the schema version its migrations reached, and the `meta` table's
keys and values (settings and what commands remember between runs)."""

from __future__ import annotations

from .transactions import Transactions


class MetaRecords(Transactions):
    """The store's part for its version and its meta (a base of `Store`)."""

    def schema_version(self) -> int:
        row = self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def source_names(self) -> dict[str, str]:
        """Stored path -> the name a moved transcript's source keeps in exports (the path it
        had before it first moved; see store/imported.source_names)."""
        from .imported import source_names

        return source_names(self.conn)

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
