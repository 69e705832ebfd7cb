"""SellerGuard monitor: watches announcement sources, recognises contact-verification policies,
extracts their facts, merges reports of one policy and alerts.

Independent of Flask and of ``server``: the server imports the monitor, never the reverse.
"""
