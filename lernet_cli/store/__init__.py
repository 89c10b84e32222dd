"""The project's SQLite store: migrations, reading and writing codings, backup and restore."""
