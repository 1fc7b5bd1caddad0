"""Takedown toolkit (issue 14): where the material was seen (locations), takedown requests
and their status, re-checks that prove removal, notices, and PDQ perceptual hashes to find
re-uploads. No Qt here; CLI (app/commands/takedown_cmds.py) and app call the same functions.
Nothing is ever submitted automatically and no URL is sent to any third party."""
