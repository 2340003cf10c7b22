"""A diagnosis as German text for the terminal, or as JSON for tools."""

from __future__ import annotations

from typing import Any, Literal, TypedDict

from simulator.spec.vocabulary import AccountStateValue
from simulator.tools.cases import CASES, NEEDS_PHONE
from simulator.tools.diagnose import PLATFORMS, Diagnosis, Finding, Subject


class AccountJson(TypedDict):
    """One account of the address."""

    makler_id: str
    broker: str
    customer: str
    state: AccountStateValue
    registered: bool


class UnseenJson(TypedDict):
    """A case this diagnosis cannot see without the phone, and what it would need."""

    case: str
    needs: str


class FindingJson(TypedDict):
    """A documented case that applies, with the article's section and remedy."""

    case: str
    certainty: Literal["befund", "hinweis"]
    section: str
    detail: str
    remedy: list[str]
    makler_id: str | None


class ReportJson(TypedDict):
    """``diagnose --json``."""

    email: str
    known: bool
    accounts: list[AccountJson]
    phone: dict[str, Any] | None  # the world file's phone section as it was read (simulator.world.schema.WorldPhone)
    cases: list[str]
    unseen: list[UnseenJson]
    findings: list[FindingJson]


def _subject(s: Subject) -> str:
    registered = "registriert" if s.external["registered"] else "nicht registriert"
    return (
        f"Zugang bei Makler {s.makler_id} ({s.broker['name']}): Kunde „{s.customer['name']}“, "
        f"Zustand {s.external['state']}, {registered}"
    )


def _phone(d: Diagnosis) -> str | None:
    phone = d.phone
    if phone is None:
        return None
    if not phone.installed:
        return f"Telefon: {PLATFORMS[phone.platform]} {phone.os}, Kunden-App nicht installiert"
    logged = "angemeldet" if phone.logged_in else "nicht angemeldet"
    if phone.logged_in and phone.session == "revoked":
        logged += " (Sitzung serverseitig ungültig)"
    return f"Telefon: {PLATFORMS[phone.platform]} {phone.os}, Kunden-App {phone.app_version}, {logged}"


def platform(d: Diagnosis) -> str | None:
    """The customer's platform when the phone is known."""
    return d.phone.platform if d.phone is not None else None


def as_text(d: Diagnosis) -> str:
    """The terminal report: what was checked, then each case with what was found and the remedy."""
    lines = [f"Diagnose für {d.email}"]
    lines += [f"  {_subject(s)}" for s in d.subjects]
    phone = _phone(d)
    if phone:
        lines.append(f"  {phone}")
    if not d.subjects:
        lines.append("  Kein Zugang (Externer) mit dieser Adresse.")
    lines.append("")
    if not d.known:
        lines.append("Zu dieser Adresse gibt es weder einen Zugang noch Spuren (Versuche, Mails). Tippfehler?")
        return "\n".join(lines) + "\n"
    if not d.findings:
        lines.append(
            "Keiner der Fälle, die ohne Telefon zu sehen sind, trifft zu."
            if d.unseen
            else "Keiner der dokumentierten Fälle trifft zu."
        )
    else:
        lines.append(f"Gefunden: {len(d.findings)}")
        for number, finding in enumerate(d.findings, 1):
            lines += ["", *_finding(number, finding, platform(d))]
    if d.unseen:
        lines += ["", "Ohne das Telefon des Kunden nicht zu sehen:"]
        lines += [f"  [{case}] {CASES[case].section}: {NEEDS_PHONE[case]}" for case in d.unseen]
        lines.append("  Dafür die Ausgangslage als Welt-Datei mit phone: beschreiben (docs/fehlerbericht.md).")
    return "\n".join(lines) + "\n"


def _finding(number: int, f: Finding, on: str | None) -> list[str]:
    kind = "" if f.certainty == "befund" else " (Hinweis)"
    lines = [f"{number}. [{f.case}]{kind} {CASES[f.case].section}", f"   Befund: {f.detail}", "   Abhilfe:"]
    lines += [f"     {i}. {step}" for i, step in enumerate(f.remedy(on), 1)]
    return lines


def as_json(d: Diagnosis) -> ReportJson:
    """The report as data: accounts, phone, cases and findings with section and remedy."""
    return {
        "email": d.email,
        "known": d.known,
        "accounts": [
            {
                "makler_id": s.makler_id,
                "broker": s.broker["name"],
                "customer": s.customer["name"],
                "state": s.external["state"],
                "registered": s.external["registered"],
            }
            for s in d.subjects
        ],
        "phone": d.phone.model_dump() if d.phone is not None else None,
        "cases": sorted({f.case for f in d.findings}, key=list(CASES).index),
        "unseen": [{"case": case, "needs": NEEDS_PHONE[case]} for case in d.unseen],
        "findings": [
            {
                "case": f.case,
                "certainty": f.certainty,
                "section": CASES[f.case].section,
                "detail": f.detail,
                "remedy": f.remedy(platform(d)),
                "makler_id": f.makler_id,
            }
            for f in d.findings
        ],
    }
