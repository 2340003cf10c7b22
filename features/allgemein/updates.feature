# language: de
@allgemein
Funktionalität: Updates von Betriebssystem und Kunden-App
  Der Kunde muss alle verfügbaren Updates seines Betriebssystems und der Kunden-App
  durchgeführt haben. Der Makler legt fest, welche Versionen er mindestens voraussetzt;
  darunter zeigt die App nur noch den Hinweis „Update erforderlich“.

  Grundlage:
    Angenommen ein Makler, der die Kunden-App anbietet
    Und der Kunde "Anna Schmidt" mit einer E-Mail-Adresse bei "example.com"

  @update_os @android
  Szenario: Nach dem Update des Betriebssystems ist die angemeldete Kundin wieder in der App
    Angenommen "Anna Schmidt" hat ein Android-Telefon (Android 14) mit der Kunden-App 4.0.0
    Und "Anna Schmidt" ist registriert und in der App angemeldet
    Wenn der Makler für Android mindestens das Betriebssystem 15 verlangt
    Und sie die App komplett schließt und wieder startet
    Dann zeigt die App "Update erforderlich" für das Betriebssystem 15
    Wenn sie die App komplett schließt und wieder startet
    Dann zeigt die App "Update erforderlich" für das Betriebssystem 15
    Wenn sie das Betriebssystem auf Version 15 aktualisiert
    Und sie die App startet
    Dann ist sie weiterhin in der App angemeldet

  @update_os @ios
  Szenario: Mit einem zu alten Betriebssystem scheitert die Anmeldung bis zum Update
    Angenommen "Anna Schmidt" hat ein iOS-Telefon (iOS 16.7) mit der Kunden-App 4.0.0
    Und "Anna Schmidt" hat sich in der App registriert und die Registrierung bestätigt
    Und der Makler verlangt für iOS mindestens das Betriebssystem 17.4
    Wenn sie sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann zeigt die App "Update erforderlich" für das Betriebssystem 17.4
    Wenn sie das Betriebssystem auf Version 17.4 aktualisiert
    Und sie die App startet
    Und sie sich mit E-Mail, Passwort und Makler-ID anmeldet
    Dann ist sie in der App angemeldet

  @update_app @android
  Szenario: Nach dem Update der Kunden-App ist die Kundin ohne neue Anmeldung wieder in der App
    Angenommen "Anna Schmidt" hat ein Android-Telefon mit der Kunden-App 3.5.2
    Und "Anna Schmidt" ist registriert und in der App angemeldet
    Wenn der Makler für Android mindestens die Kunden-App 4.0.0 verlangt
    Und sie die App komplett schließt und wieder startet
    Dann zeigt die App "Update erforderlich" für die Kunden-App 4.0.0
    Wenn sie die App komplett schließt und wieder startet
    Dann zeigt die App "Update erforderlich" für die Kunden-App 4.0.0
    Wenn sie die Kunden-App 4.0.0 aus dem Store installiert
    Und sie die App startet
    Dann ist sie weiterhin in der App angemeldet
    Und zeigt die App unter Ich die Version 4.0.0

  @update_app @ios
  Szenario: Eine zu alte Kunden-App auf dem iPhone wird durch das Update wieder nutzbar
    Angenommen "Anna Schmidt" hat ein iOS-Telefon mit der Kunden-App 3.5.2
    Und "Anna Schmidt" ist registriert und in der App angemeldet
    Wenn der Makler für iOS mindestens die Kunden-App 4.0.0 verlangt
    Und sie die App komplett schließt und wieder startet
    Dann zeigt die App "Update erforderlich" für die Kunden-App 4.0.0
    Wenn sie die Kunden-App 4.0.0 aus dem Store installiert
    Und sie die App startet
    Dann ist sie weiterhin in der App angemeldet
    Und zeigt die App unter Ich die Version 4.0.0

  @update_os
  Szenariogrundriss: Betriebssystem <nachher> bei verlangtem <minimum> – jede Stelle der Version zählt
    Angenommen "Anna Schmidt" hat ein <plattform>-Telefon (<plattform> <vorher>) mit der Kunden-App 4.0.0
    Und "Anna Schmidt" ist registriert und in der App angemeldet
    Wenn der Makler für <plattform> mindestens das Betriebssystem <minimum> verlangt
    Und sie die App komplett schließt und wieder startet
    Dann zeigt die App "Update erforderlich" für das Betriebssystem <minimum>
    Wenn sie das Betriebssystem auf Version <nachher> aktualisiert
    Und sie die App startet
    Dann <ergebnis>

    @ios
    Beispiele: iPhone, verlangt wird eine dreistellige Version
      | plattform | vorher | minimum | nachher | ergebnis                                                    |
      | iOS       | 16.9.9 | 17.4.1  | 17.4.0  | zeigt die App "Update erforderlich" für das Betriebssystem 17.4.1 |
      | iOS       | 17.3.9 | 17.4.1  | 17.4.1  | ist sie weiterhin in der App angemeldet                     |
      | iOS       | 17.4   | 17.4.1  | 17.4.2  | ist sie weiterhin in der App angemeldet                     |
      | iOS       | 17.3   | 17.4    | 17.10   | ist sie weiterhin in der App angemeldet                     |
      | iOS       | 16.7   | 17.4.1  | 18      | ist sie weiterhin in der App angemeldet                     |

    @android
    Beispiele: Android, verlangt wird eine Hauptversion
      | plattform | vorher | minimum | nachher | ergebnis                                                    |
      | Android   | 13     | 15      | 14.9    | zeigt die App "Update erforderlich" für das Betriebssystem 15 |
      | Android   | 14     | 15      | 16      | ist sie weiterhin in der App angemeldet                     |

  @update_app
  Szenariogrundriss: Kunden-App <nachher> bei verlangter <minimum> – jede Stelle der Version zählt, als Zahl
    Angenommen "Anna Schmidt" hat ein <plattform>-Telefon mit der Kunden-App <vorher>
    Und "Anna Schmidt" ist registriert und in der App angemeldet
    Wenn der Makler für <plattform> mindestens die Kunden-App <minimum> verlangt
    Und sie die App komplett schließt und wieder startet
    Dann zeigt die App "Update erforderlich" für die Kunden-App <minimum>
    Wenn sie die Kunden-App <nachher> aus dem Store installiert
    Und sie die App startet
    Dann <ergebnis>

    @android
    Beispiele: Android
      | plattform | vorher | minimum | nachher | ergebnis                                                  |
      | Android   | 3.5.0  | 3.5.2   | 3.5.2   | ist sie weiterhin in der App angemeldet                   |
      | Android   | 3.5.0  | 3.5.1   | 3.5.2   | ist sie weiterhin in der App angemeldet                   |
      | Android   | 3.5.2  | 4.0.0   | 3.10.0  | zeigt die App "Update erforderlich" für die Kunden-App 4.0.0 |

    @ios
    Beispiele: iPhone
      | plattform | vorher | minimum | nachher | ergebnis                                                   |
      | iOS       | 3.8.0  | 3.10.0  | 3.9.0   | zeigt die App "Update erforderlich" für die Kunden-App 3.10.0 |
      | iOS       | 3.8.0  | 3.9.0   | 3.10.0  | ist sie weiterhin in der App angemeldet                    |
      | iOS       | 3.6.0  | 3.10.0  | 4.0.0   | ist sie weiterhin in der App angemeldet                    |
