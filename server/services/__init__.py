"""Small service modules, one per concern; route and CLI handlers stay thin over them."""
