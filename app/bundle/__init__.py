"""Sealed evidence bundles: export (BagIt, signed, age-sealed), verify anywhere, import.

No Qt here. The CLI (app/commands/bundle_cmds.py) and the GUI call the same functions;
each long one takes ``progress(done_bytes, total_bytes)`` and runs fine off the GUI thread:

* ``export.select_items(vault, case=|refs=)`` and ``export.export_bundle(vault, out, items,
  seal.Sealing(passphrase=|recipients=), progress=, cancelled=)`` -> ``ExportResult``
* ``verify.verify_bundle(path, passphrase=, identities=)`` -> ``BundleReport`` (``.ok``,
  ``.text()``, ``.to_json()``); ``seal.parse_identities(text)`` for age identities
* ``importer.import_bundle(vault, path, passphrase=, identities=, case=, progress=)``
* ``opener.open_bundle(path, out_dir, ...)``; ``stamp_later.write_stamp(vault, path)``
* ``received.received_details(vault, uid)`` for the item details view
"""
