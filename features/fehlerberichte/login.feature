# language: de
@fehlerberichte
Funktionalität: Fehlerberichte nachgestellt – der Kunde kann sich nicht einloggen
  Jedes Szenario lädt eine Welt-Datei aus examples/worlds/ (die Lage aus dem Bericht),
  zeigt das Symptom und geht die Abhilfe des Hilfeartikels durch.

  @login_reset @android
  Szenario: „Mein Passwort wird nicht mehr akzeptiert“ – Passwort vergessen hilft
    Angenommen die Ausgangslage aus "login_reset.yaml"
    Wenn er sich mit dem Passwort "Winter!2025" anmeldet
    Dann zeigt die Anmeldung den Fehler "E-Mail, Passwort oder Makler-ID ist falsch."
    Wenn er in der App „Passwort vergessen“ mit E-Mail und Makler-ID anfordert
    Dann erhält er eine E-Mail mit einem Link zum Zurücksetzen des Passworts
    Wenn er über den Link aus der E-Mail das neue Passwort "Neu!Passwort7" festlegt
    Dann bestätigt die App das neue Passwort
    Wenn er sich mit dem Passwort "Neu!Passwort7" anmeldet
    Dann ist er in der App angemeldet

  @login_deactivated @ios
  Szenario: „Auch nach Passwort vergessen komme ich nicht rein“ – der Makler aktiviert den Zugang wieder
    Angenommen die Ausgangslage aus "login_deactivated.yaml"
    Dann ist bei der Anmeldung die Makler-ID "MK204702" eingetragen
    Wenn er sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann zeigt die Anmeldung den Fehler "Dein Zugang ist gesperrt."
    Und der Makler sieht "Peter Vater" unter Externe → Deaktiviert
    Wenn er über „Passwort vergessen“ das neue Passwort "Neu!Passwort7" festlegt
    Dann bestätigt die App das neue Passwort
    Wenn er sich mit dem Passwort "Neu!Passwort7" anmeldet
    Dann zeigt die Anmeldung den Fehler "Dein Zugang ist gesperrt."
    Wenn der Makler "Peter Vater" unter Externe → Deaktiviert über das 3-Punkte-Menü wieder aktiviert
    Und er sich mit dem Passwort "Neu!Passwort7" anmeldet
    Dann ist er in der App angemeldet
    Und der Makler sieht "Peter Vater" unter Externe → Aktive
