"""Evidence Locker: an offline-first, encrypted evidence locker."""

__version__ = "0.1.0"
APP_NAME = "Evidence Locker"
