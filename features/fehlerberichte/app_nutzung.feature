# language: de
@fehlerberichte
Funktionalität: Fehlerberichte nachgestellt – die Kunden-App ist plötzlich nicht mehr nutzbar
  Jedes Szenario lädt eine Welt-Datei aus examples/worlds/ (die Lage aus dem Bericht),
  zeigt das Symptom und geht die Abhilfe des Hilfeartikels durch: der schwächere Schritt
  hilft nicht, genau der dokumentierte Schritt hilft.

  @unusable_memory @android
  Szenario: „Die App zeigt nur noch einen Fehler“ – Hintergrund reicht nicht, komplett schließen hilft
    Angenommen die Ausgangslage aus "unusable_memory.yaml"
    Dann zeigt die App den Fehler "Es ist ein Fehler aufgetreten."
    Wenn er die App in den Hintergrund legt und wieder öffnet
    Dann zeigt die App den Fehler "Es ist ein Fehler aufgetreten."
    Wenn er die App komplett schließt und wieder startet
    Dann kann er die App normal nutzen

  @unusable_session @ios
  Szenario: „Sitzung konnte nicht geladen werden, auch nach dem Neustart“ – Abmelden und neu anmelden hilft
    Angenommen die Ausgangslage aus "unusable_session.yaml"
    Dann zeigt die App den Fehler "Sitzung konnte nicht geladen werden."
    Wenn er die App komplett schließt und wieder startet
    Dann zeigt die App den Fehler "Sitzung konnte nicht geladen werden."
    Wenn er sich in der App abmeldet (Ich → Abmelden)
    Und er die App komplett schließt und wieder startet
    Und er sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann kann er die App normal nutzen
