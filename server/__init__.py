"""SellerGuard server: the Flask API, its services and the ``sellerguard`` CLI."""
from server.app import create_app

__all__ = ["create_app"]
