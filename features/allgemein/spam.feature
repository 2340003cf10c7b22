# language: de
@allgemein
Funktionalität: Einladungs-E-Mail im Spam- oder Junk-Ordner
  Findet der Kunde die Einladungs-E-Mail nicht in seinem Posteingang, ist sie
  möglicherweise im Spam-Ordner gelandet – bei manchen Anbietern heißt er „Junk“.
  Strenge Anbieter sortieren E-Mails ohne Absender-Authentifizierung (SPF/DKIM) dorthin.

  @spam @android
  Szenariogrundriss: Der Kunde findet die Einladung im Ordner "<ordner>" und registriert sich über ihren Link
    Angenommen ein Makler, der die Kunden-App anbietet
    Und der Makler versendet E-Mails <modus> Absender-Authentifizierung (SPF/DKIM)
    Und der Kunde "Paul Fischer" mit einer E-Mail-Adresse bei "<anbieter>"
    Und "Paul Fischer" hat ein Android-Telefon mit der Kunden-App 4.0.0
    Und der Makler hat "Paul Fischer" zur Kunden-App eingeladen
    Dann liegt die Einladung im Ordner "<ordner>"
    Wenn er die Einladung im Ordner "<ordner>" findet und ihren Link öffnet
    Dann ist im Registrierungsformular die Makler-ID aus der Einladung eingetragen
    Wenn er sich registriert, ohne die Makler-ID einzutippen
    Dann liegt auch die Bestätigungs-E-Mail im Ordner "<ordner>"
    Wenn er die Registrierung über den Link aus der Bestätigungs-E-Mail bestätigt
    Und er sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann ist er in der App angemeldet

    Beispiele:
      | anbieter            | modus | ordner      |
      | strikt-mail.example | ohne  | Spam        |
      | junk-mail.example   | ohne  | Junk        |
      | example.com         | ohne  | Posteingang |
      | strikt-mail.example | mit   | Posteingang |
      | junk-mail.example   | mit   | Posteingang |
