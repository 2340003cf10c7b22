"""One running process of the Kunden-App: its memory state and the actions behind taps.

Actions change ``Memory`` and start backend flows. A flow runs inline (latency
0) or in a worker thread; it takes the phone's lock only to apply results, and
drops them when the process has died or the session changed meanwhile
(``_epoch``). The version-tied defects of ``behaviours.py`` are decided here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from simulator.app import memory as routes
from simulator.app.applog import AppLog
from simulator.app.backend_client import (
    GENERIC_ERROR,
    ApiError,
    BackendClient,
    CancelledError,
    NetworkError,
    OfflineError,
)
from simulator.app.behaviours import SHARED_RESTART, UNUSABLE_MEMORY, UNUSABLE_SESSION
from simulator.app.links import CONFIRM, INVITATION, DeepLink
from simulator.app.memory import TABS, Env, MainData, Memory, Route, UpdateRequired
from simulator.app.models import Broker, Contract, Customer, Me, to_json
from simulator.app.screens import render
from simulator.app.screens.login import MAKLER_ID_HELP
from simulator.app.session import Session, SessionRejected
from simulator.app.storage import CACHE_BROKER, CACHE_CONTRACTS, CACHE_CUSTOMERS, CACHE_ME, Storage
from simulator.app.tasks import StateLock
from simulator.app.tree import Node

SESSION_ERROR = "Sitzung konnte nicht geladen werden."
SESSION_EXPIRED = "Deine Sitzung ist abgelaufen. Bitte melde Dich erneut an."
REGISTERED = (
    "Fast geschafft! Bitte bestätige Deine E-Mail-Adresse über den Link in der E-Mail, die wir Dir geschickt haben."
)
CONFIRMED = "Deine E-Mail-Adresse ist bestätigt. Du kannst Dich jetzt anmelden."
RESET_REQUESTED = "Falls ein Konto zu diesen Angaben existiert, haben wir Dir eine E-Mail geschickt."
RESET_DONE = "Dein neues Passwort ist gespeichert. Du kannst Dich jetzt anmelden."
PASSWORDS_DIFFER = "Die Passwörter stimmen nicht überein."

INPUTS = frozenset(
    {
        "login_email",
        "login_password",
        "login_makler_id",
        "register_email",
        "register_makler_id",
        "register_password",
        "register_password_repeat",
        "forgot_email",
        "forgot_makler_id",
        "reset_password",
        "reset_password_repeat",
    }
)

# Everything a backend flow may end with besides success.
FLOW_ERRORS = (ApiError, NetworkError, OfflineError, CancelledError, SessionRejected)


@dataclass(frozen=True)
class Services:
    """What the phone lends a running app: storage, network, worker threads, lock, log."""

    platform: str
    app_version: str  # the build this process runs
    os_version: Callable[[], str]
    online: Callable[[], bool]
    storage: Storage
    client: BackendClient
    session: Session
    run: Callable[[str, Callable[[], None]], None]
    lock: StateLock
    log: AppLog
    behaviour: Callable[[str], bool]  # is this named behaviour in force for this build?


class KundenApp:
    """The app process: ``start`` (cold start), ``resume``, UI actions, deep links; ``render`` for the tree."""

    def __init__(self, process: int, services: Services) -> None:
        self.mem = Memory(process=process)
        self._s = services
        self._lock = services.lock
        self._alive = True
        self._epoch = 0  # bumped on login, logout and a dropped session; older answers are discarded
        self._main_loading = False
        # Builds with shared_restart: the customer list of this process's first load, per account (e-mail).
        self._process_customers: tuple[str, list[Customer]] | None = None
        self._taps: dict[str, Callable[[], None]] = {
            "login_submit": self._submit_login,
            "login_forgot_password": lambda: self._open_form(routes.FORGOT),
            "login_register": lambda: self._open_form(routes.REGISTER),
            "register_submit": self._submit_register,
            "register_back": self._pop,
            "register_to_login": self._pop_to_root,
            "forgot_submit": self._submit_forgot,
            "forgot_back": self._pop,
            "reset_submit": self._submit_reset,
            "reset_back": self._pop,
            "reset_to_login": self._pop_to_root,
            "confirm_to_login": self._pop_to_root,
            "contract_back": self._pop,
            "logout_button": self._logout,
            **{f"tab_{tab}": functools.partial(self._select_tab, tab) for tab in TABS},
        }

    # ------------------------------------------------------------------ lifecycle
    def start(self, link: DeepLink | None = None) -> None:
        """Cold start: route from storage, then update check and data load; then the link, if any."""
        logged_in = self._s.storage.tokens() is not None
        self.mem.stack = [Route(routes.MAIN if logged_in else routes.LOGIN)]
        self._fill_login()
        if logged_in or self._s.storage.makler_id:
            self._spawn("cold-start", self._flow_start)
        if link is not None:
            self.open_link(link)

    def terminate(self) -> None:
        """The process dies: running flows drop their answers."""
        self._alive = False

    def suspend(self) -> None:
        """Sent to the background: memory stays, the keyboard goes."""
        self.mem.focused = None

    def resume(self) -> None:
        """Back in front: fixed builds retry a failed load and reload the customer list."""
        if self.mem.stack[0].name != routes.MAIN or self.mem.session_error or self.mem.update:
            return
        main = self.mem.main
        if main.stuck:
            self._s.log.add("resume: main data stuck after an outage, no reload (unusable_memory)", "WARNING")
        elif main.failed:
            self._reload("resume after a failed load")
        elif main.loaded and self._s.behaviour(SHARED_RESTART):
            self._s.log.add("resume: customer list kept from the cold start (shared_restart)")
        elif main.loaded:
            self._reload("resume")

    def connectivity_changed(self, online: bool) -> None:
        """Network back: retry a load that failed (not a stuck one)."""
        main = self.mem.main
        if online and self.mem.stack[0].name == routes.MAIN and main.failed and not main.stuck:
            if not self.mem.session_error and not self.mem.update:
                self._reload("network back")

    # ------------------------------------------------------------------ rendering
    def render(self, env: Env) -> Node:
        """The current screen's element tree."""
        return render(self.mem, env)

    @property
    def keyboard_shown(self) -> bool:
        """True while an input has the focus."""
        return self.mem.focused is not None

    def hide_keyboard(self) -> None:
        """Drop the input focus."""
        self.mem.focused = None

    def summary(self) -> dict[str, Any]:
        """For the appState debugging command."""
        main = self.mem.main
        return {
            "process": self.mem.process,
            "screen": self.mem.route.name,
            "stack": [route.name for route in self.mem.stack],
            "tab": self.mem.tab,
            "pending": self.mem.pending,
            "banner": self.mem.banner,
            "session_error": self.mem.session_error,
            "update_required": None if self.mem.update is None else vars(self.mem.update),
            "main": {
                "loaded": main.loaded,
                "failed": main.failed,
                "stuck": main.stuck,
                "customers": None if main.customers is None else [c.name for c in main.customers],
                "selected": sorted(main.selected),
            },
        }

    # ------------------------------------------------------------------ input
    def tap(self, local: str) -> None:
        """Act on a tap of the element with this local key."""
        if local in INPUTS:
            self.mem.focused = local
            return
        self.mem.focused = None
        action = self._taps.get(local)
        if action is not None:
            action()
        elif local.startswith("chip."):
            self.mem.main.selected ^= {local.removeprefix("chip.")}
        elif local.startswith("contract."):
            self._open_contract(local.removeprefix("contract."))
        # Labels, checklist items and documents do nothing when tapped.

    def type_text(self, local: str, text: str) -> None:
        """Append to an input and give it the focus (the checklist re-renders from the value)."""
        self.mem.fields[local] = self.mem.fields.get(local, "") + text
        self.mem.focused = local

    def clear(self, local: str) -> None:
        """Empty an input."""
        self.mem.fields[local] = ""
        self.mem.focused = local

    def back(self) -> bool:
        """In-app back: pop one screen; False at the root (the phone decides what happens then)."""
        if len(self.mem.stack) <= 1:
            return False
        self._pop()
        return True

    def open_link(self, link: DeepLink) -> None:
        """Open a deep link (invitation, confirmation, password reset)."""
        if self.mem.update is not None:
            self._s.log.add(f"deep link {link.action} ignored: update required", "WARNING")
            return
        self._s.log.add(f"deep link: {link.action}")
        if link.action == INVITATION:
            makler_id = link.params["makler_id"]
            self._s.storage.makler_id = makler_id
            self.mem.fields["login_makler_id"] = makler_id
            self._replace_top(Route(routes.REGISTER))
            self._reset_form(routes.REGISTER)
            self.mem.fields["register_email"] = link.params.get("email", "")
            self.mem.fields["register_makler_id"] = makler_id
        elif link.action == CONFIRM:
            self._replace_top(Route(routes.CONFIRM))
            self._reset_form(routes.CONFIRM)
            token = link.params["token"]
            self._spawn(
                "confirm",
                lambda: self._flow_message(
                    lambda: self._s.client.confirm(token), "confirm_message", "confirm_error", CONFIRMED
                ),
            )
        else:
            self._replace_top(Route(routes.RESET, link.params["token"]))
            self._reset_form(routes.RESET)

    # ------------------------------------------------------------------ navigation
    def _pop(self) -> None:
        if len(self.mem.stack) > 1:
            left = self.mem.stack.pop()
            if left.name == routes.CONTRACT:
                self.mem.main.detail = None
                self.mem.main.detail_error = None

    def _pop_to_root(self) -> None:
        while len(self.mem.stack) > 1:
            self._pop()

    def _replace_top(self, route: Route) -> None:
        """Show a link screen over the root, replacing other pushed screens."""
        self.mem.stack = [self.mem.stack[0], route]

    def _fill_login(self) -> None:
        self.mem.fields["login_makler_id"] = self._s.storage.makler_id or ""

    def _reset_form(self, name: str) -> None:
        prefix = f"{name}_"
        for key in [key for key in self.mem.fields if key.startswith(prefix)]:
            del self.mem.fields[key]
        for key in [key for key in self.mem.notes if key.startswith(prefix)]:
            del self.mem.notes[key]

    def _open_form(self, name: str) -> None:
        fields = self.mem.fields
        self._reset_form(name)
        fields[f"{name}_email"] = fields.get("login_email", "")
        fields[f"{name}_makler_id"] = fields.get("login_makler_id", "") or self._s.storage.makler_id or ""
        self.mem.stack.append(Route(name))

    def _select_tab(self, tab: str) -> None:
        self.mem.tab = tab
        main = self.mem.main
        if main.failed and not main.stuck and not self.mem.session_error:
            self._reload("tab switch after a failed load")

    def _open_contract(self, contract_id: str) -> None:
        self.mem.stack.append(Route(routes.CONTRACT, contract_id))
        self.mem.main.detail = None
        self.mem.main.detail_error = None
        self._spawn("contract", lambda: self._flow_contract(contract_id))

    def _set_login_root(self, note: str | None) -> None:
        """Logged out: login screen as root; link screens above it stay."""
        above = [route for route in self.mem.stack[1:] if route.name not in (routes.CONTRACT, routes.MAIN)]
        self.mem.stack = [Route(routes.LOGIN), *above]
        self.mem.tab = "overview"
        self.mem.fields.pop("login_password", None)
        self._fill_login()
        self.mem.notes.pop("login_error", None)
        if note:
            self.mem.notes["login_error"] = note

    def _require_update(self, kind: str, minimum: str) -> None:
        self._s.log.add(f"update required: {kind} >= {minimum}", "WARNING")
        self.mem.update = UpdateRequired("os" if kind == "os" else "app", minimum)
        self.mem.stack = [Route(routes.UPDATE)]
        self.mem.banner = None
        self.mem.focused = None

    # ------------------------------------------------------------------ submits
    def _submit_login(self) -> None:
        fields = self.mem.fields
        email = fields.get("login_email", "").strip()
        password = fields.get("login_password", "")
        makler_id = fields.get("login_makler_id", "").strip()
        self.mem.notes.pop("login_error", None)
        self.mem.banner = None
        if not email or not password:
            self.mem.notes["login_error"] = "Bitte gib E-Mail-Adresse und Passwort ein."
        elif not makler_id:
            self.mem.notes["login_error"] = f"Bitte gib die Makler-ID ein. {MAKLER_ID_HELP}"
        else:
            self._spawn("login", lambda: self._flow_login(email, password, makler_id))

    def _submit_register(self) -> None:
        fields = self.mem.fields
        email = fields.get("register_email", "").strip()
        makler_id = fields.get("register_makler_id", "").strip()
        password = fields.get("register_password", "")
        self.mem.notes.pop("register_error", None)
        self.mem.banner = None
        if not email or not makler_id or not password:
            self.mem.notes["register_error"] = "Bitte fülle alle Felder aus."
            return
        if password != fields.get("register_password_repeat", ""):
            self.mem.notes["register_error"] = PASSWORDS_DIFFER
            return
        # The checklist is advice only: the backend checks the rules again and names the violations.
        self._spawn("register", lambda: self._flow_register(email, makler_id, password))

    def _submit_forgot(self) -> None:
        email = self.mem.fields.get("forgot_email", "").strip()
        makler_id = self.mem.fields.get("forgot_makler_id", "").strip()
        self.mem.notes.pop("forgot_error", None)
        self.mem.notes.pop("forgot_confirmation", None)
        self.mem.banner = None
        if not email or not makler_id:
            self.mem.notes["forgot_error"] = "Bitte gib E-Mail-Adresse und Makler-ID ein."
            return
        self._spawn(
            "forgot",
            lambda: self._flow_message(
                lambda: self._s.client.forgot_password(email, makler_id),
                "forgot_confirmation",
                "forgot_error",
                RESET_REQUESTED,
            ),
        )

    def _submit_reset(self) -> None:
        token = self.mem.route.param
        password = self.mem.fields.get("reset_password", "")
        self.mem.notes.pop("reset_error", None)
        self.mem.banner = None
        if not password or password != self.mem.fields.get("reset_password_repeat", ""):
            self.mem.notes["reset_error"] = PASSWORDS_DIFFER if password else "Bitte gib ein neues Passwort ein."
            return
        self._spawn(
            "reset",
            lambda: self._flow_message(
                lambda: self._s.client.reset_password(token, password), "reset_confirmation", "reset_error", RESET_DONE
            ),
        )

    def _logout(self) -> None:
        self._spawn("logout", self._flow_logout)

    # ------------------------------------------------------------------ flows
    def _spawn(self, name: str, body: Callable[[], None]) -> None:
        """Run a backend flow; the loading indicator shows while it runs. Call with the lock held."""
        self.mem.pending += 1
        mem = self.mem

        def work() -> None:
            try:
                body()
            finally:
                with self._lock:
                    mem.pending -= 1

        self._s.run(name, work)

    def _current(self, epoch: int) -> bool:
        return self._alive and self._epoch == epoch

    def _flow_start(self) -> None:
        storage, client = self._s.storage, self._s.client
        makler_id = storage.makler_id
        if makler_id:
            # The backend is the one judge of the minimum versions: it answers 426 on every call of a
            # too old app or OS (the app used to compare the /config minimums itself as well, but that
            # check could never fire, so it is gone).
            try:
                client.config(self._s.platform, makler_id)
            except ApiError as exc:
                if exc.status == 426:
                    with self._lock:
                        if self._alive:
                            self._require_update(self._update_kind(exc), exc.minimum or "?")
                    return
                self._s.log.add(f"config check failed: {exc}", "WARNING")
            except (NetworkError, OfflineError) as exc:
                self._s.log.add(f"config check skipped: {type(exc).__name__}", "WARNING")
            except CancelledError:
                return
        with self._lock:
            if not self._alive or self.mem.stack[0].name != routes.MAIN or storage.tokens() is None:
                return
        self._load_main()

    @staticmethod
    def _update_kind(exc: ApiError) -> str:
        return "os" if exc.code == "os_update_required" else "app"

    def _flow_login(self, email: str, password: str, makler_id: str) -> None:
        with self._lock:
            epoch = self._epoch
        try:
            tokens = self._s.client.login(email, password, makler_id)
        except FLOW_ERRORS as exc:
            with self._lock:
                if self._current(epoch):
                    self._fail(exc, "login_error")
            return
        with self._lock:
            if not self._current(epoch):
                return
            self._s.storage.set_tokens(tokens)
            self._s.storage.makler_id = makler_id
            self._s.log.add("login: session stored")
            self._epoch += 1
            self.mem.main = MainData()
            self.mem.session_error = False
            self.mem.banner = None
            self.mem.fields.pop("login_password", None)
            self.mem.stack = [Route(routes.MAIN)]
            self.mem.tab = "overview"
        self._load_main()

    def _flow_register(self, email: str, makler_id: str, password: str) -> None:
        with self._lock:
            epoch = self._epoch
        try:
            message = self._s.client.register(email, makler_id, password)
        except FLOW_ERRORS as exc:
            with self._lock:
                if self._current(epoch):
                    self._fail(exc, "register_error")
            return
        with self._lock:
            if not self._current(epoch):
                return
            self.mem.notes["register_confirmation"] = message or REGISTERED
            self._s.storage.makler_id = makler_id
            self.mem.fields["login_email"] = email
            self.mem.fields["login_makler_id"] = makler_id

    def _flow_message(self, call: Callable[[], str], ok_note: str, error_note: str, default: str) -> None:
        """A call whose answer is just a message to show (confirm, forgot, reset)."""
        with self._lock:
            epoch = self._epoch
        try:
            message = call()
        except FLOW_ERRORS as exc:
            with self._lock:
                if self._current(epoch):
                    self._fail(exc, error_note)
            return
        with self._lock:
            if self._current(epoch):
                self.mem.notes[ok_note] = message or default

    def _flow_logout(self) -> None:
        tokens = self._s.storage.tokens()
        if tokens is not None:
            try:
                self._s.client.logout(tokens.access_token)
            except FLOW_ERRORS as exc:
                # Article, "App nicht nutzbar" 2: Abmelden must work even when the server refuses the session.
                self._s.log.add(f"logout call failed ({type(exc).__name__}); logging out locally", "WARNING")
        with self._lock:
            if not self._alive:
                return
            self._s.storage.clear_session()
            self._s.log.add("logout: session and cache cleared")
            self._epoch += 1
            self.mem.main = MainData()
            self.mem.session_error = False
            self.mem.banner = None
            self.mem.stack = [self.mem.stack[0]]
            self._set_login_root(None)

    def _flow_contract(self, contract_id: str) -> None:
        with self._lock:
            epoch = self._epoch
        try:
            contract = self._s.session.call(lambda token: self._s.client.contract(token, contract_id))
        except FLOW_ERRORS as exc:
            with self._lock:
                if not self._current(epoch):
                    return
                if isinstance(exc, ApiError) and exc.status < 500 and exc.status not in (401, 426):
                    self.mem.main.detail_error = exc.message
                else:
                    self._fail(exc, None)
            return
        with self._lock:
            if self._current(epoch) and self.mem.route == Route(routes.CONTRACT, contract_id):
                self.mem.main.detail = contract

    def _reload(self, reason: str) -> None:
        if self._main_loading:
            return
        self._s.log.add(f"reloading main data: {reason}")
        self._spawn("reload", self._load_main)

    def _load_main(self) -> None:
        """Load me, broker, customers and their contracts; runs inside a flow."""
        with self._lock:
            if not self._alive or self._main_loading:
                return
            self._main_loading = True
            epoch = self._epoch
        try:
            self._load_main_calls(epoch)
        finally:
            with self._lock:
                self._main_loading = False

    def _load_main_calls(self, epoch: int) -> None:
        call, client = self._s.session.call, self._s.client
        try:
            me = call(client.me)
            broker = call(client.broker)
            customers = self._kept_customers(me) or call(client.customers)
            contracts = {customer.id: self._customer_contracts(customer.id) for customer in customers}
        except FLOW_ERRORS as exc:
            with self._lock:
                if self._current(epoch):
                    self._main_failed(exc)
            return
        with self._lock:
            if not self._current(epoch):
                return
            main = self.mem.main
            known = {customer.id for customer in main.customers or []}
            # Chips keep their state; customers new to this app process start selected.
            main.selected = {c.id for c in customers if c.id in main.selected or c.id not in known}
            main.me, main.broker, main.customers, main.contracts = me, broker, customers, contracts
            main.loaded, main.failed = True, False
            self.mem.banner = None
            if self._process_customers is None or self._process_customers[0] != me.email:
                self._process_customers = (me.email, customers)
            self._store_cache(main)

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
    def _fail(self, exc: Exception, note: str | None) -> None:
        """Show a failed call: update screen, session handling, banner, or the screen's error text."""
        if isinstance(exc, CancelledError | OfflineError):
            return  # the offline banner comes from the connectivity state
        if isinstance(exc, SessionRejected):
            self._session_rejected()
        elif isinstance(exc, ApiError) and exc.status == 426:
            self._require_update(self._update_kind(exc), exc.minimum or "?")
        elif isinstance(exc, NetworkError) or (isinstance(exc, ApiError) and exc.server_down):
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
            self._fail(exc, None)
            return
        main.failed = True
        if isinstance(exc, OfflineError):
            if not main.loaded:
                self._restore_cache(main)
            return
        backend_down = isinstance(exc, NetworkError) or (isinstance(exc, ApiError) and exc.server_down)
        if backend_down and self._s.behaviour(UNUSABLE_MEMORY):
            main.stuck = True
            self._s.log.add("main data load failed; this build keeps the failed state (unusable_memory)", "WARNING")
        self._fail(exc, None)

    def _session_rejected(self) -> None:
        """Article "App nicht nutzbar" 2–3: affected builds show an error and keep the broken tokens."""
        if self._s.behaviour(UNUSABLE_SESSION):
            self._s.log.add("session refused; tokens kept, error shown (unusable_session)", "WARNING")
            self.mem.session_error = True
            self.mem.banner = SESSION_ERROR
            if self.mem.stack[0].name != routes.MAIN:
                self.mem.stack = [Route(routes.MAIN)]
            return
        self._s.log.add("session refused; tokens dropped, login shown")
        self._s.storage.clear_session()
        self._epoch += 1
        self.mem.main = MainData()
        self.mem.banner = None
        self._set_login_root(SESSION_EXPIRED)

    # ------------------------------------------------------------------ cache
    def _store_cache(self, main: MainData) -> None:
        storage = self._s.storage
        storage.set(CACHE_ME, None if main.me is None else to_json(main.me))
        storage.set(CACHE_BROKER, None if main.broker is None else to_json(main.broker))
        storage.set(CACHE_CUSTOMERS, [to_json(c) for c in main.customers or []])
        storage.set(CACHE_CONTRACTS, {cid: [to_json(c) for c in items] for cid, items in main.contracts.items()})

    def _restore_cache(self, main: MainData) -> None:
        """Offline: show what the last successful load left in storage."""
        storage = self._s.storage
        me, broker, customers = storage.get(CACHE_ME), storage.get(CACHE_BROKER), storage.get(CACHE_CUSTOMERS)
        contracts = storage.get(CACHE_CONTRACTS) or {}
        if me is None or broker is None or customers is None:
            return
        main.me, main.broker = Me.from_json(me), Broker.from_json(broker)
        main.customers = [Customer.from_json(item) for item in customers]
        main.contracts = {cid: [Contract.from_json(item) for item in items] for cid, items in contracts.items()}
        main.selected = {customer.id for customer in main.customers}
        self._s.log.add("offline: showing cached data")
