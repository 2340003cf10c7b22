# language: de
@login
Funktionalität: Passwort vergessen
  Gibt es Probleme mit den Zugangsdaten, nutzt der Kunde bei der Anmeldung
  „Passwort vergessen“. Er bekommt eine E-Mail und kann ein neues Passwort festlegen.
  Der Link darin gilt nur einmal und nur eine Stunde.

  Grundlage:
    Angenommen ein Makler, der die Kunden-App anbietet
    Und der Kunde "Lena Wagner" mit einer E-Mail-Adresse bei "example.com"

  @login_reset @android
  Szenario: Neues Passwort per E-Mail – das neue gilt, das alte nicht mehr
    Angenommen "Lena Wagner" hat ein Android-Telefon mit der Kunden-App 4.0.0
    Und "Lena Wagner" hat sich in der App registriert und die Registrierung bestätigt
    Wenn sie in der App „Passwort vergessen“ mit E-Mail und Makler-ID anfordert
    Dann bestätigt die App, dass eine E-Mail unterwegs ist
    Und erhält sie eine E-Mail mit einem Link zum Zurücksetzen des Passworts
    Wenn sie über den Link aus der E-Mail das neue Passwort "Neu!Passwort7" festlegt
    Dann bestätigt die App das neue Passwort
    Wenn sie sich mit dem Passwort "Sicher!2026" anmeldet
    Dann zeigt die Anmeldung den Fehler "E-Mail, Passwort oder Makler-ID ist falsch."
    Wenn sie sich mit dem Passwort "Neu!Passwort7" anmeldet
    Dann ist sie in der App angemeldet

  @login_reset @android
  Szenario: Der Link zum Zurücksetzen gilt nur einmal
    Angenommen "Lena Wagner" hat ein Android-Telefon mit der Kunden-App 4.0.0
    Und "Lena Wagner" hat sich in der App registriert und die Registrierung bestätigt
    Wenn sie in der App „Passwort vergessen“ mit E-Mail und Makler-ID anfordert
    Dann erhält sie eine E-Mail mit einem Link zum Zurücksetzen des Passworts
    Wenn sie über den Link aus der E-Mail das neue Passwort "Neu!Passwort7" festlegt
    Dann bestätigt die App das neue Passwort
    Wenn sie denselben Link noch einmal öffnet und das Passwort "Anders!Pass8" festlegt
    Dann lehnt die App den Link als ungültig oder abgelaufen ab
    Wenn sie sich mit dem Passwort "Anders!Pass8" anmeldet
    Dann zeigt die Anmeldung den Fehler "E-Mail, Passwort oder Makler-ID ist falsch."
    Wenn sie sich mit dem Passwort "Neu!Passwort7" anmeldet
    Dann ist sie in der App angemeldet

  @login_reset @ios
  Szenariogrundriss: Der Link zum Zurücksetzen gilt eine Stunde – nach <dauer> <ergebnis>
    Angenommen die Uhr des Maklers steht still
    Und "Lena Wagner" hat ein iOS-Telefon mit der Kunden-App 4.0.0
    Und "Lena Wagner" hat sich in der App registriert und die Registrierung bestätigt
    Wenn sie in der App „Passwort vergessen“ mit E-Mail und Makler-ID anfordert
    Dann erhält sie eine E-Mail mit einem Link zum Zurücksetzen des Passworts
    Wenn <dauer> vergehen
    Und sie über den Link aus der E-Mail das neue Passwort "Neu!Passwort7" festlegt
    Dann <ergebnis>
    Wenn sie sich mit dem Passwort "<abgelehnt>" anmeldet
    Dann zeigt die Anmeldung den Fehler "E-Mail, Passwort oder Makler-ID ist falsch."
    Wenn sie sich mit dem Passwort "<gilt>" anmeldet
    Dann ist sie in der App angemeldet

    Beispiele:
      | dauer                      | ergebnis                                              | abgelehnt     | gilt          |
      | 59 Minuten und 59 Sekunden | bestätigt die App das neue Passwort                   | Sicher!2026   | Neu!Passwort7 |
      | 60 Minuten                 | lehnt die App den Link als ungültig oder abgelaufen ab | Neu!Passwort7 | Sicher!2026   |
