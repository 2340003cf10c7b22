"""The field limits of a described world, one number each: what a world file may say and what the backend stores.

The world file's schema (``simulator/world/schema.py``) checks a file with them before anything is
sent; the backend's request bodies (``simulator/backend/models.py``) and the test control that puts
a world into the store (``simulator/backend/seeding.py``) refuse more with the same numbers, so a
file the schema accepts is never refused by the backend for a length.
"""

from __future__ import annotations

EMAIL_MAX = 254  # RFC 5321's path limit
MAKLER_ID_MAX = 32
NAME_MAX = 200
PASSWORD_MAX = 256
PASSWORD_HASH_MAX = 512
API_KEY_MIN, API_KEY_MAX = 16, 256
MAIL_KIND_MAX = 32
MAIL_FOLDER_MAX = 32
MAIL_SUBJECT_MAX = 500
MAIL_BODY_MAX = 10_000
MAIL_LINK_MAX = 2000
MAIL_LINKS_MAX = 10
MAIL_SENDER_MAX = 300
ATTEMPT_FAILURES_MAX = 1000
FAULT_OUTAGE_REQUESTS_MAX = 1_000_000
FAULT_OUTAGE_SECONDS_MAX = 7 * 24 * 3600  # a week
FAULT_LATENCY_MS_MAX = 30_000
