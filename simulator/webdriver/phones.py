"""``GET /kundenapp/v1/phones``: every phone this simulator knows, read-only, as JSON (``simulator/spec/phones.py``).

The phones live here, in the WebDriver server's process, not in the backend: a phone a session
holds is described by that session's device (its app's process, screen and memory, ``held_by``
naming the session), a free one by the phone registry. ``kundenapp-sim snapshot`` reads it.
"""

from __future__ import annotations

from simulator.spec.phones import Phones, PhoneState
from simulator.webdriver.session import Call


def list_phones(call: Call) -> Phones:
    """Every phone: the held ones in the order their sessions started, then the free ones."""
    held: list[PhoneState] = []
    for session in call.store.sessions():
        with session.lock:  # its commands wait: the phone is read in one consistent state
            if session.closed:
                continue
            state = session.device.phone_state()
        state["held_by"] = session.id
        held.append(state)
    free = call.store.phone_book.free_states() if call.store.phone_book is not None else []
    return {"backend_url": call.store.backend_url, "phones": held + free}
