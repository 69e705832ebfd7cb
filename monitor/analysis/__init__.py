"""Offline, multilingual analysis of announcements (DESIGN §3.2, §5).

``analyze(record)`` classifies one announcement as ``contact_verification``,
``other_verification`` or ``unrelated``, explains why, extracts the policy's facts and gives it a
``story`` key shared by every report of the same event.  ``analyze_stream`` does the same for a
JSON Lines stream (``sellerguard monitor analyze``).  No network, no model downloads.
"""

from .core import CONTACT_TYPES, LABELS, METHODS, analyze, analyze_line, analyze_stream

__all__ = ["analyze", "analyze_line", "analyze_stream", "LABELS", "CONTACT_TYPES", "METHODS"]
