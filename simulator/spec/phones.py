"""The JSON shape of a simulator's phones, as its WebDriver server reports them (``GET /kundenapp/v1/phones``).

The phones live in the WebDriver server's process (``kundenapp-sim serve``); the backend, which
several simulators may share, knows no phone. The server builds these shapes from its phone
registry (``simulator.app``), the world snapshot reads them over HTTP (``simulator.client.phones``).
Read-only, and without a secret: the stored session appears as its tag (``simulator.spec.tokens``),
never as a token.
"""

from __future__ import annotations

from typing import Literal

from typing_extensions import TypedDict

PHONES_PATH = "/kundenapp/v1/phones"

ProcessState = Literal["not_running", "background", "foreground"]
"""Where the app's process is: not running, in the background, in the foreground (Appium's app states 1, 2/3, 4)."""

Forced = bool | Literal["inverted"]
"""A behaviour forced on, off, or to the opposite of the build's default (``kundenapp:behaviours``)."""


class UpdateRequired(TypedDict):
    """Why the running app refuses to run: app or OS below the broker's minimum."""

    kind: Literal["app", "os"]
    minimum: str


class AppMemory(TypedDict):
    """What the running process keeps in memory, the state the version-tied behaviours act on."""

    process: int  # the phone's cold starts so far
    screen: str  # the route on top of the app's stack
    tab: str
    customers: list[str] | None  # ids of the customer list loaded at cold start (None: not loaded)
    failed: bool  # the last load of the main data failed
    stuck: bool  # unusable_memory: failed and never retries in this process
    outages: int  # calls of this process that found the backend down (no answer, 5xx)
    session_error: bool  # unusable_session: "Sitzung konnte nicht geladen werden." instead of the login
    update_required: UpdateRequired | None


class SharedContact(TypedDict):
    """A contact (Kontakte -> Personen) as a world file names it."""

    name: str
    email: str | None
    kundenportal: bool


class ScheduledShare(TypedDict):
    """A share ``serve --world`` prints for after the app's start (``added: after_app_start``) and keeps here."""

    makler_id: str
    customer: str  # the customer's name in the world file
    contact: SharedContact


class PhoneState(TypedDict):
    """One phone: the device, what is installed and stored on it, its app process and what it shows."""

    platform: Literal["android", "ios"]
    device_name: str
    app_id: str
    os_version: str | None  # the last session's (or the world's), None: never used
    installed_version: str | None  # None: the app is not installed
    owner: str | None  # the e-mail of the account whose phone it is (serve --world), None: unknown
    makler_id: str | None  # the Makler-ID the app remembers (pre-fills the login)
    session: str | None  # the stored session's tag, None: logged out
    behaviours: dict[str, Forced]  # behaviours forced for this phone
    held_by: str | None  # the WebDriver session that holds the phone, None: free
    process: ProcessState
    running_version: str | None  # the build of the running process
    screen: str  # the id of the screen it shows (an app screen, the home screen or the app switcher)
    app: AppMemory | None  # None: no process
    scheduled: list[ScheduledShare]


class Phones(TypedDict):
    """Every phone a simulator knows, and the backend its apps call."""

    backend_url: str
    phones: list[PhoneState]
