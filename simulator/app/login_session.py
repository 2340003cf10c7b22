"""Authorised calls with the persisted session: one refresh on 401, with rotation (docs/backend-api.md)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from simulator.app.api_client import ApiError, AppApiClient
from simulator.app.applog import AppLog
from simulator.app.storage import Storage

T = TypeVar("T")

# Refresh answers meaning "this session is gone": unknown/used token, revoked, deactivated.
_REJECTED = frozenset({400, 401, 403})


class SessionRejected(Exception):
    """The server no longer accepts the persisted session (access and refresh token refused)."""


class LoginSession:
    """Runs app API calls with the stored access token, refreshing it once when it is refused."""

    def __init__(self, client: AppApiClient, storage: Storage, log: AppLog) -> None:
        self._client = client
        self._storage = storage
        self._log = log
        # Serialises refreshes: with rotation, two concurrent refreshes of one token revoke the session.
        self._refresh_lock = threading.Lock()

    def call(self, request: Callable[[str], T]) -> T:
        """``request(access_token)``; on 401 refresh and retry once; SessionRejected when that fails."""
        tokens = self._storage.tokens()
        if tokens is None:
            raise SessionRejected("not logged in")
        try:
            return request(tokens.access_token)
        except ApiError as exc:
            if exc.status != 401:
                raise
        access = self._refresh(tokens.access_token)
        try:
            return request(access)
        except ApiError as exc:
            if exc.status == 401:
                raise SessionRejected("access token refused after refresh") from exc
            raise

    def _refresh(self, refused_access: str) -> str:
        with self._refresh_lock:
            current = self._storage.tokens()
            if current is None:
                raise SessionRejected("logged out meanwhile")
            if current.access_token != refused_access:
                return current.access_token  # another call refreshed already
            try:
                fresh = self._client.refresh(current.refresh_token)
            except ApiError as exc:
                if exc.status in _REJECTED:
                    self._log.add(f"session: refresh refused ({exc.status} {exc.code})", "WARNING")
                    raise SessionRejected("refresh token refused") from exc
                raise
            if not self._storage.replace_tokens(current, fresh):
                raise SessionRejected("logged out meanwhile")
            self._log.add("session: tokens refreshed")
            return fresh.access_token
