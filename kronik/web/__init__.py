"""`kronik serve`: the web dashboard over a kronik database (timeline, map, network, country view, events, articles,
search, downloads)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def command(args: argparse.Namespace) -> int:
    """Serve the dashboard until interrupted; refuse early when there is no database to show."""
    db = Path(args.db)
    if not db.is_file():
        print(f"kronik serve: no database at {db}; build one with `kronik ingest PATHS --db {db}`", file=sys.stderr)
        return 2
    import duckdb
    import uvicorn

    from kronik.web import queries
    from kronik.web.app import create_app

    try:
        with queries.open_db(db) as con:
            queries.actor_counts(con)
    except duckdb.Error as exc:
        print(f"kronik serve: cannot read {db} as a kronik database: {exc}", file=sys.stderr)
        return 2

    print(f"kronik dashboard on http://{args.host}:{args.port}/ (database {db}, read-only)", file=sys.stderr)
    uvicorn.run(create_app(db, getattr(args, "threads", None)), host=args.host, port=args.port, log_level="warning")
    return 0
