"""Services the CLI and the GUI share that span several packages (a layer above
app/vault, app/timestamp, app/bundle and app/takedown; below app/commands and app/ui):
``item_details`` (what ``locker show`` prints) and ``extract_item`` (``locker extract``)."""
