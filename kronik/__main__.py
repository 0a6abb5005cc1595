"""`python -m kronik` runs the CLI."""

from kronik.cli import main

raise SystemExit(main())
