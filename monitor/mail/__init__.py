"""Mail: reading RFC 5322 messages, checking who really sent them (DKIM, ARC, DMARC, look-alike
domains) and turning a mailbox into a source (``monitor.sources.imap``)."""
