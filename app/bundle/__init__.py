"""Sealed evidence bundles: export (BagIt, signed, age-sealed), verify anywhere, import.

No Qt here. The CLI (app/commands/bundle_cmds.py) and the GUI call these functions:
``export.select_items``/``export.export_bundle``, ``verify.verify_bundle``,
``importer.import_bundle``, ``opener.open_bundle``.
"""
