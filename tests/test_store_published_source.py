"""Issue 9: the database keeps where each publication date was read (`published_source`), old databases included."""

from __future__ import annotations

from pathlib import Path

import duckdb

from kronik import store
from kronik.model import Article, Record


def test_published_source_is_stored_and_old_databases_gain_the_column(tmp_path: Path) -> None:
    path = tmp_path / "k.duckdb"
    with duckdb.connect(str(path)) as old:  # a database made before the column existed
        old.execute(store.SCHEMA.replace("ALTER TABLE articles ADD COLUMN IF NOT EXISTS published_source VARCHAR;", "")).fetchall()
    article = Article(id="a1", outlet="Kabar Contoh", title="Dua Menlu Bertemu", published="2025-07-14", published_source="lead",
                      paragraphs=["Menteri Luar Negeri kedua negara bertemu di Jakarta untuk membahas kerja sama perdagangan."],
                      language="id")
    with store.connect(str(path)) as con:
        store.ingest_records(con, [Record(id="a1", article=article, source="test")])
        assert con.execute("SELECT published, published_source FROM articles").fetchall() == [("2025-07-14", "lead")]
