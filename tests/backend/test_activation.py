"""A remedy never opens a door (DESIGN §7): manual activation and the answers around registration.

Externe → Eingeladene → manuell aktivieren adopts a pending password only when exactly one
registration waits; otherwise the invited address gets a "Passwort festlegen" link. A login
with the password of one's own unconfirmed registration answers the same for every address,
so registering and logging in cannot tell an outsider which addresses a broker invited
(OWASP ASVS 6.3.8).
"""

from __future__ import annotations

import httpx
import pytest

from tests.backend.conftest import PASSWORD, Tenant, error_code

OWNER_PASSWORD = "Eigenes!2026"
ATTACKER_PASSWORD = "Fremdes!2026"


def _invited(tenant: Tenant) -> tuple[str, int]:
    email = tenant.email()
    external = tenant.invite(tenant.customer("Erika Muster", email)["id"])
    return email, int(external["id"])


def _activate(tenant: Tenant, external_id: int) -> httpx.Response:
    r = tenant.http.post(f"/admin/v1/externe/{external_id}/activate", headers=tenant.admin)
    assert r.status_code == 200, r.text
    return r


def _set_password(tenant: Tenant, email: str, password: str) -> httpx.Response:
    token = tenant.link_token(email, "reset")
    return tenant.http.post("/app/v1/password/reset", json={"token": token, "password": password})


def test_a_strangers_later_registration_does_not_log_in_after_manual_activation(tenant: Tenant) -> None:
    """The attack: owner registers with P1, someone else with P2, the broker activates manually."""
    email, external_id = _invited(tenant)
    assert tenant.register(email, OWNER_PASSWORD).status_code == 202
    assert tenant.register(email, ATTACKER_PASSWORD).status_code == 202  # address and Makler-ID are enough
    _activate(tenant, external_id)
    assert "access_token" not in tenant.login(email, ATTACKER_PASSWORD).json()
    assert "access_token" not in tenant.login(email, OWNER_PASSWORD).json()  # ambiguous: neither is adopted
    # The mailbox owner sets the password with the link that went to the invited address.
    message = tenant.latest(email, "reset")
    assert "Passwort" in message["subject"] and message["links"][0].startswith("kundenapp://passwort-zuruecksetzen")
    assert _set_password(tenant, email, OWNER_PASSWORD).status_code == 200
    assert tenant.login(email, OWNER_PASSWORD).status_code == 200
    assert "access_token" not in tenant.login(email, ATTACKER_PASSWORD).json()


def test_two_pending_registrations_are_ambiguous_and_neither_is_adopted(tenant: Tenant) -> None:
    email, external_id = _invited(tenant)
    tenant.register(email, OWNER_PASSWORD)
    tenant.register(email, ATTACKER_PASSWORD)
    answer = _activate(tenant, external_id).json()
    assert answer["state"] == "aktiv"
    assert answer["password"] == "link_sent"
    # The newest registration's password hears "nicht bestätigt", as on any address; neither logs in.
    owner, attacker = (tenant.login(email, p) for p in (OWNER_PASSWORD, ATTACKER_PASSWORD))
    assert (owner.status_code, attacker.status_code) == (401, 403)
    assert tenant.latest(email, "reset")["to"] == email


def test_the_customers_own_password_works_after_manual_activation(tenant: Tenant) -> None:
    """The article's promise (Registrierung): one registration, never confirmed, the broker activates."""
    email, external_id = _invited(tenant)
    tenant.register(email, OWNER_PASSWORD)
    assert _activate(tenant, external_id).json()["password"] == "adopted"
    assert tenant.login(email, OWNER_PASSWORD).status_code == 200
    # The invited address is told, with a link to choose another password if it was not its owner.
    notice = tenant.latest(email, "reset")
    assert "aktiviert" in notice["subject"]


def test_activating_an_account_nobody_registered_mails_a_set_password_link(tenant: Tenant) -> None:
    email, external_id = _invited(tenant)
    assert _activate(tenant, external_id).json()["password"] == "link_sent"
    assert _set_password(tenant, email, OWNER_PASSWORD).status_code == 200
    assert tenant.login(email, OWNER_PASSWORD).status_code == 200


def _register_then_login(tenant: Tenant, email: str, makler_id: str | None = None) -> tuple[int, str]:
    tenant.register(email, ATTACKER_PASSWORD, makler_id=makler_id)
    r = tenant.login(email, ATTACKER_PASSWORD, makler_id=makler_id)
    return r.status_code, r.text


@pytest.mark.parametrize("other", ["not invited", "active", "deactivated"])
def test_register_and_login_does_not_tell_which_addresses_were_invited(tenant: Tenant, other: str) -> None:
    """The oracle: an invited, unconfirmed address must answer like any other address."""
    invited, _ = _invited(tenant)
    if other == "not invited":
        address = tenant.email()
    else:
        _, address = tenant.active_account()
        if other == "deactivated":
            (row,) = [e for e in tenant.externe("aktiv") if e["email"] == address]
            tenant.http.post(f"/admin/v1/externe/{row['id']}/deactivate", headers=tenant.admin)
    assert _register_then_login(tenant, invited) == _register_then_login(tenant, address)


def test_the_registrant_is_still_told_the_registration_is_not_confirmed(tenant: Tenant) -> None:
    """What the one who registered learns is only what they did themselves (registered with that password)."""
    email, _ = _invited(tenant)
    tenant.register(email, PASSWORD)
    r = tenant.login(email, PASSWORD)
    assert r.status_code == 403 and error_code(r) == "account_not_confirmed"
    assert "nicht bestätigt" in r.json()["error"]["message"]
    assert tenant.login(email, "Anderes!2026").status_code == 401


def test_the_old_password_after_a_reset_is_simply_wrong(tenant: Tenant) -> None:
    _, email = tenant.active_account()
    tenant.http.post("/app/v1/password/forgot", json={"email": email, "makler_id": tenant.makler_id})
    assert _set_password(tenant, email, OWNER_PASSWORD).status_code == 200
    r = tenant.login(email, PASSWORD)
    assert r.status_code == 401 and error_code(r) == "invalid_credentials"


def test_logging_in_with_ones_own_registration_does_not_reset_a_brute_force_lock(tenant: Tenant) -> None:
    """Anyone can register a password for any address: using it must not clear that address's counter."""
    _, email = tenant.active_account("Peter Vater")
    for _ in range(4):
        assert tenant.login(email, "Geraten!2026").status_code == 401
    assert tenant.register(email, ATTACKER_PASSWORD).status_code == 202
    assert error_code(tenant.login(email, ATTACKER_PASSWORD)) == "account_not_confirmed"  # the 5th failure
    locked = tenant.login(email, "Geraten!2027")
    assert locked.status_code == 429 and "Retry-After" in locked.headers
