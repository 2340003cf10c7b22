# language: de
@fehlerberichte
Funktionalität: Fehlerberichte nachgestellt – Updates, Makler-ID, Einladung im Spam
  Jedes Szenario lädt eine Welt-Datei aus examples/worlds/ (die Lage aus dem Bericht),
  zeigt das Symptom und geht die Abhilfe des Hilfeartikels durch.

  @update_app @android
  Szenario: „Seit heute komme ich nicht mehr in die App“ – das App-Update hilft, die Daten bleiben
    Angenommen die Ausgangslage aus "update_app.yaml"
    Dann zeigt die App "Update erforderlich" für die Kunden-App 3.8.0
    Wenn er die App komplett schließt und wieder startet
    Dann zeigt die App "Update erforderlich" für die Kunden-App 3.8.0
    Wenn er die Kunden-App 4.0.0 aus dem Store installiert
    Und er die App startet
    Dann ist er weiterhin in der App angemeldet
    Und zeigt die App unter Ich die Version 4.0.0

  @update_os @android
  Szenario: „Update erforderlich, obwohl ich die neueste App habe“ – das Betriebssystem-Update hilft
    Angenommen die Ausgangslage aus "update_os.yaml"
    Dann zeigt die App "Update erforderlich" für das Betriebssystem 12
    Wenn er die App komplett schließt und wieder startet
    Dann zeigt die App "Update erforderlich" für das Betriebssystem 12
    Wenn er das Betriebssystem auf Version 14 aktualisiert
    Und er die App startet
    Dann ist er weiterhin in der App angemeldet

  @makler_id @ios
  Szenario: „Ich gebe alles richtig ein und komme nicht rein“ – die gemerkte Makler-ID ist falsch
    Angenommen die Ausgangslage aus "makler_id.yaml"
    Dann ist bei der Anmeldung die Makler-ID "MK204740" eingetragen
    Wenn er sich mit E-Mail und Passwort anmeldet, ohne die Makler-ID einzutippen
    Dann zeigt die Anmeldung den Fehler "E-Mail, Passwort oder Makler-ID ist falsch."
    Wenn er sich mit der Makler-ID aus der Einladungs-E-Mail anmeldet
    Dann ist er in der App angemeldet

  @spam @android
  Szenario: „Ich habe keine Einladung bekommen“ – sie liegt im Ordner Junk
    Angenommen die Ausgangslage aus "spam.yaml"
    Dann liegt im Posteingang von "peter.vater@junk-mail.example" keine Einladung
    Und liegt die Einladung im Ordner "Junk"
    Wenn er die Einladung im Ordner "Junk" findet und ihren Link öffnet
    Dann ist im Registrierungsformular die Makler-ID aus der Einladung eingetragen
    Wenn er sich registriert, ohne die Makler-ID einzutippen
    Und er die Registrierung über den Link aus der Bestätigungs-E-Mail bestätigt
    Und er sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann ist er in der App angemeldet
