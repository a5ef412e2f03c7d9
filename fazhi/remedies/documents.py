"""Placeholder replaced below."""

DOCUMENT_TYPES = ()
