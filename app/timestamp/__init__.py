"""Trusted timestamps: RFC 3161 requests, the offline queue, Merkle batches and full
offline verification. No Qt here; the CLI and the GUI call these functions."""
