# language: de
@login
Funktionalität: Deaktivierter Zugang
  Hilft „Passwort vergessen“ nicht, prüft der Makler, ob der Kunde unter
  Administration → Externe → Deaktiviert gesperrt ist, und aktiviert ihn dort
  über das 3-Punkte-Menü wieder. Das Deaktivieren beendet auch laufende Sitzungen.

  Grundlage:
    Angenommen ein Makler, der die Kunden-App anbietet
    Und der Kunde "Lena Wagner" mit einer E-Mail-Adresse bei "example.com"

  @login_deactivated @android
  Szenario: Passwort vergessen hilft nicht, erst die Reaktivierung durch den Makler
    Angenommen "Lena Wagner" hat ein Android-Telefon mit der Kunden-App 4.0.0
    Und "Lena Wagner" hat sich in der App registriert und die Registrierung bestätigt
    Wenn der Makler den Zugang von "Lena Wagner" unter Externe → Aktive deaktiviert
    Und sie sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann zeigt die Anmeldung den Fehler "Dein Zugang ist gesperrt."
    Und der Makler sieht "Lena Wagner" unter Externe → Deaktiviert
    Wenn sie über „Passwort vergessen“ das neue Passwort "Neu!Passwort7" festlegt
    Dann bestätigt die App das neue Passwort
    Wenn sie sich mit dem Passwort "Neu!Passwort7" anmeldet
    Dann zeigt die Anmeldung den Fehler "Dein Zugang ist gesperrt."
    Wenn der Makler "Lena Wagner" unter Externe → Deaktiviert über das 3-Punkte-Menü wieder aktiviert
    Und sie sich mit dem Passwort "Neu!Passwort7" anmeldet
    Dann ist sie in der App angemeldet
    Und der Makler sieht "Lena Wagner" unter Externe → Aktive

  @login_deactivated @ios
  Szenario: Das Deaktivieren beendet eine laufende Sitzung auf dem iPhone
    Angenommen "Lena Wagner" hat ein iOS-Telefon mit der Kunden-App 4.0.0
    Und "Lena Wagner" ist registriert und in der App angemeldet
    Wenn der Makler den Zugang von "Lena Wagner" unter Externe → Aktive deaktiviert
    Und sie die App in den Hintergrund legt und wieder öffnet
    Dann zeigt die App die Anmeldung mit dem Hinweis "Deine Sitzung ist abgelaufen."
    Wenn sie sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann zeigt die Anmeldung den Fehler "Dein Zugang ist gesperrt."

  @login_deactivated @android
  Szenario: Nach dem Deaktivieren endet die Sitzung beim nächsten Start der App
    Angenommen "Lena Wagner" hat ein Android-Telefon mit der Kunden-App 4.0.0
    Und "Lena Wagner" ist registriert und in der App angemeldet
    Wenn der Makler den Zugang von "Lena Wagner" unter Externe → Aktive deaktiviert
    Und sie die App komplett schließt und wieder startet
    Dann zeigt die App die Anmeldung mit dem Hinweis "Deine Sitzung ist abgelaufen."
    Wenn der Makler "Lena Wagner" unter Externe → Deaktiviert über das 3-Punkte-Menü wieder aktiviert
    Und sie sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann ist sie in der App angemeldet

  @login_deactivated @android @konsole
  Szenario: Der Makler sperrt und entsperrt den Zugang in der Makler-Konsole über das 3-Punkte-Menü
    Angenommen "Lena Wagner" hat ein Android-Telefon mit der Kunden-App 4.0.0
    Und "Lena Wagner" ist registriert und in der App angemeldet
    Wenn der Makler in der Makler-Konsole den Zugang von "Lena Wagner" unter Externe → Aktive über das 3-Punkte-Menü deaktiviert
    Und sie die App komplett schließt und wieder startet
    Dann zeigt die App die Anmeldung mit dem Hinweis "Deine Sitzung ist abgelaufen."
    Wenn sie sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann zeigt die Anmeldung den Fehler "Dein Zugang ist gesperrt."
    Und die Makler-Konsole zeigt "Lena Wagner" unter Externe → Deaktiviert
    Wenn der Makler in der Makler-Konsole "Lena Wagner" unter Externe → Deaktiviert über das 3-Punkte-Menü wieder aktiviert
    Und sie sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann ist sie in der App angemeldet

  @login_deactivated @ios
  Szenario: Auf einer älteren App-Version (3.5.2) zeigt die beendete Sitzung einen Fehler – Abmelden, dann sagt die Anmeldung „gesperrt“, bis der Makler reaktiviert
    Angenommen "Lena Wagner" hat ein iOS-Telefon mit der Kunden-App 3.5.2
    Und "Lena Wagner" ist registriert und in der App angemeldet
    Wenn der Makler den Zugang von "Lena Wagner" unter Externe → Aktive deaktiviert
    Und sie die App komplett schließt und wieder startet
    Dann zeigt die App den Fehler "Sitzung konnte nicht geladen werden."
    Wenn sie sich in der App abmeldet (Ich → Abmelden)
    Und sie sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann zeigt die Anmeldung den Fehler "Dein Zugang ist gesperrt."
    Wenn der Makler "Lena Wagner" unter Externe → Deaktiviert über das 3-Punkte-Menü wieder aktiviert
    Und sie sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann kann sie die App normal nutzen
