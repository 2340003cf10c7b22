# language: de
@fehlerberichte
Funktionalität: Fehlerberichte nachgestellt – der Kunde kann sich nicht registrieren
  Jedes Szenario lädt eine Welt-Datei aus examples/worlds/ (die Lage aus dem Bericht),
  zeigt das Symptom und geht die Abhilfe des Hilfeartikels durch.

  @reg_email @android
  Szenario: „Es kommt keine Bestätigungsmail“ – registriert mit einer anderen als der eingeladenen Adresse
    Angenommen die Ausgangslage aus "reg_email.yaml"
    Dann hat "peter.privat@example.org" eine E-Mail mit dem Hinweis "keine Einladung" erhalten
    Und der Makler sieht "Peter Vater" unter Externe → Eingeladene
    Wenn er sich mit dem Passwort "Sommer!2026" registriert
    Und er die Registrierung über den Link aus der Bestätigungs-E-Mail bestätigt
    Und er sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann ist er in der App angemeldet

  @reg_password @ios
  Szenario: „Die App nimmt mein Passwort nicht“ – Großbuchstabe und Sonderzeichen fehlen
    Angenommen die Ausgangslage aus "reg_password.yaml"
    Wenn er das Registrierungsformular mit dem Passwort "sommer2026" ausfüllt
    Dann zeigt die Checkliste die Regeln "upper" und "special" als nicht erfüllt
    Wenn er die Registrierung absendet
    Dann ist die Registrierung abgelehnt
    Wenn er sich mit dem Passwort "Sommer!2026" registriert
    Dann bestätigt die App die Registrierung

  @reg_activate @android
  Szenario: „Registriert, aber ich kann mich nicht anmelden“ – der Makler aktiviert unter Externe → Eingeladene
    Angenommen die Ausgangslage aus "reg_activate.yaml"
    Dann ist bei der Anmeldung die Makler-ID "MK204705" eingetragen
    Wenn er sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann zeigt die Anmeldung den Fehler "nicht bestätigt"
    Und der Makler sieht "Peter Vater" unter Externe → Eingeladene
    Wenn der Makler "Peter Vater" unter Externe → Eingeladene aktiviert
    Und er sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann ist er in der App angemeldet
