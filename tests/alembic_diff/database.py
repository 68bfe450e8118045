"""The SQLite files both tools run against, read the same way for both."""

import sqlite3
from typing import List, Tuple

VERSION_TABLE = "alembic_version"


def create(path: str, rows: List[str]) -> None:
    """An empty database with the `steps` table every revision writes to, and optionally version rows.

    The version table is created only when rows are given, with Alembic's own definition, so that both tools
    otherwise create it themselves.
    """
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE steps (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT, rev TEXT)")
        if rows:
            db.execute("CREATE TABLE %s (version_num VARCHAR(32) NOT NULL, "
                       "CONSTRAINT %s_pkc PRIMARY KEY (version_num))" % (VERSION_TABLE, VERSION_TABLE))
            db.executemany("INSERT INTO %s (version_num) VALUES (?)" % VERSION_TABLE, [(r,) for r in rows])
    # sqlite3's context manager commits but does not close.
    db.close()


def last_step_id(path: str) -> int:
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT COALESCE(MAX(id), 0) FROM steps").fetchone()[0]
    finally:
        db.close()


def steps_since(path: str, after_id: int) -> List[Tuple[str, str]]:
    """The steps the last command recorded, in the order it ran them."""
    db = sqlite3.connect(path)
    try:
        return [tuple(r) for r in db.execute("SELECT kind, rev FROM steps WHERE id > ? ORDER BY id", (after_id,))]
    finally:
        db.close()


def version_rows(path: str) -> List[str]:
    db = sqlite3.connect(path)
    try:
        exists = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                            (VERSION_TABLE,)).fetchone()
        if not exists:
            return []
        return sorted(r[0] for r in db.execute("SELECT version_num FROM %s" % VERSION_TABLE))
    finally:
        db.close()
