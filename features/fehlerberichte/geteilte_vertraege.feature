# language: de
@fehlerberichte
Funktionalität: Fehlerberichte nachgestellt – der Kunde sieht nur seine Verträge
  Jedes Szenario lädt eine Welt-Datei aus examples/worlds/ (die Lage aus dem Bericht),
  zeigt das Symptom und geht die Abhilfe des Hilfeartikels durch: der schwächere Schritt
  hilft nicht, genau der dokumentierte Schritt hilft.

  @shared_relogin @android
  Szenario: „Kunde sieht die Verträge seiner Frau nicht – auch nicht nach dem Neustart“
    Angenommen die Ausgangslage aus "shared_relogin.yaml"
    Dann sieht er in den Verträgen nur "Peter Vater"
    Wenn er die App komplett schließt und wieder startet
    Dann sieht er in den Verträgen nur "Peter Vater"
    Wenn er sich in der App abmeldet (Ich → Abmelden)
    Und er die App komplett schließt und wieder startet
    Und er sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann sieht er in den Verträgen die Kunden "Peter Vater", "Anna Vater"
    Und sieht er den Vertrag "KFZ-300400"

  @shared_relogin @android
  Szenario: Mit der korrigierten Kunden-App 3.6.0 sieht er die Freigabe schon beim Start
    Angenommen die Ausgangslage aus "shared_relogin.yaml" mit der Kunden-App 3.6.0
    Dann sieht er in den Verträgen die Kunden "Peter Vater", "Anna Vater"

  @shared_procedure @android
  Szenario: „… auch nicht die seiner Tochter und seiner Firma“ – erst die Einrichtung beim Makler hilft
    Angenommen die Ausgangslage aus "shared_procedure.yaml"
    Dann sieht er in den Verträgen nur "Peter Vater"
    Wenn er die App komplett schließt und wieder startet
    Dann sieht er in den Verträgen nur "Peter Vater"
    Wenn der Makler den Kontakt "Peter Vater" bei "Anna Vater" korrigiert
    Und er die App komplett schließt und wieder startet
    Dann sieht er in den Verträgen die Kunden "Peter Vater", "Anna Vater"
    Wenn der Makler den Kontakt "Peter Vater" bei "Lena Vater" korrigiert
    Und der Makler den Kontakt "Peter Vater" bei "Vater Bau GmbH" korrigiert
    Und er die App komplett schließt und wieder startet
    Dann sieht er in den Verträgen die Kunden "Peter Vater", "Anna Vater", "Lena Vater", "Vater Bau GmbH"
    Und sieht er den Vertrag "BHV-700800"

  @shared_restart @android
  Szenario: „Freigegeben, aber ich sehe sie nicht“ – aus dem Hintergrund nicht, erst nach komplettem Schließen
    Angenommen die Ausgangslage aus "shared_restart.yaml"
    Wenn der Makler die Freigaben aus der Ausgangslage nachträgt
    Und er die App in den Hintergrund legt und wieder öffnet
    Dann sieht er in den Verträgen nur "Peter Vater"
    Wenn er die App komplett schließt und wieder startet
    Dann sieht er in den Verträgen die Kunden "Peter Vater", "Anna Vater"

  @shared_relogin @android
  Szenario: Ein nachgestellter Bericht als Momentaufnahme – neu geladen zeigt er dasselbe Symptom
    Angenommen ein Makler, der die Kunden-App anbietet
    Und der Kunde "Anna Vater"
    Und "Anna Vater" hat den Vertrag "HR-ANNA-1"
    Und der Kunde "Peter Vater" mit einer E-Mail-Adresse bei "example.com"
    Und "Peter Vater" hat ein Android-Telefon mit der Kunden-App 3.5.2
    Und "Peter Vater" ist registriert und in der App angemeldet
    Wenn der Makler "Peter Vater" als Kontakt bei "Anna Vater" mit gleicher E-Mail und Kundenportal anlegt
    Und er die App komplett schließt und wieder startet
    Dann sieht er in den Verträgen nur "Peter Vater"
    Wenn die Lage als Momentaufnahme gesichert wird
    Dann hält die Momentaufnahme fest, dass "Anna Vater" nach seiner Anmeldung freigegeben wurde
    Wenn die Momentaufnahme als Ausgangslage geladen wird
    Dann sieht er in den Verträgen nur "Peter Vater"
    Wenn er die App komplett schließt und wieder startet
    Dann sieht er in den Verträgen nur "Peter Vater"
    Wenn er sich in der App abmeldet (Ich → Abmelden)
    Und er die App komplett schließt und wieder startet
    Und er sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann sieht er in den Verträgen die Kunden "Peter Vater", "Anna Vater"
    Und sieht er den Vertrag "HR-ANNA-1"
