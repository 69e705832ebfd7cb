"""Shared by the analysis rule tests: one announcement through ``analyze``."""
from monitor.analysis import analyze


def run(text, title="", published="2024-05-10", language=None, url=None):
    return analyze({"id": "t", "title": title, "text": text, "published": published, "language": language,
                    "url": url})
