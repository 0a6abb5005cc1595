"""kronik: Indonesian news pages in, dated PLOVER-coded events between states out."""

from kronik.compiled import use_source_if_stale

__version__ = "0.1.0"

use_source_if_stale()
