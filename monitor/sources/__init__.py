"""Source kinds (``feed``, ``html``, ``imap``) and the sources service the server and CLI call."""
from monitor.sources.base import (  # noqa: F401
    REGISTRY,
    Context,
    kinds,
    Entry,
    ParseError,
    SelectorMatchedNothing,
    SourceKind,
    build,
    format_interval,
    kind_class,
    parse_interval,
    validate_source,
)
from monitor.sources.feed import FeedSource  # noqa: F401
from monitor.sources.html import HtmlSource  # noqa: F401
from monitor.sources.imap import ImapSource  # noqa: F401
from monitor.errors import SourceConfigError  # noqa: F401
