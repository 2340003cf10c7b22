"""A remedy never opens a door (docs/backend-api.md): manual activation and the answers around registration.

Anyone who knows an invited address and the broker's public Makler-ID can register it. Externe →
Eingeladene → manuell aktivieren therefore adopts a pending password only from a registration that
proved the mailbox: it carried the secret of the invitation link mailed to that address. Otherwise
no password works and the invited address gets a "Passwort festlegen" link. A login with the
password of one's own unconfirmed registration answers the same for every address, so registering
and logging in cannot tell an outsider which addresses a broker invited (OWASP ASVS 6.3.8).
"""

from __future__ import annotations

import httpx
import pytest

from tests.backend.conftest import PASSWORD, Tenant, error_code

OWNER_PASSWORD = "Eigenes!2026"
ATTACKER_PASSWORD = "Fremdes!2026"
ADOPTED = "Passwort aus der Registrierung übernommen"
LINK_SENT = "Link zum Festlegen des Passworts gesendet"


def _invited(tenant: Tenant) -> tuple[str, int]:
    email = tenant.email()
    external = tenant.invite(tenant.customer("Erika Muster", email)["id"])
    return email, int(external["id"])


def _activate(tenant: Tenant, external_id: int) -> dict[str, str]:
    r = tenant.http.post(f"/admin/v1/externe/{external_id}/activate", headers=tenant.admin)
    assert r.status_code == 200, r.text
    return dict(r.json())


def _set_password(tenant: Tenant, email: str, password: str) -> httpx.Response:
    token = tenant.link_token(email, "reset")
    return tenant.http.post("/app/v1/password/reset", json={"token": token, "password": password})


def _logs_in(tenant: Tenant, email: str, password: str) -> bool:
    return "access_token" in tenant.login(email, password).json()


def _link_sent(tenant: Tenant, email: str, answer: dict[str, str]) -> None:
    """The outcome without proof: activated, a set-password link to the invited address, the broker told so."""
    assert (answer["state"], answer["password"]) == ("aktiv", "link_sent")
    assert answer["message"].startswith(LINK_SENT)
    mail = tenant.latest(email, "reset")
    assert mail["to"] == email and "Passwort festlegen" in mail["subject"]
    assert mail["links"][0].startswith("kundenapp://passwort-zuruecksetzen?token=")


def test_a_strangers_registration_alone_never_logs_in_after_manual_activation(tenant: Tenant) -> None:
    """The attack: the owner never registered; a stranger registers the invited address, the broker activates."""
    email, external_id = _invited(tenant)
    assert tenant.register(email, ATTACKER_PASSWORD).status_code == 202  # address and Makler-ID are enough
    answer = _activate(tenant, external_id)
    assert not _logs_in(tenant, email, ATTACKER_PASSWORD)
    _link_sent(tenant, email, answer)
    # The mailbox owner sets the password with the link that went to the invited address.
    assert _set_password(tenant, email, OWNER_PASSWORD).status_code == 200
    assert _logs_in(tenant, email, OWNER_PASSWORD)
    assert not _logs_in(tenant, email, ATTACKER_PASSWORD)


def test_the_customer_who_registered_from_the_invitation_logs_in_after_manual_activation(tenant: Tenant) -> None:
    """The article's promise (Registrierung): registered from the invitation, never confirmed, the broker activates."""
    email, external_id = _invited(tenant)
    assert tenant.register(email, OWNER_PASSWORD, invitation=tenant.link_token(email, "invitation")).status_code == 202
    answer = _activate(tenant, external_id)
    assert (answer["state"], answer["password"]) == ("aktiv", "adopted")
    assert answer["message"].startswith(ADOPTED)
    assert _logs_in(tenant, email, OWNER_PASSWORD)
    notice = tenant.latest(email)
    assert notice["kind"] == "notice" and "aktiviert" in notice["subject"] and not notice["links"]


@pytest.mark.parametrize("stranger_first", [True, False], ids=["stranger first", "owner first"])
def test_owner_from_the_invitation_and_a_stranger_only_the_owners_password_is_adopted(
    tenant: Tenant, stranger_first: bool
) -> None:
    """The ambiguous case: both registered; the registration that proved the mailbox decides, in either order."""
    email, external_id = _invited(tenant)
    secret = tenant.link_token(email, "invitation")
    registrations = [(ATTACKER_PASSWORD, None), (OWNER_PASSWORD, secret)]
    for password, invitation in registrations if stranger_first else reversed(registrations):
        assert tenant.register(email, password, invitation=invitation).status_code == 202
    assert _activate(tenant, external_id)["password"] == "adopted"
    assert _logs_in(tenant, email, OWNER_PASSWORD)
    assert not _logs_in(tenant, email, ATTACKER_PASSWORD)


def test_owner_and_stranger_both_without_the_invitation_neither_password_is_adopted(tenant: Tenant) -> None:
    email, external_id = _invited(tenant)
    tenant.register(email, OWNER_PASSWORD)
    tenant.register(email, ATTACKER_PASSWORD)
    _link_sent(tenant, email, _activate(tenant, external_id))
    # The newest registration's password hears "nicht bestätigt", as on any address; neither logs in.
    owner, attacker = (tenant.login(email, p) for p in (OWNER_PASSWORD, ATTACKER_PASSWORD))
    assert (owner.status_code, attacker.status_code) == (401, 403)


def test_the_secret_of_another_invitation_proves_nothing(tenant: Tenant) -> None:
    """A stranger invited by the same broker (or another one) sends their own invitation's secret."""
    email, external_id = _invited(tenant)
    stranger, _ = _invited(tenant)
    assert (
        tenant.register(email, ATTACKER_PASSWORD, invitation=tenant.link_token(stranger, "invitation")).status_code
        == 202
    )
    _link_sent(tenant, email, _activate(tenant, external_id))
    assert not _logs_in(tenant, email, ATTACKER_PASSWORD)
    # The stranger's own secret was not spent by the misuse: it still proves the stranger's own mailbox.
    (row,) = [e for e in tenant.externe("eingeladen") if e["email"] == stranger]
    tenant.register(stranger, PASSWORD, invitation=tenant.link_token(stranger, "invitation"))
    assert _activate(tenant, int(row["id"]))["password"] == "adopted"


def test_a_spent_secret_proves_nothing_a_second_time(tenant: Tenant) -> None:
    """Single use: the owner's registration spends the secret; a replay of the link proves nothing."""
    email, external_id = _invited(tenant)
    secret = tenant.link_token(email, "invitation")
    tenant.register(email, OWNER_PASSWORD, invitation=secret)
    tenant.register(email, ATTACKER_PASSWORD, invitation=secret)
    assert _activate(tenant, external_id)["password"] == "adopted"
    assert _logs_in(tenant, email, OWNER_PASSWORD)
    assert not _logs_in(tenant, email, ATTACKER_PASSWORD)


def test_an_expired_secret_proves_nothing(tenant: Tenant) -> None:
    """The invitation's secret expires after 14 days (the link still pre-fills the Makler-ID)."""
    email, external_id = _invited(tenant)
    tenant.advance(14 * 24 * 3600)
    tenant.register(email, OWNER_PASSWORD, invitation=tenant.link_token(email, "invitation"))
    _link_sent(tenant, email, _activate(tenant, external_id))


def test_the_secret_just_before_it_expires_still_proves_the_mailbox(tenant: Tenant) -> None:
    email, external_id = _invited(tenant)
    tenant.advance(14 * 24 * 3600 - 1)
    tenant.register(email, OWNER_PASSWORD, invitation=tenant.link_token(email, "invitation"))
    assert _activate(tenant, external_id)["password"] == "adopted"


def test_a_new_invitation_brings_a_new_secret_and_the_older_one_still_works(tenant: Tenant) -> None:
    email, external_id = _invited(tenant)
    first = tenant.link_token(email, "invitation")
    customer_id = next(e["customer_id"] for e in tenant.externe() if e["email"] == email)
    tenant.invite(customer_id)
    assert tenant.link_token(email, "invitation") != first
    tenant.register(email, OWNER_PASSWORD, invitation=first)
    assert _activate(tenant, external_id)["password"] == "adopted"


@pytest.mark.parametrize("secret", ["own", "foreign", "made up", "none"])
def test_register_answers_alike_with_or_without_a_secret(tenant: Tenant, secret: str) -> None:
    """No enumeration: the secret changes nothing in the answer, for invited and other addresses alike."""
    invited, _ = _invited(tenant)
    other, _ = _invited(tenant)
    secrets = {
        "own": tenant.link_token(invited, "invitation"),
        "foreign": tenant.link_token(other, "invitation"),
        "made up": "x" * 43,
        "none": None,
    }
    plain = tenant.register(tenant.email(), PASSWORD)
    answer = tenant.register(invited, PASSWORD, invitation=secrets[secret])
    assert (answer.status_code, answer.json()) == (plain.status_code, plain.json())


def test_a_seeded_invited_password_counts_only_with_from_invitation(tenant: Tenant) -> None:
    """World files: an invited account's password is adopted only when the world says it came from the invitation."""
    customer = tenant.customer("Erika Muster", tenant.email())
    for from_invitation, outcome in ((True, "adopted"), (False, "link_sent")):
        email = tenant.email()
        body = {
            "makler_id": tenant.makler_id,
            "customer_id": customer["id"],
            "email": email,
            "state": "eingeladen",
            "password": OWNER_PASSWORD,
            "from_invitation": from_invitation,
        }
        seeded = tenant.http.put("/test/v1/externals", json=body)
        assert seeded.status_code == 200, seeded.text
        assert _activate(tenant, seeded.json()["id"])["password"] == outcome
        assert _logs_in(tenant, email, OWNER_PASSWORD) is (outcome == "adopted")


def test_an_account_activated_without_a_password_can_ask_for_the_link_again(tenant: Tenant) -> None:
    """No dead end: the set-password mail got lost; "Passwort vergessen" sends another link."""
    email, external_id = _invited(tenant)
    _activate(tenant, external_id)
    tenant.http.delete(f"/test/v1/mailbox/{email}")
    forgot = tenant.http.post("/app/v1/password/forgot", json={"email": email, "makler_id": tenant.makler_id})
    assert forgot.status_code == 202
    assert _set_password(tenant, email, OWNER_PASSWORD).status_code == 200
    assert _logs_in(tenant, email, OWNER_PASSWORD)


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
