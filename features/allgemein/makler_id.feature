# language: de
@allgemein
Funktionalität: Makler-ID für den Login
  Für den Login benötigt der Kunde die Makler-ID seines Maklers. Sie steht in der
  Einladungs-E-Mail, der Makler sieht sie unter Administration → Konto → Kundenapp,
  und der Link in der Einladung trägt sie in der App ein.

  Grundlage:
    Angenommen ein Makler, der die Kunden-App anbietet
    Und der Kunde "Jonas Becker" mit einer E-Mail-Adresse bei "example.com"

  @makler_id @android
  Szenario: Ohne oder mit falscher Makler-ID scheitert der Login, die ID aus der Einladung hilft
    Angenommen "Jonas Becker" hat ein Android-Telefon mit der Kunden-App 4.0.0
    Und "Jonas Becker" hat sich in der App registriert und die Registrierung bestätigt
    Und er hat die App danach gelöscht und neu installiert
    Dann ist das Feld Makler-ID bei der Anmeldung leer
    Wenn er sich ohne Makler-ID anmeldet
    Dann zeigt die Anmeldung den Fehler "Bitte gib die Makler-ID ein."
    Und zeigt die Anmeldung den Fehler "Die Makler-ID findest Du in Deiner Einladungs-E-Mail."
    Wenn er sich mit einer falschen Makler-ID anmeldet
    Dann zeigt die Anmeldung den Fehler "E-Mail, Passwort oder Makler-ID ist falsch."
    Wenn er sich mit der Makler-ID aus der Einladungs-E-Mail anmeldet
    Dann ist er in der App angemeldet

  @makler_id @android
  Szenario: Mit einer vertippten Makler-ID scheitert der Login, die ID aus Administration → Konto → Kundenapp hilft
    Angenommen "Jonas Becker" hat ein Android-Telefon mit der Kunden-App 4.0.0
    Und "Jonas Becker" hat sich in der App registriert und die Registrierung bestätigt
    Und er hat die App danach gelöscht und neu installiert
    Wenn er sich mit einer falschen Makler-ID anmeldet
    Dann zeigt die Anmeldung den Fehler "E-Mail, Passwort oder Makler-ID ist falsch."
    Und nennt der Makler unter Administration → Konto → Kundenapp dieselbe Makler-ID wie die Einladungs-E-Mail
    Wenn er sich mit der Makler-ID aus Administration → Konto → Kundenapp anmeldet
    Dann ist er in der App angemeldet

  @makler_id @android @konsole
  Szenario: Nach einer vertippten Makler-ID tippt der Kunde die ein, die der Makler in der Makler-Konsole unter Konto → Kundenapp sieht
    Angenommen "Jonas Becker" hat ein Android-Telefon mit der Kunden-App 4.0.0
    Und "Jonas Becker" hat sich in der App registriert und die Registrierung bestätigt
    Und er hat die App danach gelöscht und neu installiert
    Wenn er sich mit einer falschen Makler-ID anmeldet
    Dann zeigt die Anmeldung den Fehler "E-Mail, Passwort oder Makler-ID ist falsch."
    Wenn der Makler in der Makler-Konsole Administration → Konto → Kundenapp öffnet
    Dann zeigt die Makler-Konsole dieselbe Makler-ID wie die Einladungs-E-Mail
    Wenn er sich mit der Makler-ID anmeldet, die die Makler-Konsole zeigt
    Dann ist er in der App angemeldet

  @makler_id @ios
  Szenario: Mit einer vertippten Makler-ID kommt keine Bestätigung – der Link in der Einladung trägt die richtige ein
    Angenommen der Makler hat "Jonas Becker" zur Kunden-App eingeladen
    Und "Jonas Becker" hat ein iOS-Telefon mit der Kunden-App 4.0.0
    Dann ist das Feld Makler-ID bei der Anmeldung leer
    Wenn er sich mit einer falschen Makler-ID registriert
    Dann bestätigt die App die Registrierung
    Und erhält er statt einer Bestätigung den Hinweis "keine Einladung"
    Wenn er sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann zeigt die Anmeldung den Fehler "E-Mail, Passwort oder Makler-ID ist falsch."
    Wenn er den Link aus der Einladungs-E-Mail öffnet
    Dann ist im Registrierungsformular die Makler-ID aus der Einladung eingetragen
    Wenn er sich registriert, ohne die Makler-ID einzutippen
    Und er die Registrierung über den Link aus der Bestätigungs-E-Mail bestätigt
    Und er in der App zur Anmeldung wechselt
    Dann ist bei der Anmeldung die Makler-ID aus der Einladung eingetragen
    Wenn er sich mit E-Mail und Passwort anmeldet, ohne die Makler-ID einzutippen
    Dann ist er in der App angemeldet

  @makler_id @android
  Szenariogrundriss: Die Makler-ID <falsch> scheitert, <richtig> eingetippt gilt sie
    Angenommen "Jonas Becker" hat ein Android-Telefon mit der Kunden-App 4.0.0
    Und "Jonas Becker" hat sich in der App registriert und die Registrierung bestätigt
    Wenn er sich mit der Makler-ID <falsch> anmeldet
    Dann zeigt die Anmeldung den Fehler "E-Mail, Passwort oder Makler-ID ist falsch."
    Wenn er sich mit der Makler-ID <richtig> anmeldet
    Dann ist er in der App angemeldet

    Beispiele:
      | falsch                  | richtig                          |
      | eines anderen Maklers   | in Kleinbuchstaben               |
      | ohne ihre letzte Ziffer | mit Leerzeichen davor und danach |
      | mit einer Ziffer mehr   | aus der Einladungs-E-Mail        |

  @makler_id @android
  Szenario: „Passwort vergessen“ mit einer vertippten Makler-ID schickt keine E-Mail, mit der richtigen schon
    Angenommen "Jonas Becker" hat ein Android-Telefon mit der Kunden-App 4.0.0
    Und "Jonas Becker" hat sich in der App registriert und die Registrierung bestätigt
    Wenn er in der App „Passwort vergessen“ mit einer falschen Makler-ID anfordert
    Dann bestätigt die App, dass eine E-Mail unterwegs ist
    Und er erhält keine E-Mail zum Zurücksetzen des Passworts
    Wenn er in der App „Passwort vergessen“ mit E-Mail und Makler-ID anfordert
    Dann erhält er eine E-Mail mit einem Link zum Zurücksetzen des Passworts
    Wenn er über den Link aus der E-Mail das neue Passwort "Neu!Passwort7" festlegt
    Und er sich mit dem Passwort "Neu!Passwort7" anmeldet
    Dann ist er in der App angemeldet
