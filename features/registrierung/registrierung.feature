# language: de
@registrierung
Funktionalität: Registrierung (erste Anmeldung)
  Die E-Mail-Adresse, über die der Makler eingeladen hat, ist auch für die Anmeldung
  in der Kunden-App nötig. Das Passwort muss fünf Voraussetzungen erfüllen.
  Aktiviert der Makler manuell, gilt das Passwort der Registrierung nur, wenn sie über
  den Link der Einladung kam: Nur wer das Postfach liest, kennt ihn.

  Grundlage:
    Angenommen ein Makler, der die Kunden-App anbietet
    Und der Kunde "Peter Vater" mit einer E-Mail-Adresse bei "example.com"
    Und der Makler hat "Peter Vater" zur Kunden-App eingeladen

  @reg_email @android
  Szenario: Registrierung mit einer anderen als der eingeladenen Adresse scheitert
    Angenommen "Peter Vater" hat ein Android-Telefon mit der Kunden-App 4.0.0
    Wenn er sich mit einer anderen als der eingeladenen E-Mail-Adresse registriert
    Dann bestätigt die App die Registrierung
    Und die andere Adresse erhält den Hinweis "keine Einladung"
    Wenn er sich mit dem Passwort "Sicher!2026" registriert
    Und er die Registrierung über den Link aus der Bestätigungs-E-Mail bestätigt
    Und er sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann ist er in der App angemeldet

  @reg_password @android
  Szenariogrundriss: Jede Passwort-Regel wird in der Checkliste und vom Server geprüft
    Angenommen "Peter Vater" hat ein Android-Telefon mit der Kunden-App 4.0.0
    Wenn er das Registrierungsformular mit dem Passwort "<passwort>" ausfüllt
    Dann zeigt die Checkliste die Regel "<regel>" als <zustand>
    Wenn er die Registrierung absendet
    Dann ist die Registrierung <ergebnis>

    Beispiele:
      | passwort    | regel   | zustand     | ergebnis      |
      | Ab1!efg     | length  | nicht erfüllt | abgelehnt   |
      | ABCDEFG1!   | lower   | nicht erfüllt | abgelehnt   |
      | abcdefg1!   | upper   | nicht erfüllt | abgelehnt   |
      | Abcdefgh!   | digit   | nicht erfüllt | abgelehnt   |
      | Abcdefgh1   | special | nicht erfüllt | abgelehnt   |
      | Sicher!2026 | special | erfüllt       | angenommen  |

  @reg_activate @ios
  Szenario: Über die Einladung registriert, Bestätigung nie abgeschlossen – der Makler aktiviert manuell
    Angenommen "Peter Vater" hat ein iOS-Telefon mit der Kunden-App 4.0.0
    Wenn er sich über den Link aus der Einladungs-E-Mail mit dem Passwort "Sicher!2026" registriert
    Und er sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann zeigt die Anmeldung den Fehler "nicht bestätigt"
    Und der Makler sieht "Peter Vater" unter Externe → Eingeladene
    Wenn der Makler "Peter Vater" unter Externe → Eingeladene aktiviert
    Dann meldet die Aktivierung dem Makler "Passwort aus der Registrierung übernommen"
    Wenn er sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann ist er in der App angemeldet

  @reg_activate @ios @konsole
  Szenario: Der Makler aktiviert in der Makler-Konsole manuell (Externe → Eingeladene → 3-Punkte-Menü)
    Angenommen "Peter Vater" hat ein iOS-Telefon mit der Kunden-App 4.0.0
    Wenn er sich über den Link aus der Einladungs-E-Mail mit dem Passwort "Sicher!2026" registriert
    Und er sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann zeigt die Anmeldung den Fehler "nicht bestätigt"
    Und die Makler-Konsole zeigt "Peter Vater" unter Externe → Eingeladene
    Wenn der Makler in der Makler-Konsole "Peter Vater" unter Externe → Eingeladene über das 3-Punkte-Menü manuell aktiviert
    Dann meldet die Aktivierung dem Makler "Passwort aus der Registrierung übernommen"
    Wenn er sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann ist er in der App angemeldet
    Und die Makler-Konsole zeigt "Peter Vater" unter Externe → Aktive

  @reg_activate @android
  Szenario: Ohne den Link der Einladung registriert – die manuelle Aktivierung übernimmt kein Passwort, sie schickt einen Link
    Angenommen "Peter Vater" hat ein Android-Telefon mit der Kunden-App 4.0.0
    Wenn er sich mit dem Passwort "Sicher!2026" registriert
    Und er sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann zeigt die Anmeldung den Fehler "nicht bestätigt"
    Wenn der Makler "Peter Vater" unter Externe → Eingeladene aktiviert
    Dann meldet die Aktivierung dem Makler "Link zum Festlegen des Passworts gesendet"
    Und erhält er eine E-Mail mit einem Link zum Festlegen des Passworts
    Wenn er sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann zeigt die Anmeldung den Fehler "nicht bestätigt"
    Wenn er über den Link aus der E-Mail das neue Passwort "Neu!Passwort7" festlegt
    Dann bestätigt die App das neue Passwort
    Wenn er sich mit dem Passwort "Neu!Passwort7" anmeldet
    Dann ist er in der App angemeldet
