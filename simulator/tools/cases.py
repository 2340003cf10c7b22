"""The documented cases (``simulator.registry.CASE_IDS``) with the help article's section and remedy, in German.

Source: "Kunde hat technische Probleme mit der Kunden-App" (help centre).
The order is the article's, which is also the order a supporter checks in.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.registry import CASE_IDS


@dataclass(frozen=True)
class Case:
    """One documented case: id, article section, remedy steps."""

    id: str
    section: str
    remedy: tuple[str, ...]
    close_completely: bool = False  # the remedy closes the app completely: the diagnosis says how, per platform


CLOSE_COMPLETELY = {
    "android": "Android: Übersicht der zuletzt genutzten Apps öffnen und die Kunden-App wegwischen "
    "(die Zurück-Taste schickt sie nur in den Hintergrund).",
    "ios": "iPhone: vom unteren Rand nach oben wischen, kurz halten und die Kunden-App nach oben wegschieben.",
}

_LOGOUT_LADDER = (
    "Die App komplett schließen und neu starten reicht hier nicht.",
    "In der Kunden-App abmelden: untere Menüleiste „Ich“ → „Abmelden“.",
    "Danach die App nochmal komplett schließen, wieder starten und mit den bekannten Zugangsdaten einloggen.",
)

CASES = {
    case.id: case
    for case in (
        Case(
            "update-os",
            "Allgemein (Updates)",
            ("Der Kunde installiert alle verfügbaren Updates seines Betriebssystems und startet die App danach neu.",),
        ),
        Case(
            "update-app",
            "Allgemein (Updates)",
            ("Der Kunde installiert die aktuelle Version der Kunden-App; seine Daten bleiben dabei erhalten.",),
        ),
        Case(
            "makler-id",
            "Allgemein / Login (Makler-ID)",
            (
                "Für den Login benötigt der Kunde Deine Makler-ID. Sie steht in der Einladungsemail; Du siehst sie "
                "unter „Administration“ → „Konto“ → „Kundenapp“.",
                "Am einfachsten öffnet der Kunde den Link aus der Einladungsemail: dann ist die Makler-ID schon "
                "eingetragen.",
            ),
        ),
        Case(
            "spam",
            "Allgemein (Einladungsemail)",
            (
                "Der Kunde sucht die Einladungsemail im Spam-Ordner (bei manchen E-Mail-Anbietern „Junk“) und "
                "nutzt sie von dort.",
            ),
        ),
        Case(
            "reg-email",
            "Dein Kunde kann sich nicht registrieren",
            (
                "Die E-Mail-Adresse, über die Du den Kunden eingeladen hast, ist auch für die Anmeldung in der "
                "Kunden-App nötig: der Kunde registriert sich mit genau dieser Adresse.",
            ),
        ),
        Case(
            "reg-password",
            "Dein Kunde kann sich nicht registrieren",
            (
                "Das Passwort muss mind. 8 Stellen, mind. einen Kleinbuchstaben, mind. einen Großbuchstaben, "
                "mind. eine Zahl und mind. ein Sonderzeichen haben.",
            ),
        ),
        Case(
            "reg-activate",
            "Dein Kunde kann sich nicht registrieren",
            ("Als Admin aktivierst Du den Kunden manuell unter „Administration“ → „Externe“ → „Eingeladene“.",),
        ),
        Case(
            "login-reset",
            "Dein Kunde kann sich nicht einloggen, Schritt 1",
            (
                "Der Kunde nutzt bei der Anmeldung in der Kunden-App „Passwort vergessen“, bekommt eine E-Mail "
                "und legt ein neues Passwort fest.",
            ),
        ),
        Case(
            "login-deactivated",
            "Dein Kunde kann sich nicht einloggen, Schritt 2",
            (
                "„Passwort vergessen“ hilft hier nicht: der Kunde ist unter „Administration“ → „Externe“ → "
                "„Deaktiviert“ gesperrt.",
                "Dort aktivierst Du ihn über das 3-Punkte-Menü wieder.",
            ),
        ),
        Case(
            "unusable-memory",
            "Dein Kunde kann plötzlich die Kunden-App nicht mehr nutzen, Schritt 1",
            ("Der Kunde schließt die App komplett und startet sie wieder; in den Hintergrund schicken reicht nicht.",),
            close_completely=True,
        ),
        Case(
            "unusable-session",
            "Dein Kunde kann plötzlich die Kunden-App nicht mehr nutzen, Schritte 2–3",
            _LOGOUT_LADDER,
            close_completely=True,
        ),
        Case(
            "shared-procedure",
            "Dein Kunde sieht nur seine Verträge, Schritt 1",
            (
                "Prüfe die Vorgehensweise: beim jeweiligen Kunden unter „Kontakte“ → „Personen“ die Person mit "
                "derselben E-Mail-Adresse wie den App-Zugang anlegen und über das 3-Punkte-Menü → „Bearbeiten“ "
                "für das Kundenportal freischalten.",
                "Anschließend schließt der Kunde die App einmal komplett und startet sie wieder.",
            ),
            close_completely=True,
        ),
        Case(
            "shared-restart",
            "Dein Kunde sieht nur seine Verträge, Schritt 2",
            ("Der Kunde schließt die Kunden-App einmal komplett und startet sie dann wieder.",),
            close_completely=True,
        ),
        Case(
            "shared-relogin", "Dein Kunde sieht nur seine Verträge, Schritte 3–4", _LOGOUT_LADDER, close_completely=True
        ),
    )
}

ORDER = CASE_IDS  # CASES has one entry per registry id (tests/test_registry.py)

# What only the customer's phone (a world file's ``phone:``, its history and faults) shows: without
# it these cases cannot be seen, and a diagnosis says so instead of "nothing applies".
NEEDS_PHONE = {
    "update-os": "die Betriebssystem-Version des Telefons",
    "update-app": "die installierte App-Version (ohne Telefon nur ein Hinweis aus der letzten Anmeldung)",
    "makler-id": "die in der App hinterlegte Makler-ID",
    "unusable-memory": "der Zustand der laufenden App nach einer Störung",
    "unusable-session": "die auf dem Telefon gespeicherte Sitzung",
    "shared-restart": "ob die App seit der Freigabe durchläuft",
}
