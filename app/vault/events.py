"""Every custody event name, in one place.

The names are stored in the custody chain and stamped, so they never change; a new
kind of event is a new member here (plus its words in ``app/bundle/report_words.py``
and its label in the details pane). ``Event`` is a ``StrEnum``: a member *is* its
stored string, so ``Event.ITEM_ADDED == "item_added"``.
"""

from __future__ import annotations

from enum import StrEnum


class Event(StrEnum):
    VAULT_CREATED = "vault_created"
    ITEM_ADDED = "item_added"
    NOTE_ADDED = "note_added"
    TAG_ADDED = "tag_added"
    TAG_REMOVED = "tag_removed"
    ITEM_ARCHIVED = "item_archived"
    ITEM_UNARCHIVED = "item_unarchived"
    ITEM_REVEALED = "item_revealed"
    ITEM_EXTRACTED = "item_extracted"
    VAULT_VERIFIED = "vault_verified"
    BACKUP_MADE = "backup_made"
    PASSPHRASE_CHANGED = "passphrase_changed"
    IDENTITY_EXPORTED = "identity_exported"
    VAULT_RECOVERED = "vault_recovered"
    HISTORY_GAP_ACCEPTED = "history_gap_accepted"
    BUNDLE_EXPORTED = "bundle_exported"
    BUNDLE_WRITTEN = "bundle_written"
    BUNDLE_EXPORT_FAILED = "bundle_export_failed"
    BUNDLE_IMPORTED = "bundle_imported"
    RECEIVED = "received"
    RECEIVED_AGAIN = "received_again"
    TAKEDOWN_LOCATION_ADDED = "takedown_location_added"
    TAKEDOWN_LOCATION_LINKED = "takedown_location_linked"
    TAKEDOWN_REQUEST_CREATED = "takedown_request_created"
    TAKEDOWN_STATUS = "takedown_status"
    TAKEDOWN_NOTICE_WRITTEN = "takedown_notice_written"
    TAKEDOWN_CHECK = "takedown_check"
    TAKEDOWN_LOCATION_STATUS = "takedown_location_status"
    TAKEDOWN_HASHES_EXPORTED = "takedown_hashes_exported"
