"""kronik: Indonesian news pages in, dated PLOVER-coded events between states out."""

__version__ = "0.1.0"
