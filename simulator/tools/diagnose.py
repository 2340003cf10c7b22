"""Walk the help article's checklist for one customer e-mail and name the documented cases that apply.

Input is the backend's state (test-control export: accounts, mails, attempts
with the password rules a registration was refused for, faults) and, for a world
file, the customer's phone, which the backend cannot know.
Order and remedies follow the article ("Kunde hat technische Probleme mit
der Kunden-App"); case ids are those of ``simulator.registry``.

One module of about 400 lines on purpose: the checklist reads top to bottom in the article's
order, each case's check next to the next one's; split by case, that order would be lost.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from simulator.app.behaviours import SHARED_RESTART, UNUSABLE_MEMORY, UNUSABLE_SESSION, is_active
from simulator.app.versions import version_lt
from simulator.registry import BACKEND_BEHAVIOURS, FIXED_IN
from simulator.spec import api
from simulator.spec.passwords import RULES
from simulator.spec.vocabulary import INBOX, AccountState, folder_label
from simulator.tools.cases import CASES, CLOSE_COMPLETELY, NEEDS_PHONE, ORDER
from simulator.tools.phone import remembered_makler_id
from simulator.world.checks import norm_email, norm_makler_id, phone_of
from simulator.world.schema import World, WorldPhone

ACTIONS = {"login": "Anmeldeversuche", "register": "Registrierungsversuche", "forgot": "Passwort-vergessen-Anfragen"}
PLATFORMS = {"android": "Android", "ios": "iOS"}
LINK_STATES = {"open": "Link noch gültig", "used": "Link schon benutzt", "expired": "Link abgelaufen"}


@dataclass(frozen=True)
class Finding:
    """A documented case that applies: "befund" (shown by the data) or "hinweis" (likely, worth asking)."""

    case: str
    detail: str
    makler_id: str | None
    certainty: Literal["befund", "hinweis"] = "befund"

    def remedy(self, platform: str | None) -> list[str]:
        """The article's remedy, with how to close the app completely on this platform."""
        steps = list(CASES[self.case].remedy)
        if CASES[self.case].close_completely:
            platforms = [platform] if platform in CLOSE_COMPLETELY else list(CLOSE_COMPLETELY)
            steps += [f"Komplett schließen – {CLOSE_COMPLETELY[p]}" for p in platforms]
        return steps


@dataclass(frozen=True)
class Subject:
    """One account (Externer) of the address, with its broker and customer from the export."""

    broker: api.ExportBroker
    customer: api.ExportCustomer
    external: api.ExportExternal

    @property
    def makler_id(self) -> str:
        """The broker's Makler-ID."""
        return self.broker["makler_id"]

    @property
    def state(self) -> AccountState:
        """The account's state."""
        return AccountState(self.external["state"])

    def minimums(self, platform: str) -> api.Minimums:
        """The broker's minimums on a platform (KeyError for an unknown one)."""
        settings = self.broker["min_versions"]
        return {"android": settings["android"], "ios": settings["ios"]}[platform]


@dataclass
class Diagnosis:
    """What was checked and what was found, in the article's order."""

    email: str
    subjects: list[Subject] = field(default_factory=list)
    phone: WorldPhone | None = None
    findings: list[Finding] = field(default_factory=list)
    known: bool = True  # False: no account and no trace of this address at all
    unseen: list[str] = field(default_factory=list)  # cases that need the phone, which this diagnosis lacks


@dataclass(frozen=True)
class Context:
    """The address, the backend state, and what only a world file knows."""

    email: str
    state: api.Export
    world: World | None
    phone: WorldPhone | None

    def attempts(self, action: str | None = None) -> list[api.Attempt]:
        """Counted attempts of this address."""
        found = [a for a in self.state["attempts"] if norm_email(a["email"]) == norm_email(self.email)]
        return [a for a in found if action is None or a["action"] == action]

    def mails(self, kind: str, makler_id: str | None = None) -> list[api.ExportMail]:
        """Mails of one kind to this address (of one broker), oldest first."""
        found = [m for m in self.state["mails"] if norm_email(m["to"]) == norm_email(self.email) and m["kind"] == kind]
        return [m for m in found if makler_id is None or m["makler_id"] == makler_id]


def diagnose(state: api.Export, email: str, world: World | None = None) -> Diagnosis:
    """The findings for one address, from an export and (optionally) the world file it came from."""
    phone = phone_of(world, email) if world is not None else None  # None: the world's phones are others'
    ctx = Context(email, state, world, phone)
    result = Diagnosis(email, subjects=_subjects_of(ctx), phone=phone)
    findings: list[Finding] = []
    for subject in result.subjects:
        for check in (_updates, _makler_id, _spam, _registration, _login, _behaviours, _sharing):
            findings += check(ctx, subject)
    if not result.subjects:
        findings += _no_account(ctx)
        result.known = bool(findings or ctx.attempts() or [m for m in state["mails"] if _to(m, email)])
    result.findings = sorted(findings, key=lambda f: (ORDER.index(f.case), f.certainty != "befund"))
    if phone is None:
        result.unseen = [case for case in NEEDS_PHONE if case not in {f.case for f in result.findings}]
    return result


def _affected(behaviour: str) -> str:
    """Which builds have a behaviour's defect, in words (the versions from ``simulator.registry.FIXED_IN``)."""
    return f"Builds vor {FIXED_IN[behaviour]}; behoben ab {FIXED_IN[behaviour]}"


def _to(mail: api.ExportMail, email: str) -> bool:
    return norm_email(mail["to"]) == norm_email(email)


def _updates(ctx: Context, s: Subject) -> Iterator[Finding]:
    phone = ctx.phone
    if phone is not None and phone.installed:
        mins = s.minimums(phone.platform)
        if version_lt(phone.os, mins["min_os_version"]):
            yield Finding(
                "update-os",
                f"Auf dem Telefon läuft {PLATFORMS[phone.platform]} {phone.os}; Makler {s.makler_id} verlangt "
                f"mindestens {mins['min_os_version']}. Die App zeigt „Update erforderlich“.",
                s.makler_id,
            )
        if version_lt(phone.app_version, mins["min_app_version"]):
            yield Finding(
                "update-app",
                f"Installiert ist Kunden-App {phone.app_version}; Makler {s.makler_id} verlangt mindestens "
                f"{mins['min_app_version']}. Die App zeigt „Update erforderlich“.",
                s.makler_id,
            )
        return
    used = [(x["platform"], x["app_version"]) for x in s.external["sessions"] if x["app_version"]]
    if phone is None and used:
        platform, app_version = used[-1]
        minimum = s.minimums(platform)["min_app_version"]
        if version_lt(app_version, minimum):
            yield Finding(
                "update-app",
                f"Zuletzt angemeldet mit Kunden-App {app_version} ({PLATFORMS.get(platform, '?')}); "
                f"Makler {s.makler_id} verlangt mindestens {minimum}.",
                s.makler_id,
                "hinweis",
            )


def _makler_id(ctx: Context, s: Subject) -> Iterator[Finding]:
    own = {norm_makler_id(x.makler_id) for x in _subjects_of(ctx)} or {s.makler_id}
    problems = []
    remembered = remembered_makler_id(ctx.world, ctx.phone) if ctx.world is not None and ctx.phone is not None else None
    if remembered is not None and norm_makler_id(remembered) != s.makler_id:
        problems.append(f"In der App ist die Makler-ID „{remembered}“ hinterlegt.")
    brokers = {b["makler_id"] for b in ctx.state["brokers"]}
    for attempt in ctx.attempts():
        if attempt["makler_id"] not in own:
            whose = "gehört zu einem anderen Makler" if attempt["makler_id"] in brokers else "gibt es nicht"
            count = "zu viele, zurzeit gesperrt" if attempt["locked"] else str(attempt["failures"])
            problems.append(
                f"{ACTIONS[attempt['action']]} mit der Makler-ID „{attempt['makler_id']}“ ({whose}): {count}."
            )
    if problems:
        yield Finding("makler-id", " ".join(problems) + f" Richtig ist {s.makler_id}.", s.makler_id)


def _subjects_of(ctx: Context) -> list[Subject]:
    """Every account with this address, at any broker."""
    return [
        Subject(b, c, x)
        for b in ctx.state["brokers"]
        for c in b["customers"]
        for x in c["externals"]
        if norm_email(x["email"]) == norm_email(ctx.email)
    ]


def _spam(ctx: Context, s: Subject) -> Iterator[Finding]:
    invitations = ctx.mails("invitation", s.makler_id)
    if s.state != AccountState.INVITED or not invitations or invitations[-1]["folder"] == INBOX:
        return
    folder = folder_label(invitations[-1]["folder"])
    why = "" if s.broker["sender_authenticated"] else " Der Absender des Maklers ist nicht authentifiziert (SPF/DKIM)."
    domain = ctx.email.rpartition("@")[2]
    yield Finding(
        "spam",
        f"Die Einladungsemail an {ctx.email} liegt im Ordner „{folder}“ (Anbieter von {domain}), nicht im "
        f"Posteingang.{why}",
        s.makler_id,
    )


def _registration(ctx: Context, s: Subject) -> Iterator[Finding]:
    if s.state != AccountState.INVITED:
        return
    if s.external["registered"]:
        confirmations = ctx.mails("confirmation", s.makler_id)
        where = ""
        if confirmations:
            last = confirmations[-1]
            state = LINK_STATES.get(last["link_state"] or "", "")
            folder = folder_label(last["folder"])
            where = f" Die Bestätigungsmail liegt im Ordner „{folder}“{f' ({state})' if state else ''}."
        activation = (
            " Manuell aktiviert, gilt sein Passwort (die Registrierung kam über den Link der Einladung)."
            if s.external["from_invitation"]
            else " Manuell aktiviert, gilt noch kein Passwort: Die Registrierung kam nicht über den Link der "
            "Einladung, daher geht ein Link zum Festlegen des Passworts an die eingeladene Adresse."
        )
        yield Finding(
            "reg-activate",
            f"Der Kunde hat sich registriert, die Bestätigung aber nie abgeschlossen: der Zugang steht noch auf "
            f"„eingeladen“.{where}{activation}",
            s.makler_id,
        )
        return
    found = list(_other_addresses(ctx, s)) + list(_weak_passwords(ctx, s))
    yield from found
    if not found and not list(_spam(ctx, s)):
        note = f"Der Zugang {ctx.email} ist eingeladen, aber noch nicht registriert."
        yield Finding("reg-email", note + f" Registrieren muss er sich mit {ctx.email}.", s.makler_id, "hinweis")
        yield Finding("reg-password", note + " Scheitert es am Passwort?", s.makler_id, "hinweis")


def _other_addresses(ctx: Context, s: Subject) -> Iterator[Finding]:
    invited = {norm_email(x["email"]) for c in s.broker["customers"] for x in c["externals"]}
    tried = sorted(
        {
            a["email"]
            for a in ctx.state["attempts"]
            if a["action"] == "register" and a["makler_id"] == s.makler_id and norm_email(a["email"]) not in invited
        }
    )
    if tried:
        yield Finding(
            "reg-email",
            f"Bei Makler {s.makler_id} wurde die Registrierung mit {', '.join(tried)} versucht; an "
            f"{'diese Adresse' if len(tried) == 1 else 'diese Adressen'} ging keine Einladung. "
            f"Eingeladen wurde {s.external['email']}.",
            s.makler_id,
        )


def _weak_passwords(ctx: Context, s: Subject) -> Iterator[Finding]:
    for attempt in ctx.attempts("register"):
        if attempt["refused"] and norm_makler_id(attempt["makler_id"]) == s.makler_id:
            rules = ", ".join(rule.text for rule in RULES if rule.id in attempt["refused"])
            yield Finding(
                "reg-password",
                f"Die Registrierung in der App scheiterte am Passwort; verletzt: {rules}.",
                s.makler_id,
            )
            return


def _login(ctx: Context, s: Subject) -> Iterator[Finding]:
    state = s.state
    if state == AccountState.DEACTIVATED:
        yield Finding(
            "login-deactivated",
            f"Der Zugang {s.external['email']} ist deaktiviert (Administration → Externe → Deaktiviert); laufende "
            "Sitzungen wurden beendet, ein neues Passwort ändert daran nichts.",
            s.makler_id,
        )
        return
    failed = [a for a in ctx.attempts("login") if a["makler_id"] == s.makler_id and (a["failures"] or a["locked"])]
    if state != AccountState.ACTIVE or not failed:
        return
    attempt = failed[-1]
    failures = attempt["failures"]
    count = "Eine fehlgeschlagene Anmeldung" if failures == 1 else f"{failures} fehlgeschlagene Anmeldungen"
    detail = f"{count} mit der richtigen Makler-ID {s.makler_id}"
    if attempt["locked"]:
        detail = f"Zu viele fehlgeschlagene Anmeldungen mit der richtigen Makler-ID {s.makler_id}; zurzeit gesperrt"
    resets = ctx.mails("reset", s.makler_id)
    if resets:
        last = resets[-1]
        link = LINK_STATES.get(last["link_state"] or "", "?")
        detail += f". Eine Passwort-Mail liegt im Ordner „{folder_label(last['folder'])}“ ({link})"
    yield Finding("login-reset", detail + ": das Passwort stimmt nicht.", s.makler_id)


def _behaviours(ctx: Context, s: Subject) -> Iterator[Finding]:
    phone = ctx.phone
    if phone is None or not phone.installed or not phone.logged_in or ctx.world is None:
        return
    version = phone.app_version

    def active(name: str) -> bool:
        return is_active(name, version, phone.behaviours)

    outage = [
        f
        for f in ctx.state["faults"]
        if (f["outage_requests"] or f["outage_seconds"]) and f["makler_id"] in (None, s.makler_id)
    ]
    if outage and active(UNUSABLE_MEMORY):
        yield Finding(
            "unusable-memory",
            f"Das Backend von Makler {s.makler_id} ist ausgefallen (Störung); Kunden-App {version} bleibt danach im "
            f"Fehlerzustand „Es ist ein Fehler aufgetreten.“ hängen und lädt nicht neu ({_affected(UNUSABLE_MEMORY)}).",
            s.makler_id,
        )
    if phone.session == "revoked" and active(UNUSABLE_SESSION):
        yield Finding(
            "unusable-session",
            f"Die gespeicherte Sitzung ist auf dem Server ungültig; Kunden-App {version} zeigt „Sitzung konnte "
            f"nicht geladen werden.“ statt der Anmeldung, auch nach einem Neustart ({_affected(UNUSABLE_SESSION)}).",
            s.makler_id,
        )
    later = [
        c.name
        for b in ctx.world.brokers
        if norm_makler_id(b.makler_id) == s.makler_id
        for c in b.customers
        for k in c.contacts
        if k.added == "after_app_start" and k.kundenportal and k.email and norm_email(k.email) == norm_email(ctx.email)
    ]
    if later and active(SHARED_RESTART):
        yield Finding(
            "shared-restart",
            f"Freigegeben, während die App lief: {', '.join(later)}. Kunden-App {version} lädt die Kundenliste nur "
            f"beim Start ({_affected(SHARED_RESTART)}).",
            s.makler_id,
        )


def _sharing(ctx: Context, s: Subject) -> Iterator[Finding]:
    email, own = norm_email(ctx.email), s.customer
    for other in s.broker["customers"]:
        if other["id"] == own["id"]:
            continue
        same = [k for k in other["contacts"] if k["email"] and norm_email(k["email"]) == email]
        named = [k for k in other["contacts"] if k["name"].strip().casefold() == own["name"].strip().casefold()]
        if any(k["kundenportal"] for k in same):
            continue
        for k in same or named:
            problems = []
            if not k["email"]:
                problems.append("hat keine E-Mail-Adresse")
            elif norm_email(k["email"]) != email:
                problems.append(f"hat die E-Mail-Adresse {k['email']}, der App-Zugang aber {ctx.email}")
            if not k["kundenportal"]:
                problems.append("ist nicht für das Kundenportal freigeschaltet")
            yield Finding(
                "shared-procedure",
                f"Beim Kunden „{other['name']}“: Kontakt „{k['name']}“ (Kontakte → Personen) {' und '.join(problems)}.",
                s.makler_id,
            )
    names = {c["id"]: c["name"] for c in s.broker["customers"]}
    for session in s.external["sessions"]:
        if not session["active"] or session["scope"] is None:
            continue
        missing = [names.get(i, str(i)) for i in s.external["visible_customers"] if i not in session["scope"]]
        if missing:
            yield Finding(
                "shared-relogin",
                f"Die laufende Sitzung (Kunden-App {session['app_version']}) wurde vor der Freigabe von "
                f"{', '.join(missing)} eröffnet; diese App-Version merkt sich die Kunden beim Login "
                f"({_affected(BACKEND_BEHAVIOURS[0])}).",
                s.makler_id,
            )
            return


def _no_account(ctx: Context) -> Iterator[Finding]:
    """No account with this address: registration or login with an address that was not invited."""
    brokers = {b["makler_id"]: b for b in ctx.state["brokers"]}
    tried: dict[str, set[str]] = {}
    for attempt in ctx.attempts():
        tried.setdefault(attempt["makler_id"], set()).add(attempt["action"])
    for mail in ctx.mails("notice"):
        if mail["makler_id"] is not None:
            tried.setdefault(mail["makler_id"], set()).add("register")
    for makler_id, actions in sorted(tried.items()):
        what = " und ".join(ACTIONS[a] for a in sorted(actions))
        broker = brokers.get(makler_id)
        if broker is None:
            yield Finding(
                "makler-id", f"{what} mit {ctx.email} und der Makler-ID „{makler_id}“; die gibt es nicht.", None
            )
            continue
        open_invitations = [
            x["email"]
            for c in broker["customers"]
            for x in c["externals"]
            if AccountState(x["state"]) == AccountState.INVITED and not x["registered"]
        ]
        invited = f" Offene Einladungen bei diesem Makler: {', '.join(open_invitations)}." if open_invitations else ""
        yield Finding(
            "reg-email",
            f"{what} mit {ctx.email} bei Makler {makler_id}; an diese Adresse ging aber keine Einladung.{invited}",
            makler_id,
            "befund" if "register" in actions else "hinweis",
        )
