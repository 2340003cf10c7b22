# language: de
@app_nutzung
Funktionalität: Die Kunden-App ist plötzlich nicht mehr nutzbar
  1. App komplett schließen. 2. Reicht das nicht: in der App abmelden (Ich → Abmelden).
  3. Danach die App nochmal komplett schließen, wieder starten und einloggen.

  „Komplett schließen“ heißt: auf Android in „Letzte Apps“ die Kunden-App wegwischen, auf dem
  iPhone vom unteren Rand nach oben wischen, halten und die App nach oben wegschieben. Die
  Zurück-Taste, der Home-Button und der Wechsel zum Startbildschirm legen sie nur in den
  Hintergrund (Android 12 und neuer; auch ältere Versionen behalten den Prozess mit seinem
  Speicher) – der hängende Zustand bleibt.

  Bei der kaputten Sitzung (Schritte 2–3) ist das Schließen nach dem Abmelden nicht nötig: das
  Abmelden verwirft die gespeicherte Sitzung, und die neue Anmeldung lädt alles neu – auch bei
  den betroffenen Versionen (z. B. 3.5.2). Der Artikel rät es trotzdem, weil dieselbe Abfolge bei
  „Geteilte Verträge“ 3–4 nötig ist: dort behalten Versionen vor 4.0.0 die Kundenliste im Prozess.

  Grundlage:
    Angenommen ein Makler, der die Kunden-App anbietet
    Und der Kunde "Peter Vater" mit einer E-Mail-Adresse bei "example.com"

  @unusable_memory
  Szenariogrundriss: Nach einem Ausfall hängt die Kunden-App <version> – Hintergrund reicht nicht, komplett schließen hilft
    Angenommen "Peter Vater" hat ein <plattform>-Telefon mit der Kunden-App <version>
    Und "Peter Vater" ist registriert und in der App angemeldet
    Wenn das Backend für ihn nicht erreichbar ist
    Und er die App komplett schließt und wieder startet
    Dann zeigt die App den Fehler "Es ist ein Fehler aufgetreten."
    Wenn das Backend wieder erreichbar ist
    Und er die App in den Hintergrund legt und wieder öffnet
    Dann zeigt die App den Fehler "Es ist ein Fehler aufgetreten."
    Wenn er die App komplett schließt und wieder startet
    Dann kann er die App normal nutzen

    @android
    Beispiele: Android
      | plattform | version |
      | Android   | 3.0.0   |
      | Android   | 3.5.2   |

    @ios
    Beispiele: iPhone
      | plattform | version |
      | iOS       | 3.5.0   |

  @unusable_memory @android
  Szenario: Zurück-Taste und Startbildschirm schließen die App nicht – erst Wegwischen in „Letzte Apps“ hilft
    Angenommen "Peter Vater" hat ein Android-Telefon mit der Kunden-App 3.5.2
    Und "Peter Vater" ist registriert und in der App angemeldet
    Wenn das Backend für ihn nicht erreichbar ist
    Und er die App komplett schließt und wieder startet
    Dann zeigt die App den Fehler "Es ist ein Fehler aufgetreten."
    Wenn das Backend wieder erreichbar ist
    Und er drückt die Zurück-Taste
    Und er öffnet die App wieder
    Dann zeigt die App den Fehler "Es ist ein Fehler aufgetreten."
    Wenn er wechselt zum Startbildschirm
    Und er öffnet die App wieder
    Dann zeigt die App den Fehler "Es ist ein Fehler aufgetreten."
    Wenn er wischt die App im App-Umschalter weg
    Und er öffnet die App wieder
    Dann kann er die App normal nutzen

  @unusable_memory @ios
  Szenario: Auf dem iPhone schließt der Home-Button die App nicht – erst Wegschieben im App-Umschalter hilft
    Angenommen "Peter Vater" hat ein iOS-Telefon mit der Kunden-App 3.5.2
    Und "Peter Vater" ist registriert und in der App angemeldet
    Wenn das Backend für ihn nicht erreichbar ist
    Und er die App komplett schließt und wieder startet
    Dann zeigt die App den Fehler "Es ist ein Fehler aufgetreten."
    Wenn das Backend wieder erreichbar ist
    Und er wechselt zum Startbildschirm
    Und er öffnet die App wieder
    Dann zeigt die App den Fehler "Es ist ein Fehler aufgetreten."
    Wenn er wischt die App im App-Umschalter weg
    Und er öffnet die App wieder
    Dann kann er die App normal nutzen

  @unusable_memory
  Szenariogrundriss: Die korrigierte Kunden-App <version> erholt sich nach dem Ausfall von selbst
    Angenommen "Peter Vater" hat ein <plattform>-Telefon mit der Kunden-App <version>
    Und "Peter Vater" ist registriert und in der App angemeldet
    Wenn das Backend für ihn nicht erreichbar ist
    Und er die App komplett schließt und wieder startet
    Dann zeigt die App den Fehler "Es ist ein Fehler aufgetreten."
    Wenn das Backend wieder erreichbar ist
    Und er die App in den Hintergrund legt und wieder öffnet
    Dann kann er die App normal nutzen

    @android
    Beispiele: Android, die erste korrigierte Version
      | plattform | version |
      | Android   | 3.6.0   |

    @ios
    Beispiele: iPhone
      | plattform | version |
      | iOS       | 4.0.0   |

  @unusable_session
  Szenariogrundriss: Kaputte Sitzung in der Kunden-App <version> – Neustart reicht nicht, Abmelden und neu anmelden hilft
    Angenommen "Peter Vater" hat ein <plattform>-Telefon mit der Kunden-App <version>
    Und "Peter Vater" ist registriert und in der App angemeldet
    Wenn der Server seine Sitzung verwirft
    Und er die App komplett schließt und wieder startet
    Dann zeigt die App den Fehler "Sitzung konnte nicht geladen werden."
    Wenn er die App komplett schließt und wieder startet
    Dann zeigt die App den Fehler "Sitzung konnte nicht geladen werden."
    Wenn er sich in der App abmeldet (Ich → Abmelden)
    Und er die App komplett schließt und wieder startet
    Und er sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann kann er die App normal nutzen

    @android
    Beispiele: Android
      | plattform | version |
      | Android   | 3.5.0   |
      | Android   | 3.5.2   |

    @ios
    Beispiele: iPhone
      | plattform | version |
      | iOS       | 3.0.0   |

  @unusable_session
  Szenariogrundriss: Die korrigierte Kunden-App <version> zeigt bei kaputter Sitzung die Anmeldung
    Angenommen "Peter Vater" hat ein <plattform>-Telefon mit der Kunden-App <version>
    Und "Peter Vater" ist registriert und in der App angemeldet
    Wenn der Server seine Sitzung verwirft
    Und er die App komplett schließt und wieder startet
    Dann zeigt die App die Anmeldung
    Wenn er sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann kann er die App normal nutzen

    @android
    Beispiele: Android, die erste korrigierte Version
      | plattform | version |
      | Android   | 3.6.0   |

    @ios
    Beispiele: iPhone
      | plattform | version |
      | iOS       | 4.0.0   |

  @unusable_session @ios
  Szenario: Bei kaputter Sitzung genügt Abmelden und neues Anmelden, auch ohne Schließen dazwischen
    Angenommen "Peter Vater" hat ein iOS-Telefon mit der Kunden-App 3.5.2
    Und "Peter Vater" ist registriert und in der App angemeldet
    Wenn der Server seine Sitzung verwirft
    Und er die App komplett schließt und wieder startet
    Dann zeigt die App den Fehler "Sitzung konnte nicht geladen werden."
    Wenn er sich in der App abmeldet (Ich → Abmelden)
    Und er sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann kann er die App normal nutzen
