from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from pipelines import database as dbq
from pipelines.migrations import MIGRATIONS, applied_migrations, migrate, pending_migrations

ARCHITECTURE = Path(__file__).resolve().parents[2] / "docs" / "architecture.md"


def test_fresh_database_applies_every_migration_once(tmp_path):
    db = Database(tmp_path / "x.db")
    assert migrate(db) == [name for name, _ in MIGRATIONS]
    assert migrate(db) == []
    assert pending_migrations(db) == []
    assert applied_migrations(db) == sorted(name for name, _ in MIGRATIONS)
    assert db.execute("SELECT COUNT(*) FROM _migrations").fetchone()[0] == len(MIGRATIONS)


def test_open_database_is_idempotent_and_configures_the_connection(db_path):
    first = dbq.open_database(db_path)
    first.execute("INSERT INTO sources (slug) VALUES ('kept')")
    first.close()
    again = dbq.open_database(db_path)
    assert db_path.parent.is_dir()
    assert again.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert again.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert again.execute("PRAGMA busy_timeout").fetchone()[0] == dbq.BUSY_TIMEOUT_MS
    assert again.execute("SELECT slug FROM sources").fetchall() == [("kept",)]
    again.close()


def test_partial_migration_is_rolled_back_and_retried(tmp_path, monkeypatch):
    from pipelines import migrations

    def broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*MIGRATIONS, ("9999_broken", broken)])
    db = Database(tmp_path / "x.db")
    with pytest.raises(RuntimeError):
        migrations.migrate(db)
    assert "half_done" not in db.table_names()
    assert "9999_broken" in migrations.pending_migrations(db)
    assert "articles" in db.table_names()  # earlier migrations stay applied


def test_schema_has_the_documented_columns(fresh_db):
    """Every column listed in docs/architecture.md exists in the database."""
    section = ARCHITECTURE.read_text(encoding="utf-8").split("## Database schema", 1)[1]
    documented = {}
    for name, columns in re.findall(r"`(\w+)\((.*?)\)`", section, flags=re.S):
        cols = [re.split(r"[\s→]", c.strip())[0] for c in columns.replace("\n", " ").split(",")]
        documented[name] = [c for c in cols if c]
    assert {"articles", "sources", "stories", "crawl_runs", "article_shows"} <= set(documented)
    for table, columns in documented.items():
        actual = set(fresh_db.table(table).columns_dict)
        missing = set(columns) - actual
        assert not missing, f"{table} lacks {missing}"


def test_indexes_for_the_queries_that_matter(fresh_db):
    def indexed(table: str) -> list[list[str]]:
        return [index.columns for index in fresh_db.table(table).indexes]

    assert ["canonical_url"] in indexed("articles")
    assert ["source", "published_at"] in indexed("articles")
    assert ["published_week"] in indexed("articles")
    assert ["content_hash"] in indexed("articles")
    assert ["story_id"] in indexed("articles")
    assert ["show_id", "article_id"] in indexed("article_shows")
    plan = " ".join(
        str(row) for row in fresh_db.execute(
            "EXPLAIN QUERY PLAN SELECT article_id FROM lsh_bands WHERE band = 3 AND hash = 42"
        )
    )
    assert "USING PRIMARY KEY" in plan or "USING COVERING INDEX" in plan


def test_canonical_url_is_unique(fresh_db):
    fresh_db.execute("INSERT INTO sources (slug) VALUES ('s')")
    fresh_db.execute("INSERT INTO articles (url, canonical_url, source) VALUES ('u', 'c', 's')")
    with pytest.raises(sqlite3.IntegrityError):
        fresh_db.execute("INSERT INTO articles (url, canonical_url, source) VALUES ('u2', 'c', 's')")


def test_foreign_keys_are_enforced(fresh_db):
    with pytest.raises(sqlite3.IntegrityError):
        fresh_db.execute(
            "INSERT INTO articles (url, canonical_url, source) VALUES ('u', 'c', 'no-such-source')"
        )


def test_fts_triggers_keep_the_index_in_sync(fresh_db):
    fresh_db.execute("INSERT INTO sources (slug) VALUES ('s')")
    fresh_db.execute(
        "INSERT INTO articles (url, canonical_url, source, title, body)"
        " VALUES ('u', 'c', 's', 'Lighthouse drama renewed', 'The keepers return.')"
    )
    assert [r["id"] for r in dbq.search_articles(fresh_db, "lighthouse")] == [1]
    fresh_db.execute("UPDATE articles SET title = 'Orchard fantasy dated' WHERE id = 1")
    assert dbq.search_articles(fresh_db, "lighthouse") == []
    assert [r["id"] for r in dbq.search_articles(fresh_db, "orchard")] == [1]


def test_resolve_db_path_defaults_to_the_project_data_folder():
    assert dbq.resolve_db_path(None) == dbq.PROJECT_ROOT / "data" / "entcrawl.db"
    assert dbq.resolve_db_path("") == dbq.DEFAULT_DB_PATH
    assert dbq.resolve_db_path("/tmp/other.db") == Path("/tmp/other.db")
    assert (dbq.PROJECT_ROOT / "pipelines" / "database.py").is_file()
