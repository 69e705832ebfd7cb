"""One module per language: the words the analysis engine knows in that language.

Every module defines the same names (see ``REQUIRED``); ``monitor.analysis.lexicon`` assembles them
into the engine's tables, ``monitor.analysis.dates`` takes the month and weekday names, and
``monitor.analysis.text`` the stop words.  To add a language, copy a module, translate its words and
add its code to ``ORDER``; the completeness test checks the rest.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

# The order fragments are tried in within one concept (earlier languages first).
ORDER = ("en", "zh", "ja", "de", "es", "fr", "pt", "it", "pl", "tr", "ko", "ar", "nl")
REQUIRED = ("CODE", "NAME", "SCRIPT", "MONTHS", "MONTH_SUFFIX", "WEEKDAYS", "STOP_WORDS", "DATE_CUES",
            "ANNOUNCE_WORDS", "COUNTRIES", "MARKETPLACE_ANCHORS", "MARKETPLACE_TEMPLATES", "PHISHING_REQUEST", "SETTINGS_PAGES", "CONCEPTS")

MODULES: dict[str, ModuleType] = {code: import_module(f"{__name__}.{code}") for code in ORDER}
