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
  Szenariogrundriss: Registriert mit <andere>: keine Bestätigung, keine Anmeldung – die eingeladene Adresse hilft, <schreibweise>
    Angenommen "Peter Vater" hat ein Android-Telefon mit der Kunden-App 4.0.0
    Wenn er sich mit <andere> registriert
    Dann bestätigt die App die Registrierung
    Und die andere Adresse erhält den Hinweis "keine Einladung"
    Und er erhält keine Bestätigungs-E-Mail
    Wenn er sich mit der anderen Adresse anmeldet
    Dann zeigt die Anmeldung den Fehler "nicht bestätigt"
    Und der Makler sieht "Peter Vater" unter Externe → Eingeladene
    Wenn er sich mit der eingeladenen Adresse (<schreibweise>) registriert
    Und er die Registrierung über den Link aus der Bestätigungs-E-Mail bestätigt
    Und er sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann ist er in der App angemeldet

    Beispiele:
      | andere                                            | schreibweise                     |
      | seiner privaten Adresse                           | wie in der Einladung             |
      | der eingeladenen Adresse bei einer anderen Domain | in Großbuchstaben                |
      | der eingeladenen Adresse mit einem Tippfehler     | mit Leerzeichen davor und danach |

  @reg_password @android
  Szenariogrundriss: Eine Regel knapp verfehlt („<passwort>“, <regel>): Checkliste und Server lehnen ab, das Passwort gilt auch später nicht
    Angenommen "Peter Vater" hat ein Android-Telefon mit der Kunden-App 4.0.0
    Wenn er das Registrierungsformular mit dem Passwort "<passwort>" ausfüllt
    Dann zeigt die Checkliste die Regel "<regel>" als nicht erfüllt
    Wenn er die Registrierung absendet
    Dann ist die Registrierung abgelehnt
    Und er erhält keine Bestätigungs-E-Mail
    Wenn er sich mit dem Passwort "<passwort>" anmeldet
    Dann zeigt die Anmeldung den Fehler "E-Mail, Passwort oder Makler-ID ist falsch."

    Beispiele:
      | passwort  | regel   |
      | Ab1!efg   | length  |
      | ABCDEFG1! | lower   |
      | abcdefg1! | upper   |
      | Abcdefgh! | digit   |
      | Abcdefgh1 | special |
      | Abcdef 1g | special |
      | Äbcdefgh1 | special |

  @reg_password @android
  Szenariogrundriss: Eine Regel genau erfüllt („<passwort>“, <regel>): der Server nimmt das Passwort an, es gilt bei der Anmeldung
    Angenommen "Peter Vater" hat ein Android-Telefon mit der Kunden-App 4.0.0
    Wenn er das Registrierungsformular mit dem Passwort "<passwort>" ausfüllt
    Dann zeigt die Checkliste die Regel "<regel>" als erfüllt
    Wenn er die Registrierung absendet
    Dann ist die Registrierung angenommen
    Wenn er die Registrierung über den Link aus der Bestätigungs-E-Mail bestätigt
    Und er sich mit dem Passwort "<passwort>" anmeldet
    Dann ist er in der App angemeldet

    Beispiele:
      | passwort    | regel   |
      | Abcdef1!    | length  |
      | ABCDEFg1!   | lower   |
      | ABCDEß1!    | lower   |
      | Äbcdef1!    | upper   |
      | Sicher!2026 | special |

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

  @reg_activate @ios
  Szenariogrundriss: Der Bestätigungslink gilt 48 Stunden – nach <dauer> <ergebnis>
    Angenommen die Uhr des Maklers steht still
    Und "Peter Vater" hat ein iOS-Telefon mit der Kunden-App 4.0.0
    Wenn er sich mit dem Passwort "Sicher!2026" registriert
    Und er sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann zeigt die Anmeldung den Fehler "nicht bestätigt"
    Wenn <dauer> vergehen
    Und er die Registrierung über den Link aus der Bestätigungs-E-Mail bestätigt
    Dann <ergebnis>
    Wenn er sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann <anmeldung>

    Beispiele:
      | dauer                                  | ergebnis                                                          | anmeldung                                   |
      | 47 Stunden, 59 Minuten und 59 Sekunden | meldet die App die Registrierung als bestätigt                    | ist er in der App angemeldet                |
      | 48 Stunden                             | lehnt die App den Link als ungültig oder abgelaufen ab             | zeigt die Anmeldung den Fehler "nicht bestätigt" |
