"""Helpers shared by test areas (import them explicitly)."""
