# language: de
@geteilte_vertraege
Funktionalität: Der Kunde sieht nur seine Verträge, obwohl andere Kunden freigegeben sind
  Der Makler legt die Person bei jedem weiteren Kunden unter Kontakte → Personen mit derselben
  E-Mail-Adresse an und schaltet das Kundenportal frei. Danach die App komplett schließen und
  starten; reicht das nicht, abmelden, schließen, starten und neu anmelden.

  Warum nach dem Abmelden nochmal komplett schließen? App-Versionen vor 4.0.0 laden die Liste
  der Kunden einmal pro Start des App-Prozesses und behalten sie auch über Abmelden und neues
  Anmelden desselben Kontos hinweg; Versionen vor 3.6.0 legen außerdem beim Anmelden fest, welche
  Kunden die Sitzung sieht. Bei ihnen (z. B. 3.5.2) hilft nur Abmelden, komplett Schließen, Starten
  und Anmelden – ohne das Schließen bleibt die alte Liste. Ab 3.6.0 genügt der Neustart, auch
  wenn die App dabei ihre abgelaufene Sitzung (nach 15 Minuten) erneuert; ab 4.0.0 genügt es
  sogar, die App aus dem Hintergrund zu öffnen. Eine entzogene Freigabe wirkt dagegen sofort,
  auch in der laufenden App: der Server prüft jeden Vertragsabruf.

  Grundlage:
    Angenommen ein Makler, der die Kunden-App anbietet
    Und der Kunde "Anna Vater"
    Und "Anna Vater" hat den Vertrag "HR-ANNA-1"
    Und der Kunde "Vater GmbH"
    Und "Vater GmbH" hat den Vertrag "BH-GMBH-1"
    Und der Kunde "Peter Vater" mit einer E-Mail-Adresse bei "example.com"
    Und "Peter Vater" hat den Vertrag "KFZ-PETER-1"

  @shared_procedure @android
  Szenario: Kontakt ohne E-Mail, mit anderer E-Mail oder ohne Kundenportal – erst die Korrektur hilft
    Angenommen "Peter Vater" hat ein Android-Telefon mit der Kunden-App 4.0.0
    Und "Peter Vater" ist registriert und in der App angemeldet
    Und der Makler hat "Peter Vater" als Kontakt bei "Anna Vater" ohne E-Mail angelegt
    Und der Makler hat "Peter Vater" als Kontakt bei "Vater GmbH" mit anderer E-Mail angelegt
    Wenn er die App komplett schließt und wieder startet
    Dann sieht er in den Verträgen nur "Peter Vater"
    Wenn der Makler den Kontakt "Peter Vater" bei "Anna Vater" korrigiert
    Und er die App komplett schließt und wieder startet
    Dann sieht er in den Verträgen die Kunden "Peter Vater", "Anna Vater"
    Wenn der Makler den Kontakt "Peter Vater" bei "Vater GmbH" korrigiert
    Und er die App komplett schließt und wieder startet
    Dann sieht er in den Verträgen die Kunden "Peter Vater", "Anna Vater", "Vater GmbH"

  @shared_procedure @ios
  Szenario: Kontakt mit gleicher E-Mail, aber ohne Kundenportal-Freigabe
    Angenommen "Peter Vater" hat ein iOS-Telefon mit der Kunden-App 4.0.0
    Und "Peter Vater" ist registriert und in der App angemeldet
    Und der Makler hat "Peter Vater" als Kontakt bei "Anna Vater" mit gleicher E-Mail ohne Kundenportal angelegt
    Wenn er die App komplett schließt und wieder startet
    Dann sieht er in den Verträgen nur "Peter Vater"
    Wenn der Makler den Kontakt "Peter Vater" bei "Anna Vater" korrigiert
    Und er die App komplett schließt und wieder startet
    Dann sieht er in den Verträgen die Kunden "Peter Vater", "Anna Vater"

  @shared_procedure @android @konsole
  Szenario: Der Makler korrigiert den Kontakt in der Makler-Konsole (Kontakte → Personen → Bearbeiten)
    Angenommen "Peter Vater" hat ein Android-Telefon mit der Kunden-App 4.0.0
    Und "Peter Vater" ist registriert und in der App angemeldet
    Und der Makler hat "Peter Vater" als Kontakt bei "Anna Vater" ohne E-Mail und ohne Kundenportal angelegt
    Wenn er die App komplett schließt und wieder startet
    Dann sieht er in den Verträgen nur "Peter Vater"
    Wenn der Makler in der Makler-Konsole bei "Anna Vater" unter Kontakte → Personen den Kontakt "Peter Vater" bearbeitet: dessen E-Mail-Adresse, Kundenportal an
    Und er die App komplett schließt und wieder startet
    Dann sieht er in den Verträgen die Kunden "Peter Vater", "Anna Vater"

  @shared_restart
  Szenariogrundriss: In der Kunden-App <version> erscheinen neue Freigaben erst nach komplettem Schließen, nicht aus dem Hintergrund
    Angenommen "Peter Vater" hat ein <plattform>-Telefon mit der Kunden-App <version>
    Und "Peter Vater" ist registriert und in der App angemeldet
    Wenn der Makler "Peter Vater" als Kontakt bei "Anna Vater" mit gleicher E-Mail und Kundenportal anlegt
    Dann sieht er in den Verträgen nur "Peter Vater"
    Wenn er die App in den Hintergrund legt und wieder öffnet
    Dann sieht er in den Verträgen nur "Peter Vater"
    Wenn er die App komplett schließt und wieder startet
    Dann sieht er in den Verträgen die Kunden "Peter Vater", "Anna Vater"

    @android
    Beispiele: Android
      | plattform | version |
      | Android   | 3.6.0   |
      | Android   | 3.9.0   |

    @ios
    Beispiele: iPhone, bis zur letzten betroffenen Version
      | plattform | version |
      | iOS       | 3.8.0   |
      | iOS       | 3.10.0  |

  @shared_restart
  Szenariogrundriss: Die korrigierte Kunden-App 4.0.0 lädt die Kunden beim Öffnen aus dem Hintergrund neu
    Angenommen "Peter Vater" hat ein <plattform>-Telefon mit der Kunden-App 4.0.0
    Und "Peter Vater" ist registriert und in der App angemeldet
    Wenn der Makler "Peter Vater" als Kontakt bei "Anna Vater" mit gleicher E-Mail und Kundenportal anlegt
    Und er die App in den Hintergrund legt und wieder öffnet
    Dann sieht er in den Verträgen die Kunden "Peter Vater", "Anna Vater"

    @android
    Beispiele: Android
      | plattform |
      | Android   |

    @ios
    Beispiele: iPhone
      | plattform |
      | iOS       |

  @shared_relogin
  Szenariogrundriss: Kunden-App <version>: Neustart reicht nicht – erst Abmelden, Schließen, Starten und Anmelden zeigt „<kunde>“
    Angenommen "Peter Vater" hat ein <plattform>-Telefon mit der Kunden-App <version>
    Und "Peter Vater" ist registriert und in der App angemeldet
    Wenn der Makler "Peter Vater" als Kontakt bei "<kunde>" mit gleicher E-Mail und Kundenportal anlegt
    Und er die App komplett schließt und wieder startet
    Dann sieht er in den Verträgen nur "Peter Vater"
    Wenn er sich in der App abmeldet (Ich → Abmelden)
    Und er die App komplett schließt und wieder startet
    Und er sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann sieht er in den Verträgen die Kunden "Peter Vater", "<kunde>"

    @android
    Beispiele: Android
      | plattform | version | kunde      |
      | Android   | 3.5.0   | Vater GmbH |
      | Android   | 3.5.2   | Anna Vater |

    @ios
    Beispiele: iPhone
      | plattform | version | kunde      |
      | iOS       | 3.0.0   | Anna Vater |
      | iOS       | 3.5.2   | Vater GmbH |

  @shared_procedure @android
  Szenario: Kunden-Chips blenden Verträge aus und ein, eine entzogene Freigabe wirkt sofort, auch in der laufenden App
    Angenommen "Peter Vater" hat ein Android-Telefon mit der Kunden-App 4.0.0
    Und der Makler hat "Peter Vater" als Kontakt bei "Anna Vater" mit gleicher E-Mail und Kundenportal angelegt
    Und "Peter Vater" ist registriert und in der App angemeldet
    Dann sieht er in den Verträgen die Kunden "Peter Vater", "Anna Vater"
    Und sieht er den Vertrag "HR-ANNA-1"
    Wenn er den Kunden-Chip "Anna Vater" antippt
    Dann sieht er den Vertrag "HR-ANNA-1" nicht
    Und sieht er den Vertrag "KFZ-PETER-1"
    Wenn er den Kunden-Chip "Anna Vater" antippt
    Dann sieht er den Vertrag "HR-ANNA-1"
    Wenn er den Vertrag "HR-ANNA-1" öffnet
    Dann zeigt die App die Details zum Vertrag "HR-ANNA-1"
    Wenn er die Vertragsdetails schließt
    Und der Makler das Kundenportal für "Peter Vater" bei "Anna Vater" abschaltet
    Und er den Vertrag "HR-ANNA-1" öffnet
    Dann zeigt die App die Details zum Vertrag "HR-ANNA-1" nicht an
    Wenn er die App komplett schließt und wieder startet
    Dann sieht er in den Verträgen nur "Peter Vater"

  @shared_procedure
  Szenariogrundriss: Auch in der Kunden-App <version> wirkt eine entzogene Freigabe sofort, auch in der laufenden App
    Angenommen "Peter Vater" hat ein <plattform>-Telefon mit der Kunden-App <version>
    Und der Makler hat "Peter Vater" als Kontakt bei "Anna Vater" mit gleicher E-Mail und Kundenportal angelegt
    Und "Peter Vater" ist registriert und in der App angemeldet
    Dann sieht er in den Verträgen die Kunden "Peter Vater", "Anna Vater"
    Wenn der Makler das Kundenportal für "Peter Vater" bei "Anna Vater" abschaltet
    Und er den Vertrag "HR-ANNA-1" öffnet
    Dann zeigt die App die Details zum Vertrag "HR-ANNA-1" nicht an
    Wenn er die App komplett schließt und wieder startet
    Dann sieht er in den Verträgen nur "Peter Vater"

    @ios
    Beispiele: iPhone, die Sitzung behält die Kunden ihrer Anmeldung
      | plattform | version |
      | iOS       | 3.5.2   |

    @android
    Beispiele: Android, die App behält die Kunden bis zum Neustart
      | plattform | version |
      | Android   | 3.10.0  |

  @shared_procedure @android
  Szenario: Schon ein Zeichen Unterschied in der E-Mail des Kontakts verhindert die Freigabe, Großbuchstaben nicht
    Angenommen "Peter Vater" hat ein Android-Telefon mit der Kunden-App 4.0.0
    Und "Peter Vater" ist registriert und in der App angemeldet
    Und der Makler hat "Peter Vater" als Kontakt bei "Anna Vater" mit einem Tippfehler in der E-Mail und Kundenportal angelegt
    Und der Makler hat "Peter Vater" als Kontakt bei "Vater GmbH" mit der E-Mail in Großbuchstaben und Kundenportal angelegt
    Wenn er die App komplett schließt und wieder startet
    Dann sieht er in den Verträgen die Kunden "Peter Vater", "Vater GmbH"

  @shared_relogin @android
  Szenario: Abmelden und Anmelden ohne komplettes Schließen reicht bei älteren App-Versionen nicht
    Angenommen "Peter Vater" hat ein Android-Telefon mit der Kunden-App 3.5.2
    Und "Peter Vater" ist registriert und in der App angemeldet
    Wenn der Makler "Peter Vater" als Kontakt bei "Anna Vater" mit gleicher E-Mail und Kundenportal anlegt
    Und er die App komplett schließt und wieder startet
    Dann sieht er in den Verträgen nur "Peter Vater"
    Wenn er sich in der App abmeldet (Ich → Abmelden)
    Und er sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann sieht er in den Verträgen nur "Peter Vater"
    Wenn er die App komplett schließt und wieder startet
    Dann sieht er in den Verträgen die Kunden "Peter Vater", "Anna Vater"

  @shared_relogin @android
  Szenariogrundriss: Ob die App ihre Sitzung erneuert oder nicht (nach <dauer>), neue Freigaben bleiben unsichtbar
    Angenommen die Uhr des Maklers steht still
    Und "Peter Vater" hat ein Android-Telefon mit der Kunden-App 3.5.2
    Und "Peter Vater" ist registriert und in der App angemeldet
    Wenn der Makler "Peter Vater" als Kontakt bei "Anna Vater" mit gleicher E-Mail und Kundenportal anlegt
    Und <dauer> vergehen
    Und er die App komplett schließt und wieder startet
    Dann sieht er in den Verträgen nur "Peter Vater"
    Wenn er sich in der App abmeldet (Ich → Abmelden)
    Und er die App komplett schließt und wieder startet
    Und er sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann sieht er in den Verträgen die Kunden "Peter Vater", "Anna Vater"

    Beispiele: das Zugangstoken gilt 15 Minuten
      | dauer                      |
      | 14 Minuten und 59 Sekunden |
      | 15 Minuten                 |

  @shared_relogin @ios
  Szenario: Eine korrigierte App-Version zeigt neue Freigaben auch nach dem Erneuern der abgelaufenen Sitzung
    Angenommen "Peter Vater" hat ein iOS-Telefon mit der Kunden-App 4.0.0
    Und "Peter Vater" ist registriert und in der App angemeldet
    Wenn der Makler "Peter Vater" als Kontakt bei "Anna Vater" mit gleicher E-Mail und Kundenportal anlegt
    Und 15 Minuten vergehen
    Und er die App komplett schließt und wieder startet
    Dann sieht er in den Verträgen die Kunden "Peter Vater", "Anna Vater"
    Und ist er weiterhin in der App angemeldet

  @shared_relogin
  Szenariogrundriss: Die korrigierte Kunden-App <version> zeigt neue Freigaben nach dem Neustart ohne neue Anmeldung
    Angenommen "Peter Vater" hat ein <plattform>-Telefon mit der Kunden-App <version>
    Und "Peter Vater" ist registriert und in der App angemeldet
    Wenn der Makler "Peter Vater" als Kontakt bei "Vater GmbH" mit gleicher E-Mail und Kundenportal anlegt
    Und er die App komplett schließt und wieder startet
    Dann sieht er in den Verträgen die Kunden "Peter Vater", "Vater GmbH"

    @android
    Beispiele: Android
      | plattform | version |
      | Android   | 4.0.0   |

    @ios
    Beispiele: iPhone, die erste korrigierte Version
      | plattform | version |
      | iOS       | 3.6.0   |
