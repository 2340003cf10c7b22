"""What both sides know of a token without holding it: the hash the backend stores, and a session's tag.

The backend keeps only ``token_hash`` of a token (tokens have full entropy, so a plain SHA-256
suffices; OWASP ASVS 2.7 / 3.5). A session's *tag* is derived from the hash of its newest refresh
token, so the backend's export and a phone's state (``simulator.spec.phones``) can name the same
session without either of them showing a token or a stored hash: a tag cannot be turned back into
the hash the backend looks tokens up by, let alone into the token.
"""

from __future__ import annotations

import hashlib

TAG_LENGTH = 16  # hex digits: 64 bits, enough to tell a simulator's sessions apart


def token_hash(token: str) -> str:
    """What the store keeps of a token."""
    return hashlib.sha256(token.encode()).hexdigest()


def session_tag(refresh_hash: str) -> str:
    """The tag of a session, from the stored hash of its newest refresh token."""
    return hashlib.sha256(f"kundenapp-session:{refresh_hash}".encode()).hexdigest()[:TAG_LENGTH]


def tag_of(refresh_token: str) -> str:
    """The tag of the session a phone holds the refresh token of."""
    return session_tag(token_hash(refresh_token))
