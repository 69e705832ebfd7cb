"""``python -m server.cli`` — the same as the ``sellerguard`` command."""
from server.cli import main

main()
