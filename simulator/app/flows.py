"""Backend flows of one app process: ``run_flow`` for every call, the failure mapping, main data.

A flow runs inline (latency 0) or in a worker thread (``Services.run``). It
takes the phone's lock only to apply its answer, and ``run_flow`` drops the
answer when the process has died or the session changed meanwhile (the
epoch). How a failed call shows on screen is decided in one place
(``Flows.fail``), and so are the version-tied defects of ``behaviours.py``
that live in the flows: ``unusable_memory``, ``unusable_session`` and
``shared_restart``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from simulator.app import cache, screen_routes
from simulator.app.api_client import (
    GENERIC_ERROR,
    ApiError,
    AppApiClient,
    CancelledError,
    NetworkError,
    OfflineError,
)
from simulator.app.applog import AppLog
from simulator.app.behaviours import SHARED_RESTART, UNUSABLE_MEMORY, UNUSABLE_SESSION
from simulator.app.login_session import LoginSession, SessionRejected
from simulator.app.memory import MainData, Memory
from simulator.app.models import AppConfig, Broker, Contract, Customer, Me
from simulator.app.navigation import Navigation
from simulator.app.screen_routes import ScreenRoute
from simulator.app.storage import Storage
from simulator.app.tasks import StateLock

SESSION_ERROR = "Sitzung konnte nicht geladen werden."
SESSION_EXPIRED = "Deine Sitzung ist abgelaufen. Bitte melde Dich erneut an."

# Everything a backend flow may end with besides success.
FLOW_ERRORS = (ApiError, NetworkError, OfflineError, CancelledError, SessionRejected)


def backend_down(exc: Exception) -> bool:
    """The call found the backend unavailable (no answer, or 5xx), not refusing this request."""
    return isinstance(exc, NetworkError) or (isinstance(exc, ApiError) and exc.server_down)


T = TypeVar("T")
MainLoad = tuple[Me, Broker, list[Customer], dict[str, list[Contract]]]


@dataclass(frozen=True)
class Services:
    """What the phone lends a running app: storage, network, worker threads, lock, log."""

    platform: str
    app_version: str  # the build this process runs
    os_version: Callable[[], str]
    online: Callable[[], bool]
    storage: Storage
    client: AppApiClient
    session: LoginSession
    run: Callable[[str, Callable[[], None]], None]
    lock: StateLock
    log: AppLog
    behaviour: Callable[[str], bool]  # is this named behaviour in force for this build?


def _update_kind(exc: ApiError) -> str:
    return "os" if exc.code == "os_update_required" else "app"


class Flows:
    """Starts flows, runs their calls, applies or drops the answers, maps failures to the screen."""

    def __init__(self, mem: Memory, services: Services, nav: Navigation) -> None:
        self.mem = mem
        self._s = services
        self._nav = nav
        self._lock = services.lock
        self.alive = True  # False once the process died: running flows drop their answers
        self._epoch = 0  # bumped on login, logout and a dropped session; older answers are discarded
        self._main_loading = False
        # Builds with shared_restart: the customer list of this process's first load, per account (e-mail).
        self._process_customers: tuple[str, list[Customer]] | None = None

    # ------------------------------------------------------------------ running
    def spawn(self, name: str, body: Callable[[], object]) -> None:
        """Run a backend flow (its result is ignored) with the loading indicator shown; call with the lock held."""
        self.mem.pending += 1
        mem = self.mem

        def work() -> None:
            try:
                body()
            finally:
                with self._lock:
                    mem.pending -= 1

        self._s.run(name, work)

    def run_flow(
        self,
        call: Callable[[], T],
        ok: Callable[[T], None],
        failed: Callable[[Exception], None],
        *,
        session_bound: bool = True,
        epoch: int | None = None,
    ) -> bool:
        """Make one backend call outside the lock, then apply its answer under the lock.

        ``ok`` gets the result, ``failed`` any of ``FLOW_ERRORS``; neither runs once the
        process has died, nor (``session_bound``) after the session changed since
        ``epoch`` (default: now). True when ``ok`` ran.
        """
        with self._lock:
            started = self._epoch if epoch is None else epoch
        try:
            result = call()
        except FLOW_ERRORS as exc:
            with self._lock:
                if backend_down(exc) and self.alive:
                    self.mem.outages += 1
                if self._current(started, session_bound):
                    failed(exc)
            return False
        with self._lock:
            if not self._current(started, session_bound):
                return False
            ok(result)
            return True

    def _current(self, epoch: int, session_bound: bool) -> bool:
        return self.alive and (not session_bound or self._epoch == epoch)

    def new_session(self) -> None:
        """Login, logout or a dropped session: older answers are discarded, the main data start empty."""
        self._epoch += 1
        self.mem.main = MainData()
        self.mem.banner = None

    # ------------------------------------------------------------------ cold start, logout, contract
    def cold_start(self) -> None:
        """Update check (with a stored Makler-ID), then the main data when logged in."""
        storage = self._s.storage
        makler_id = storage.makler_id
        if makler_id:
            # The backend is the one judge of the minimum versions: it answers 426 on every call of a
            # too old app or OS (the app used to compare the /config minimums itself as well, but that
            # check could never fire, so it is gone).
            self.run_flow(
                lambda: self._s.client.config(self._s.platform, makler_id),
                self._config_ok,
                self._config_failed,
                session_bound=False,
            )
        with self._lock:
            if not self.alive or self.mem.stack[0].name != screen_routes.MAIN or storage.tokens() is None:
                return
        self.load_main()

    def _config_ok(self, config: AppConfig) -> None:
        """Nothing to do: a too old build gets 426 instead of an answer."""

    def _config_failed(self, exc: Exception) -> None:
        if isinstance(exc, ApiError) and exc.status == 426:
            self._nav.show_update(_update_kind(exc), exc.minimum or "?")
        elif isinstance(exc, ApiError):
            self._s.log.add(f"config check failed: {exc}", "WARNING")
        elif isinstance(exc, NetworkError | OfflineError):
            self._s.log.add(f"config check skipped: {type(exc).__name__}", "WARNING")

    def logout(self) -> None:
        """Abmelden: tell the backend, then forget the session whatever it answered."""
        tokens = self._s.storage.tokens()

        def call() -> None:
            if tokens is not None:
                self._s.client.logout(tokens.access_token)

        def failed(exc: Exception) -> None:
            # Article, "App nicht nutzbar" 2: Abmelden must work even when the server refuses the session.
            self._s.log.add(f"logout call failed ({type(exc).__name__}); logging out locally", "WARNING")
            self._logged_out()

        self.run_flow(call, lambda _none: self._logged_out(), failed, session_bound=False)

    def _logged_out(self) -> None:
        self._s.storage.clear_session()
        self._s.log.add("logout: session and cache cleared")
        self.new_session()
        self.mem.session_error = False
        self._nav.logged_out()

    def contract(self, contract_id: str) -> None:
        """Load one contract's details for the screen that asked for them."""
        route = ScreenRoute(screen_routes.CONTRACT, contract_id)

        def shown(contract: Contract) -> None:
            if self.mem.route == route:
                self.mem.main.detail = contract

        def failed(exc: Exception) -> None:
            if isinstance(exc, ApiError) and exc.status < 500 and exc.status not in (401, 426):
                self.mem.main.detail_error = exc.message
            else:
                self.fail(exc, None)

        self.run_flow(
            lambda: self._s.session.call(lambda token: self._s.client.contract(token, contract_id)), shown, failed
        )

    # ------------------------------------------------------------------ main data
    def reload(self, reason: str) -> None:
        """Load the main data again, unless a load is under way."""
        if self._main_loading:
            return
        self._s.log.add(f"reloading main data: {reason}")
        self.spawn("reload", self.load_main)

    def load_main(self) -> None:
        """Load me, broker, customers and their contracts; runs inside a flow."""
        with self._lock:
            if not self.alive or self._main_loading:
                return
            self._main_loading = True
            epoch = self._epoch
        try:
            self.run_flow(self._fetch_main, self._main_loaded, self._main_failed, epoch=epoch)
        finally:
            with self._lock:
                self._main_loading = False

    def _fetch_main(self) -> MainLoad:
        call, client = self._s.session.call, self._s.client
        me = call(client.me)
        broker = call(client.broker)
        customers = self._kept_customers(me) or call(client.customers)
        contracts = {customer.id: self._customer_contracts(customer.id) for customer in customers}
        return me, broker, customers, contracts

    def _main_loaded(self, loaded: MainLoad) -> None:
        me, broker, customers, contracts = loaded
        main = self.mem.main
        known = {customer.id for customer in main.customers or []}
        # Chips keep their state; customers new to this app process start selected.
        main.selected = {c.id for c in customers if c.id in main.selected or c.id not in known}
        main.me, main.broker, main.customers, main.contracts = me, broker, customers, contracts
        main.loaded, main.failed = True, False
        self.mem.banner = None
        if self._process_customers is None or self._process_customers[0] != me.email:
            self._process_customers = (me.email, customers)
        cache.store(self._s.storage, main)

    def _kept_customers(self, me: Me) -> list[Customer] | None:
        """Affected builds (shared_restart) load the customer list once per process, also across a new login.

        The list lives in the app process, not in the screen state that Abmelden clears: a new login
        of the same account in the same process gets the old list. A different account loads its own.
        """
        kept = self._process_customers
        if kept is None or kept[0] != me.email or not self._s.behaviour(SHARED_RESTART):
            return None
        self._s.log.add("customer list kept from this process's first load (shared_restart)")
        return kept[1]

    def _customer_contracts(self, customer_id: str) -> list[Contract]:
        try:
            return self._s.session.call(lambda token: self._s.client.contracts(token, customer_id))
        except ApiError as exc:
            if exc.status == 404:  # no longer shared: the chip shows no contracts
                return []
            raise

    # ------------------------------------------------------------------ failures
    def fail(self, exc: Exception, note: str | None) -> None:
        """Show a failed call: update screen, session handling, banner, or the screen's error text."""
        if isinstance(exc, CancelledError | OfflineError):
            return  # the offline banner comes from the connectivity state
        if isinstance(exc, SessionRejected):
            self._session_rejected()
        elif isinstance(exc, ApiError) and exc.status == 426:
            self._nav.show_update(_update_kind(exc), exc.minimum or "?")
        elif backend_down(exc):
            self.mem.banner = GENERIC_ERROR
        elif isinstance(exc, ApiError) and note is not None:
            self.mem.notes[note] = exc.screen_text()
        elif isinstance(exc, ApiError):
            self.mem.banner = exc.screen_text()
        else:
            raise exc

    def _main_failed(self, exc: Exception) -> None:
        main = self.mem.main
        if isinstance(exc, CancelledError):
            return
        if isinstance(exc, SessionRejected) or (isinstance(exc, ApiError) and exc.status == 426):
            self.fail(exc, None)
            return
        main.failed = True
        if isinstance(exc, OfflineError):
            if not main.loaded and cache.restore(self._s.storage, main):
                self._s.log.add("offline: showing cached data")
            return
        if backend_down(exc) and self._s.behaviour(UNUSABLE_MEMORY):
            main.stuck = True
            self._s.log.add("main data load failed; this build keeps the failed state (unusable_memory)", "WARNING")
        self.fail(exc, None)

    def _session_rejected(self) -> None:
        """Article "App nicht nutzbar" 2–3: affected builds show an error and keep the broken tokens."""
        if self._s.behaviour(UNUSABLE_SESSION):
            self._s.log.add("session refused; tokens kept, error shown (unusable_session)", "WARNING")
            self.mem.session_error = True
            self.mem.banner = SESSION_ERROR
            self._nav.keep_main_root()
            return
        self._s.log.add("session refused; tokens dropped, login shown")
        self._s.storage.clear_session()
        self.new_session()
        self._nav.set_login_root(SESSION_EXPIRED)
