<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Abort Merge</source>
        <translation>Merge a&amp;bbrechen</translation>
    </message>
    <message>
        <source>&amp;About Copydesk</source>
        <translation>Ü&amp;ber Copydesk</translation>
    </message>
    <message>
        <source>&amp;Article</source>
        <translation>&amp;Artikel</translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation>&amp;Spalten</translation>
    </message>
    <message>
        <source>&amp;Continue Merge</source>
        <translation>Merge &amp;fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Filter List</source>
        <translation>Liste &amp;filtern</translation>
    </message>
    <message>
        <source>&amp;Git</source>
        <translation>&amp;Git</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;Open Folder…</source>
        <translation>Ordner ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Problems Panel</source>
        <translation>&amp;Problemliste</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>&amp;Veröffentlichen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>&amp;Toggle Draft</source>
        <translation>Entwurf &amp;umschalten</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>E&amp;xtras</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>A&amp;nsicht</translation>
    </message>
    <message>
        <source>Back to &amp;Draft</source>
        <translation>Zurück zum &amp;Entwurf</translation>
    </message>
    <message>
        <source>Bring in the desk&apos;s changes from the remote (git pull)</source>
        <translation>Die Änderungen des Teams vom Server holen (git pull)</translation>
    </message>
    <message>
        <source>Chec&amp;k Folder</source>
        <translation>Ordner &amp;prüfen</translation>
    </message>
    <message>
        <source>Check every article for problems</source>
        <translation>Jeden Artikel auf Probleme prüfen</translation>
    </message>
    <message>
        <source>Close Copydesk</source>
        <translation>Copydesk schließen</translation>
    </message>
    <message>
        <source>Commit Each &amp;Review Action</source>
        <translation>Jede Redaktionsaktion &amp;committen</translation>
    </message>
    <message>
        <source>Drop the unsaved edits and show the file as it is on disk</source>
        <translation>Die ungespeicherten Änderungen verwerfen und die Datei so zeigen, wie sie auf der Festplatte liegt</translation>
    </message>
    <message>
        <source>Editor&apos;s &amp;Guide</source>
        <translation>&amp;Leitfaden für die Redaktion</translation>
    </message>
    <message>
        <source>Filter the list by title, path, source or summary</source>
        <translation>Die Liste nach Titel, Pfad, Quelle oder Zusammenfassung filtern</translation>
    </message>
    <message>
        <source>Finish the merge or rebase once every conflict is resolved</source>
        <translation>Merge oder Rebase abschließen, sobald alle Konflikte gelöst sind</translation>
    </message>
    <message>
        <source>Go back to before the pull (your unstaged edits are kept)</source>
        <translation>Zum Stand vor dem Holen zurückkehren (Ihre nicht vorgemerkten Änderungen bleiben erhalten)</translation>
    </message>
    <message>
        <source>List every keyboard shortcut</source>
        <translation>Alle Tastenkürzel auflisten</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>Ne&amp;xt Article</source>
        <translation>&amp;Nächster Artikel</translation>
    </message>
    <message>
        <source>Open &amp;Cover Image</source>
        <translation>&amp;Titelbild öffnen</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>Open &amp;Source Link</source>
        <translation>&amp;Quelllink öffnen</translation>
    </message>
    <message>
        <source>Open a folder of articles (a Hugo site or any content folder)</source>
        <translation>Einen Ordner mit Artikeln öffnen (eine Hugo-Site oder einen beliebigen Inhaltsordner)</translation>
    </message>
    <message>
        <source>Open a folder opened before</source>
        <translation>Einen zuvor geöffneten Ordner öffnen</translation>
    </message>
    <message>
        <source>Open the article&apos;s source_link in the web browser</source>
        <translation>Den source_link des Artikels im Webbrowser öffnen</translation>
    </message>
    <message>
        <source>Open the guide to reviewing with Copydesk</source>
        <translation>Den Leitfaden zum Redigieren mit Copydesk öffnen</translation>
    </message>
    <message>
        <source>Open the next article in the list</source>
        <translation>Den nächsten Artikel der Liste öffnen</translation>
    </message>
    <message>
        <source>Open the previous article in the list</source>
        <translation>Den vorherigen Artikel der Liste öffnen</translation>
    </message>
    <message>
        <source>P&amp;ull</source>
        <translation>&amp;Holen</translation>
    </message>
    <message>
        <source>Pre&amp;vious Article</source>
        <translation>V&amp;orheriger Artikel</translation>
    </message>
    <message>
        <source>Preview the cover image (enclosure) and QR code</source>
        <translation>Vorschau von Titelbild (enclosure) und QR-Code</translation>
    </message>
    <message>
        <source>Pu&amp;sh</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>Publish a draft, or take a published article back to draft</source>
        <translation>Einen Entwurf veröffentlichen oder einen veröffentlichten Artikel zurück zum Entwurf machen</translation>
    </message>
    <message>
        <source>Publish and &amp;Next</source>
        <translation>Veröffentlichen und &amp;weiter</translation>
    </message>
    <message>
        <source>Publish the open article and go to the next one</source>
        <translation>Den geöffneten Artikel veröffentlichen und zum nächsten gehen</translation>
    </message>
    <message>
        <source>Publish the selected articles (draft = false)</source>
        <translation>Die ausgewählten Artikel veröffentlichen (draft = false)</translation>
    </message>
    <message>
        <source>Pull, then push your commits</source>
        <translation>Holen, dann Ihre Commits senden</translation>
    </message>
    <message>
        <source>Re&amp;load Folder</source>
        <translation>Ordner neu &amp;laden</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>Read the folder again</source>
        <translation>Den Ordner neu einlesen</translation>
    </message>
    <message>
        <source>Redo the edit undone last</source>
        <translation>Die zuletzt rückgängig gemachte Änderung wiederholen</translation>
    </message>
    <message>
        <source>Review &amp;Changes…</source>
        <translation>Änderungen &amp;prüfen…</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>&amp;Abgleichen</translation>
    </message>
    <message>
        <source>Save &amp;All</source>
        <translation>&amp;Alle speichern</translation>
    </message>
    <message>
        <source>Save, Publish and Back to draft each commit exactly the files they wrote</source>
        <translation>Speichern, Veröffentlichen und Zurück zum Entwurf committen jeweils genau die Dateien, die sie geschrieben haben</translation>
    </message>
    <message>
        <source>Send your commits to the remote (git push)</source>
        <translation>Ihre Commits an den Server senden (git push)</translation>
    </message>
    <message>
        <source>Show exactly which lines Save would change</source>
        <translation>Genau zeigen, welche Zeilen Speichern ändern würde</translation>
    </message>
    <message>
        <source>Show or hide the list&apos;s columns</source>
        <translation>Die Spalten der Liste ein- oder ausblenden</translation>
    </message>
    <message>
        <source>Show or hide the problems found by Check Folder</source>
        <translation>Die von „Ordner prüfen“ gefundenen Probleme ein- oder ausblenden</translation>
    </message>
    <message>
        <source>Take the selected articles back to draft (draft = true)</source>
        <translation>Die ausgewählten Artikel zurück zum Entwurf machen (draft = true)</translation>
    </message>
    <message>
        <source>The open article&apos;s commits, field by field</source>
        <translation>Die Commits des geöffneten Artikels, Feld für Feld</translation>
    </message>
    <message>
        <source>Undo the last edit in the form</source>
        <translation>Die letzte Änderung im Formular rückgängig machen</translation>
    </message>
    <message>
        <source>Version, licence, and where the settings and sample desk are</source>
        <translation>Version, Lizenz und wo die Einstellungen und der Beispiel-Desk liegen</translation>
    </message>
    <message>
        <source>Write the open article&apos;s edits to its file</source>
        <translation>Die Änderungen am geöffneten Artikel in seine Datei schreiben</translation>
    </message>
    <message>
        <source>Write the unsaved edits of every article</source>
        <translation>Die ungespeicherten Änderungen aller Artikel schreiben</translation>
    </message>
</context>
<context>
    <name>AddFieldBar</name>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Add a field…</source>
        <translation>Feld hinzufügen…</translation>
    </message>
    <message>
        <source>Add this field to the article</source>
        <translation>Dieses Feld dem Artikel hinzufügen</translation>
    </message>
    <message>
        <source>Key of the field to add</source>
        <translation>Schlüssel des neuen Felds</translation>
    </message>
    <message>
        <source>Used in {0} of {1} articles</source>
        <translation>In {0} von {1} Artikeln verwendet</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Sample desk</source>
        <translation>Beispiel-Desk</translation>
    </message>
    <message>
        <source>Something went wrong: {0}
Your files were not changed by this error.</source>
        <translation>Etwas ist schiefgegangen: {0}
Ihre Dateien wurden durch diesen Fehler nicht verändert.</translation>
    </message>
    <message>
        <source>The sample desk could not be copied to {0}: {1}</source>
        <translation>Der Beispiel-Desk konnte nicht nach {0} kopiert werden: {1}</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>Unerwarteter Fehler</translation>
    </message>
</context>
<context>
    <name>ArticleListPanel</name>
    <message>
        <source>1 article</source>
        <translation>1 Artikel</translation>
    </message>
    <message>
        <source>All states ({0})</source>
        <translation>Alle Status ({0})</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Filter articles</source>
        <translation>Artikel filtern</translation>
    </message>
    <message>
        <source>Filter by title, path, source, summary or body words (Ctrl+F)</source>
        <translation>Nach Titel, Pfad, Quelle, Zusammenfassung oder Wörtern im Text filtern (Strg+F)</translation>
    </message>
    <message>
        <source>Git: {0} ({1})</source>
        <translation>Git: {0} ({1})</translation>
    </message>
    <message>
        <source>Show articles in state</source>
        <translation>Artikel mit Status zeigen</translation>
    </message>
    <message>
        <source>{0} articles</source>
        <translation>{0} Artikel</translation>
    </message>
    <message>
        <source>{0} of {1} articles shown</source>
        <translation>{0} von {1} Artikeln angezeigt</translation>
    </message>
</context>
<context>
    <name>ArticleModel</name>
    <message>
        <source>, via cascade from the site config</source>
        <translation>, per Kaskade aus der Site-Konfiguration</translation>
    </message>
    <message>
        <source>, via cascade from {0}</source>
        <translation>, per Kaskade aus {0}</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Git</source>
        <translation>Git</translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation>Ungültig</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Letzte Änderung</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>This file has no title; its file name is shown</source>
        <translation>Diese Datei hat keinen Titel; ihr Dateiname wird angezeigt</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Unlisted</source>
        <translation>Nicht gelistet</translation>
    </message>
    <message>
        <source>{0} from date (no publishDate: Hugo publishes on date)</source>
        <translation>{0} aus date (kein publishDate, also veröffentlicht Hugo zu date)</translation>
    </message>
    <message>
        <source>{0} from {1}, the date Hugo publishes on</source>
        <translation>{0} aus {1}, dem Datum, zu dem Hugo veröffentlicht</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>{0}: {1} {2}</source>
        <translation>{0}: {1} {2}</translation>
    </message>
</context>
<context>
    <name>ArticleSession</name>
    <message>
        <source>Could not save</source>
        <translation>Speichern fehlgeschlagen</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>{0} gespeichert</translation>
    </message>
    <message>
        <source>Your version of {0} was written over the outside change</source>
        <translation>Ihre Fassung von {0} hat die Änderung von außen überschrieben</translation>
    </message>
    <message>
        <source>the file on disk, which cannot be read ({0})</source>
        <translation>die Datei auf der Festplatte, die nicht gelesen werden kann ({0})</translation>
    </message>
    <message>
        <source>{0} already held these values; nothing was written</source>
        <translation>{0} enthielt diese Werte bereits; nichts wurde geschrieben</translation>
    </message>
    <message>
        <source>{0} cannot be opened: {1}</source>
        <translation>{0} kann nicht geöffnet werden: {1}</translation>
    </message>
    <message>
        <source>{0} is no longer a file: another program put a folder or something else in its place</source>
        <translation>{0} ist keine Datei mehr: Ein anderes Programm hat einen Ordner oder etwas anderes an ihre Stelle gesetzt</translation>
    </message>
    <message>
        <source>{0} is no longer a file: another program put a folder or something else in its place. Your edits are not saved; once it is moved away, Keep Mine writes them back.</source>
        <translation>{0} ist keine Datei mehr: Ein anderes Programm hat einen Ordner oder etwas anderes an ihre Stelle gesetzt. Ihre Änderungen sind nicht gespeichert; sobald es entfernt ist, schreibt „Meine behalten“ sie zurück.</translation>
    </message>
    <message>
        <source>{0} no longer exists</source>
        <translation>{0} existiert nicht mehr</translation>
    </message>
    <message>
        <source>{0} was changed by the pull (a commit by {1}). Your edits are not saved: Merge puts them on top of the new version.</source>
        <translation>{0} wurde beim Holen der Änderungen geändert (ein Commit von {1}). Ihre Änderungen sind nicht gespeichert: Zusammenführen setzt sie auf die neue Fassung.</translation>
    </message>
    <message>
        <source>{0} was changed by the pull. Your edits are not saved: Merge puts them on top of the new version.</source>
        <translation>{0} wurde beim Holen der Änderungen geändert. Ihre Änderungen sind nicht gespeichert: Zusammenführen setzt sie auf die neue Fassung.</translation>
    </message>
    <message>
        <source>{0} was changed on disk and has been reloaded</source>
        <translation>{0} wurde auf der Festplatte geändert und neu geladen</translation>
    </message>
    <message>
        <source>{0} was changed on disk by another program. Your edits are not saved: Merge puts them on top of the new version.</source>
        <translation>{0} wurde von einem anderen Programm auf der Festplatte geändert. Ihre Änderungen sind nicht gespeichert: Zusammenführen setzt sie auf die neue Fassung.</translation>
    </message>
    <message>
        <source>{0} was deleted or moved by another program</source>
        <translation>{0} wurde von einem anderen Programm gelöscht oder verschoben</translation>
    </message>
    <message>
        <source>{0} was deleted or moved by another program. Your edits are not saved.</source>
        <translation>{0} wurde von einem anderen Programm gelöscht oder verschoben. Ihre Änderungen sind nicht gespeichert.</translation>
    </message>
    <message>
        <source>{0} was not saved:

{1}</source>
        <translation>{0} wurde nicht gespeichert:

{1}</translation>
    </message>
</context>
<context>
    <name>BodyView</name>
    <message>
        <source>Figure</source>
        <translation>Abbildung</translation>
    </message>
    <message>
        <source>GitHub gist</source>
        <translation>GitHub-Gist</translation>
    </message>
    <message>
        <source>Instagram post</source>
        <translation>Instagram-Beitrag</translation>
    </message>
    <message>
        <source>No article open.</source>
        <translation>Kein Artikel geöffnet.</translation>
    </message>
    <message>
        <source>Post on X</source>
        <translation>Beitrag auf X</translation>
    </message>
    <message>
        <source>Preparing the body…</source>
        <translation>Der Text wird vorbereitet…</translation>
    </message>
    <message>
        <source>Remote image, not loaded</source>
        <translation>Externes Bild, nicht geladen</translation>
    </message>
    <message>
        <source>Rendered</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>Rendering the rest of the body…</source>
        <translation>Der Rest des Textes wird aufbereitet…</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelltext</translation>
    </message>
    <message>
        <source>The body could not be shown: {0}</source>
        <translation>Der Text konnte nicht angezeigt werden: {0}</translation>
    </message>
    <message>
        <source>This article has no body text.</source>
        <translation>Dieser Artikel hat keinen Text.</translation>
    </message>
    <message>
        <source>This file cannot be read; its text is in the Source tab.</source>
        <translation>Diese Datei kann nicht gelesen werden; ihr Text steht im Reiter „Quelltext“.</translation>
    </message>
    <message>
        <source>Vimeo video</source>
        <translation>Vimeo-Video</translation>
    </message>
    <message>
        <source>YouTube video</source>
        <translation>YouTube-Video</translation>
    </message>
</context>
<context>
    <name>Bulk</name>
    <message>
        <source>(Undo: {0})</source>
        <translation>(Rückgängig: {0})</translation>
    </message>
    <message>
        <source>1 article moved back to draft</source>
        <translation>1 Artikel zurück zum Entwurf</translation>
    </message>
    <message>
        <source>1 article published</source>
        <translation>1 Artikel veröffentlicht</translation>
    </message>
    <message>
        <source>1 could not be changed</source>
        <translation>1 konnte nicht geändert werden</translation>
    </message>
    <message>
        <source>1 unreadable file will be skipped and reported.</source>
        <translation>1 unlesbare Datei wird übersprungen und gemeldet.</translation>
    </message>
    <message>
        <source>Back to Draft 1 article</source>
        <translation>1 Artikel zurück zum Entwurf</translation>
    </message>
    <message>
        <source>Back to Draft {0} articles</source>
        <translation>{0} Artikel zurück zum Entwurf</translation>
    </message>
    <message>
        <source>Back to Draft “{0}”</source>
        <translation>„{0}“ zurück zum Entwurf</translation>
    </message>
    <message>
        <source>Move 1 article back to draft?</source>
        <translation>1 Artikel zurück zum Entwurf machen?</translation>
    </message>
    <message>
        <source>Move {0} articles back to draft?</source>
        <translation>{0} Artikel zurück zum Entwurf machen?</translation>
    </message>
    <message>
        <source>Moving 1 article back to draft…</source>
        <translation>1 Artikel wird zurück zum Entwurf gemacht…</translation>
    </message>
    <message>
        <source>Moving {0} articles back to draft…</source>
        <translation>{0} Artikel werden zurück zum Entwurf gemacht…</translation>
    </message>
    <message>
        <source>Nothing to change: the selection is already in that state</source>
        <translation>Nichts zu ändern: Die Auswahl hat diesen Status bereits</translation>
    </message>
    <message>
        <source>Publish 1 article</source>
        <translation>1 Artikel veröffentlichen</translation>
    </message>
    <message>
        <source>Publish 1 article?</source>
        <translation>1 Artikel veröffentlichen?</translation>
    </message>
    <message>
        <source>Publish {0} articles</source>
        <translation>{0} Artikel veröffentlichen</translation>
    </message>
    <message>
        <source>Publish {0} articles?</source>
        <translation>{0} Artikel veröffentlichen?</translation>
    </message>
    <message>
        <source>Publish “{0}”</source>
        <translation>„{0}“ veröffentlichen</translation>
    </message>
    <message>
        <source>Publishing 1 article…</source>
        <translation>1 Artikel wird veröffentlicht…</translation>
    </message>
    <message>
        <source>Publishing {0} articles…</source>
        <translation>{0} Artikel werden veröffentlicht…</translation>
    </message>
    <message>
        <source>Some articles were not changed</source>
        <translation>Einige Artikel wurden nicht geändert</translation>
    </message>
    <message>
        <source>The change failed</source>
        <translation>Die Änderung ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>no drafts left in the list</source>
        <translation>keine Entwürfe mehr in der Liste</translation>
    </message>
    <message>
        <source>{0} articles moved back to draft</source>
        <translation>{0} Artikel zurück zum Entwurf</translation>
    </message>
    <message>
        <source>{0} articles published</source>
        <translation>{0} Artikel veröffentlicht</translation>
    </message>
    <message>
        <source>{0} could not be changed</source>
        <translation>{0} konnten nicht geändert werden</translation>
    </message>
    <message>
        <source>{0} unreadable files will be skipped and reported.</source>
        <translation>{0} unlesbare Dateien werden übersprungen und gemeldet.</translation>
    </message>
</context>
<context>
    <name>CheckPanel</name>
    <message>
        <source>1 error</source>
        <translation>1 Fehler</translation>
    </message>
    <message>
        <source>1 file checked</source>
        <translation>1 Datei geprüft</translation>
    </message>
    <message>
        <source>1 warning</source>
        <translation>1 Warnung</translation>
    </message>
    <message>
        <source>Check: 1 problem</source>
        <translation>Prüfung: 1 Problem</translation>
    </message>
    <message>
        <source>Check: {0} problems</source>
        <translation>Prüfung: {0} Probleme</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>No problems in 1 file.</source>
        <translation>Keine Probleme in 1 Datei.</translation>
    </message>
    <message>
        <source>No problems in {0} files.</source>
        <translation>Keine Probleme in {0} Dateien.</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>The check failed: {0}</source>
        <translation>Die Prüfung ist fehlgeschlagen: {0}</translation>
    </message>
    <message>
        <source>{0} errors</source>
        <translation>{0} Fehler</translation>
    </message>
    <message>
        <source>{0} files checked</source>
        <translation>{0} Dateien geprüft</translation>
    </message>
    <message>
        <source>{0} warnings</source>
        <translation>{0} Warnungen</translation>
    </message>
    <message>
        <source>{0}, {1} in {2}</source>
        <translation>{0}, {1} – {2}</translation>
    </message>
</context>
<context>
    <name>ChipsEditor</name>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <source>Remove “{0}”</source>
        <translation>„{0}“ entfernen</translation>
    </message>
    <message>
        <source>{0}, remove</source>
        <translation>{0}, entfernen</translation>
    </message>
</context>
<context>
    <name>ConflictBar</name>
    <message>
        <source>&amp;Keep Mine…</source>
        <translation>Meine &amp;behalten…</translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation>&amp;Zusammenführen</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <source>Drop your edits and show the file as it is now</source>
        <translation>Ihre Änderungen verwerfen und die Datei so zeigen, wie sie jetzt ist</translation>
    </message>
    <message>
        <source>Put your edits on top of the version on disk; nothing is saved yet</source>
        <translation>Ihre Änderungen auf die Fassung auf der Festplatte setzen; noch wird nichts gespeichert</translation>
    </message>
    <message>
        <source>Show &amp;Changes</source>
        <translation>Änderungen &amp;anzeigen</translation>
    </message>
    <message>
        <source>Write your version over the file on disk, dropping the outside changes</source>
        <translation>Ihre Fassung über die Datei auf der Festplatte schreiben; die Änderungen von außen gehen verloren</translation>
    </message>
</context>
<context>
    <name>CoverPreviewDialog</name>
    <message>
        <source>Cover image</source>
        <translation>Titelbild</translation>
    </message>
    <message>
        <source>Cover preview</source>
        <translation>Titelbild-Vorschau</translation>
    </message>
    <message>
        <source>Cover preview — {0}</source>
        <translation>Titelbild-Vorschau — {0}</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>QR-Code</translation>
    </message>
    <message>
        <source>This article names no cover image.</source>
        <translation>Dieser Artikel nennt kein Titelbild.</translation>
    </message>
    <message>
        <source>“{0}” names no cover image.</source>
        <translation>„{0}“ nennt kein Titelbild.</translation>
    </message>
</context>
<context>
    <name>CoverThumbnail</name>
    <message>
        <source>Click to preview the cover image</source>
        <translation>Klicken für eine Vorschau des Titelbilds</translation>
    </message>
    <message>
        <source>Cover image preview</source>
        <translation>Titelbild-Vorschau</translation>
    </message>
</context>
<context>
    <name>DateTimeEditor</name>
    <message>
        <source>In the file: {0}</source>
        <translation>In der Datei: {0}</translation>
    </message>
    <message>
        <source>The file gives no time zone; Hugo reads it as UTC unless the site sets one.</source>
        <translation>Die Datei nennt keine Zeitzone; Hugo liest die Zeit als UTC, sofern die Site keine festlegt.</translation>
    </message>
    <message>
        <source>Your time: {0}</source>
        <translation>Ihre Zeit: {0}</translation>
    </message>
</context>
<context>
    <name>DeskFeed</name>
    <message>
        <source>1 file added or changed</source>
        <translation>1 Datei hinzugefügt oder geändert</translation>
    </message>
    <message>
        <source>1 file removed</source>
        <translation>1 Datei entfernt</translation>
    </message>
    <message>
        <source>Outside changes: {0}</source>
        <translation>Änderungen von außen: {0}</translation>
    </message>
    <message>
        <source>The folder could not be read: {0}</source>
        <translation>Der Ordner konnte nicht gelesen werden: {0}</translation>
    </message>
    <message>
        <source>{0} files added or changed</source>
        <translation>{0} Dateien hinzugefügt oder geändert</translation>
    </message>
    <message>
        <source>{0} files removed</source>
        <translation>{0} Dateien entfernt</translation>
    </message>
    <message>
        <source>{0} is not in the list</source>
        <translation>{0} ist nicht in der Liste</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>1 file could not be changed:</source>
        <translation>1 Datei konnte nicht geändert werden:</translation>
    </message>
    <message>
        <source>1 of the {1} articles to publish has problems:</source>
        <translation>1 der {1} zu veröffentlichenden Artikel hat Probleme:</translation>
    </message>
    <message>
        <source>1 unreadable file will be skipped and reported:</source>
        <translation>1 unlesbare Datei wird übersprungen und gemeldet:</translation>
    </message>
    <message>
        <source>Change several articles</source>
        <translation>Mehrere Artikel ändern</translation>
    </message>
    <message>
        <source>Discard All</source>
        <translation>Alle verwerfen</translation>
    </message>
    <message>
        <source>If you don&apos;t save, your edits will be lost.</source>
        <translation>Wenn Sie nicht speichern, gehen Ihre Änderungen verloren.</translation>
    </message>
    <message>
        <source>Links in articles come from outside. Open it only if you expected this address.</source>
        <translation>Links in Artikeln kommen von außen. Öffnen Sie ihn nur, wenn Sie diese Adresse erwartet haben.</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>Open a local address?</source>
        <translation>Lokale Adresse öffnen?</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>Überschreiben</translation>
    </message>
    <message>
        <source>Overwrite the outside changes?</source>
        <translation>Die Änderungen von außen überschreiben?</translation>
    </message>
    <message>
        <source>Publish Anyway</source>
        <translation>Trotzdem veröffentlichen</translation>
    </message>
    <message>
        <source>Publish Only the 1 Without</source>
        <translation>Nur den Artikel ohne Probleme veröffentlichen</translation>
    </message>
    <message>
        <source>Publish Only the {0} Without</source>
        <translation>Nur die {0} ohne Probleme veröffentlichen</translation>
    </message>
    <message>
        <source>Publish with problems?</source>
        <translation>Mit Problemen veröffentlichen?</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Alle speichern</translation>
    </message>
    <message>
        <source>Save the changes to {0} articles?</source>
        <translation>Änderungen an {0} Artikeln speichern?</translation>
    </message>
    <message>
        <source>Save the changes to “{0}”?</source>
        <translation>Änderungen an „{0}“ speichern?</translation>
    </message>
    <message>
        <source>These changes made outside will be lost:
{0}</source>
        <translation>Diese Änderungen von außen gehen verloren:
{0}</translation>
    </message>
    <message>
        <source>This link goes to an address on your own machine or network:
{0}</source>
        <translation>Dieser Link führt zu einer Adresse auf Ihrem eigenen Rechner oder in Ihrem Netzwerk:
{0}</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Write your version of {0} over the file on disk?</source>
        <translation>Ihre Fassung von {0} über die Datei auf der Festplatte schreiben?</translation>
    </message>
    <message>
        <source>{0} files could not be changed:</source>
        <translation>{0} Dateien konnten nicht geändert werden:</translation>
    </message>
    <message>
        <source>{0} of the {1} articles to publish have problems:</source>
        <translation>{0} der {1} zu veröffentlichenden Artikel haben Probleme:</translation>
    </message>
    <message>
        <source>{0} unreadable files will be skipped and reported:</source>
        <translation>{0} unlesbare Dateien werden übersprungen und gemeldet:</translation>
    </message>
    <message>
        <source>“{0}” has problems that readers would see:</source>
        <translation>„{0}“ hat Probleme, die die Leser sehen würden:</translation>
    </message>
    <message>
        <source>…and {0} more</source>
        <translation>…und {0} weitere</translation>
    </message>
</context>
<context>
    <name>DiffDialog</name>
    <message>
        <source>No differences.</source>
        <translation>Keine Unterschiede.</translation>
    </message>
</context>
<context>
    <name>DiffFlow</name>
    <message>
        <source>(after Save)</source>
        <translation>(nach dem Speichern)</translation>
    </message>
    <message>
        <source>(on disk)</source>
        <translation>(auf der Festplatte)</translation>
    </message>
    <message>
        <source>Both against the version you opened: first your edits, then the changes made outside. − lines were in it; + lines are new.</source>
        <translation>Beides gegenüber der Fassung, die Sie geöffnet haben: zuerst Ihre Änderungen, dann die von außen. Zeilen mit − standen darin; Zeilen mit + sind neu.</translation>
    </message>
    <message>
        <source>Cannot show the changes</source>
        <translation>Die Änderungen können nicht angezeigt werden</translation>
    </message>
    <message>
        <source>Changes — {0}</source>
        <translation>Änderungen — {0}</translation>
    </message>
    <message>
        <source>Lines starting with − are in the file now; lines starting with + are what Save writes.</source>
        <translation>Zeilen mit − stehen jetzt in der Datei; Zeilen mit + schreibt Speichern.</translation>
    </message>
    <message>
        <source>Review Changes — {0}</source>
        <translation>Änderungen prüfen — {0}</translation>
    </message>
    <message>
        <source>What changed outside</source>
        <translation>Was sich außerhalb geändert hat</translation>
    </message>
    <message>
        <source>What you changed</source>
        <translation>Was Sie geändert haben</translation>
    </message>
    <message>
        <source>as opened</source>
        <translation>wie geöffnet</translation>
    </message>
</context>
<context>
    <name>FieldFactory</name>
    <message>
        <source>Aliases</source>
        <translation>Aliase</translation>
    </message>
    <message>
        <source>Article ID</source>
        <translation>Artikel-ID</translation>
    </message>
    <message>
        <source>Build options</source>
        <translation>Build-Optionen</translation>
    </message>
    <message>
        <source>Cascade</source>
        <translation>Kaskade</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Kategorien</translation>
    </message>
    <message>
        <source>Cover image</source>
        <translation>Titelbild</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Expiry date</source>
        <translation>Ablaufdatum</translation>
    </message>
    <message>
        <source>Feed item ID</source>
        <translation>Feed-Eintrags-ID</translation>
    </message>
    <message>
        <source>Headless</source>
        <translation>Headless</translation>
    </message>
    <message>
        <source>Hidden from readers</source>
        <translation>Für Leser verborgen</translation>
    </message>
    <message>
        <source>Keywords</source>
        <translation>Schlüsselwörter</translation>
    </message>
    <message>
        <source>Last modified</source>
        <translation>Zuletzt geändert</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>Layout</translation>
    </message>
    <message>
        <source>Link title</source>
        <translation>Linktitel</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menü</translation>
    </message>
    <message>
        <source>Menus</source>
        <translation>Menüs</translation>
    </message>
    <message>
        <source>Open the link in your browser</source>
        <translation>Den Link in Ihrem Browser öffnen</translation>
    </message>
    <message>
        <source>Output formats</source>
        <translation>Ausgabeformate</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Preview the QR code</source>
        <translation>Vorschau des QR-Codes</translation>
    </message>
    <message>
        <source>Preview the cover image</source>
        <translation>Vorschau des Titelbilds</translation>
    </message>
    <message>
        <source>Publish date</source>
        <translation>Veröffentlichungsdatum</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>QR-Code</translation>
    </message>
    <message>
        <source>Slug</source>
        <translation>Slug</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Source link</source>
        <translation>Quelllink</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Translation key</source>
        <translation>Übersetzungsschlüssel</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Gewichtung</translation>
    </message>
</context>
<context>
    <name>FieldKinds</name>
    <message>
        <source>(no value)</source>
        <translation>(kein Wert)</translation>
    </message>
</context>
<context>
    <name>GitBar</name>
    <message>
        <source>Abort</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Changed on {0} by {1}, {2}: pull first</source>
        <translation>Geändert auf {0} von {1}, {2}: zuerst holen</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Keep Mine</source>
        <translation>Meine behalten</translation>
    </message>
    <message>
        <source>Pull</source>
        <translation>Holen</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>Auflösen…</translation>
    </message>
    <message>
        <source>Take Theirs</source>
        <translation>Eingehende übernehmen</translation>
    </message>
    <message>
        <source>The {0} is still in progress: every conflict is resolved and staged. Continue to finish it (or abort the {0}).</source>
        <translation>Der {0} läuft noch: Alle Konflikte sind gelöst und vorgemerkt. Setzen Sie ihn fort, um ihn abzuschließen (oder brechen Sie den {0} ab).</translation>
    </message>
    <message>
        <source>The {0} is still in progress: {1} article(s) still have conflicts. Resolve them, then continue (or abort the {0}).</source>
        <translation>Der {0} läuft noch: {1} Artikel haben noch Konflikte. Lösen Sie sie auf, dann fortsetzen (oder den {0} abbrechen).</translation>
    </message>
    <message>
        <source>This article has conflicts from the {0}: keep your version or take theirs, then continue (or abort the {0}).</source>
        <translation>Dieser Artikel hat Konflikte aus dem {0}: Behalten Sie Ihre Fassung oder übernehmen Sie die eingehende, dann fortsetzen (oder den {0} abbrechen).</translation>
    </message>
    <message>
        <source>merge</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>rebase</source>
        <translation>Rebase</translation>
    </message>
</context>
<context>
    <name>GitColumns</name>
    <message>
        <source>1 day ago</source>
        <translation>vor 1 Tag</translation>
    </message>
    <message>
        <source>Changed on the remote</source>
        <translation>Auf dem Server geändert</translation>
    </message>
    <message>
        <source>Changed on the remote by {0}: pull first</source>
        <translation>Auf dem Server geändert von {0}: zuerst holen</translation>
    </message>
    <message>
        <source>Committed, not pushed</source>
        <translation>Committet, nicht gesendet</translation>
    </message>
    <message>
        <source>Conflicted</source>
        <translation>Konflikt</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>New (staged)</source>
        <translation>Neu (vorgemerkt)</translation>
    </message>
    <message>
        <source>Untracked</source>
        <translation>Nicht versioniert</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>{0} days ago</source>
        <translation>vor {0} Tagen</translation>
    </message>
    <message>
        <source>{0} h ago</source>
        <translation>vor {0} Std.</translation>
    </message>
    <message>
        <source>{0} min ago</source>
        <translation>vor {0} Min.</translation>
    </message>
</context>
<context>
    <name>GitDesk</name>
    <message>
        <source>Abort the merge</source>
        <translation>Merge abbrechen</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Commit</translation>
    </message>
    <message>
        <source>Committed: {0}</source>
        <translation>Committet: {0}</translation>
    </message>
    <message>
        <source>Continue the merge</source>
        <translation>Merge fortsetzen</translation>
    </message>
    <message>
        <source>Git failed unexpectedly: {0}</source>
        <translation>Git ist unerwartet fehlgeschlagen: {0}</translation>
    </message>
    <message>
        <source>Git: {0}</source>
        <translation>Git: {0}</translation>
    </message>
    <message>
        <source>Pull</source>
        <translation>Holen</translation>
    </message>
    <message>
        <source>Pulled</source>
        <translation>Änderungen geholt</translation>
    </message>
    <message>
        <source>Pulled the desk&apos;s new commits</source>
        <translation>Die neuen Commits des Teams geholt</translation>
    </message>
    <message>
        <source>Push</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Pushed</source>
        <translation>Commits gesendet</translation>
    </message>
    <message>
        <source>Read the conflict</source>
        <translation>Konflikt lesen</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Auflösen</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Abgleichen</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Abgeglichen</translation>
    </message>
    <message>
        <source>The incoming side</source>
        <translation>Die eingehende Seite</translation>
    </message>
    <message>
        <source>The merge is finished</source>
        <translation>Der Merge ist abgeschlossen</translation>
    </message>
    <message>
        <source>The merge was aborted</source>
        <translation>Der Merge wurde abgebrochen</translation>
    </message>
    <message>
        <source>The pull stopped on conflicts in {0} file(s): resolve them</source>
        <translation>Das Holen wurde wegen Konflikten in {0} Datei(en) angehalten: Lösen Sie sie</translation>
    </message>
    <message>
        <source>The pull stopped on conflicts in {0} file(s): resolve them, then continue</source>
        <translation>Das Holen wurde wegen Konflikten in {0} Datei(en) angehalten: Lösen Sie sie, dann fortsetzen</translation>
    </message>
    <message>
        <source>Your side</source>
        <translation>Ihre Seite</translation>
    </message>
    <message>
        <source>{0} deleted {1}; resolve it with git.</source>
        <translation>{0} hat {1} gelöscht; lösen Sie das mit git.</translation>
    </message>
    <message>
        <source>{0} is resolved and staged</source>
        <translation>{0} ist gelöst und vorgemerkt</translation>
    </message>
</context>
<context>
    <name>GitWiring</name>
    <message>
        <source> (kept, not in that version: {0})</source>
        <translation> (behalten, nicht in dieser Fassung: {0})</translation>
    </message>
    <message>
        <source>Both sides changed these. Pick a version for each, or edit the result. Use These writes the result to the file and stages it for the {0}; then Continue finishes the {0} (or Abort goes back to before the pull).</source>
        <translation>Beide Seiten haben diese geändert. Wählen Sie für jede eine Fassung oder bearbeiten Sie das Ergebnis. „Diese verwenden“ schreibt das Ergebnis in die Datei und merkt es für den {0} vor; dann schließt „Fortsetzen“ den {0} ab (oder „Abbrechen“ kehrt zum Stand vor dem Holen zurück).</translation>
    </message>
    <message>
        <source>Common version</source>
        <translation>Gemeinsame Fassung</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Eingehend</translation>
    </message>
    <message>
        <source>Merged field by field: {0}</source>
        <translation>Feld für Feld zusammengeführt: {0}</translation>
    </message>
    <message>
        <source>One side deleted {0}: keep your version or take theirs</source>
        <translation>Eine Seite hat {0} gelöscht: Behalten Sie Ihre Fassung oder übernehmen Sie die eingehende</translation>
    </message>
    <message>
        <source>Open an article in a git checkout to see its history</source>
        <translation>Öffnen Sie einen Artikel in einem Git-Checkout, um seinen Verlauf zu sehen</translation>
    </message>
    <message>
        <source>That version cannot be read: {0}</source>
        <translation>Diese Fassung kann nicht gelesen werden: {0}</translation>
    </message>
    <message>
        <source>The older version is staged: review it, then save</source>
        <translation>Die ältere Fassung ist übernommen: Prüfen Sie sie und speichern Sie dann</translation>
    </message>
    <message>
        <source>Yours</source>
        <translation>Ihre</translation>
    </message>
    <message>
        <source>{0} cannot be merged field by field: {1}</source>
        <translation>{0} kann nicht Feld für Feld zusammengeführt werden: {1}</translation>
    </message>
    <message>
        <source>{0} failed</source>
        <translation>{0} fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>(not known)</source>
        <translation>(unbekannt)</translation>
    </message>
    <message>
        <source>A review desk for Hugo content folders.</source>
        <translation>Ein Redaktionsarbeitsplatz für Hugo-Inhaltsordner.</translation>
    </message>
    <message>
        <source>About {0}</source>
        <translation>Über {0}</translation>
    </message>
    <message>
        <source>Down (in the filter box)</source>
        <translation>Pfeil nach unten (im Filterfeld)</translation>
    </message>
    <message>
        <source>Editor&apos;s Guide — {0}</source>
        <translation>Leitfaden für die Redaktion — {0}</translation>
    </message>
    <message>
        <source>Filter box → list → form fields → body, and back</source>
        <translation>Filterfeld → Liste → Formularfelder → Text und zurück</translation>
    </message>
    <message>
        <source>Folder: {0}</source>
        <translation>Ordner: {0}</translation>
    </message>
    <message>
        <source>Go to the list</source>
        <translation>Zur Liste wechseln</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts — {0}</source>
        <translation>Tastenkürzel — {0}</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Licence: {0}</source>
        <translation>Lizenz: {0}</translation>
    </message>
    <message>
        <source>List and form</source>
        <translation>Liste und Formular</translation>
    </message>
    <message>
        <source>No guide</source>
        <translation>Kein Leitfaden</translation>
    </message>
    <message>
        <source>Sample desk (your own copy, safe to change): {0}</source>
        <translation>Beispiel-Desk (Ihre eigene Kopie, Änderungen unbedenklich): {0}</translation>
    </message>
    <message>
        <source>Sample desk: {0}</source>
        <translation>Beispiel-Desk: {0}</translation>
    </message>
    <message>
        <source>Settings: {0}</source>
        <translation>Einstellungen: {0}</translation>
    </message>
    <message>
        <source>Step the part of the date under the cursor</source>
        <translation>Den Teil des Datums unter dem Cursor erhöhen oder verringern</translation>
    </message>
    <message>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Umschalt+Tab</translation>
    </message>
    <message>
        <source>The guide is not installed with this copy.</source>
        <translation>Der Leitfaden ist in dieser Installation nicht enthalten.</translation>
    </message>
    <message>
        <source>Up / Down (in a date)</source>
        <translation>Pfeil nach oben / unten (in einem Datum)</translation>
    </message>
    <message>
        <source>Your own copy of the sample desk: change it freely.</source>
        <translation>Ihre eigene Kopie des Beispiel-Desks: Ändern Sie sie nach Belieben.</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Reading the history of {0}…</source>
        <translation>Verlauf von {0} wird gelesen…</translation>
    </message>
    <message>
        <source>Restore This Version</source>
        <translation>Diese Fassung wiederherstellen</translation>
    </message>
    <message>
        <source>body: 1 line changed</source>
        <translation>Text: 1 Zeile geändert</translation>
    </message>
    <message>
        <source>body: {0} lines changed</source>
        <translation>Text: {0} Zeilen geändert</translation>
    </message>
    <message>
        <source>created in this commit</source>
        <translation>in diesem Commit angelegt</translation>
    </message>
    <message>
        <source>deleted in this commit</source>
        <translation>in diesem Commit gelöscht</translation>
    </message>
    <message>
        <source>front matter not readable here: {0}</source>
        <translation>Metadaten hier nicht lesbar: {0}</translation>
    </message>
    <message>
        <source>merge: what it brought in, against its first parent</source>
        <translation>Merge: was er gegenüber seinem ersten Elternteil mitbrachte</translation>
    </message>
    <message>
        <source>no change to the front matter or the body</source>
        <translation>keine Änderung an Metadaten oder Text</translation>
    </message>
    <message>
        <source>renamed from {0}</source>
        <translation>umbenannt von {0}</translation>
    </message>
    <message>
        <source>{0} has no commits yet</source>
        <translation>{0} hat noch keine Commits</translation>
    </message>
    <message>
        <source>{0}: (new) {1}</source>
        <translation>{0}: (neu) {1}</translation>
    </message>
    <message>
        <source>{0}: key renamed from {1}</source>
        <translation>{0}: Schlüssel umbenannt von {1}</translation>
    </message>
    <message>
        <source>{0}: removed (was {1})</source>
        <translation>{0}: entfernt (war {1})</translation>
    </message>
    <message>
        <source>{0}: {1} → {2}</source>
        <translation>{0}: {1} → {2}</translation>
    </message>
    <message>
        <source>{1}: 1 commit</source>
        <translation>{1}: 1 Commit</translation>
    </message>
    <message>
        <source>{1}: {0} commits</source>
        <translation>{1}: {0} Commits</translation>
    </message>
</context>
<context>
    <name>ImageLoader</name>
    <message>
        <source>A secure connection to {0} could not be made</source>
        <translation>Eine sichere Verbindung zu {0} konnte nicht hergestellt werden</translation>
    </message>
    <message>
        <source>No image is set</source>
        <translation>Kein Bild angegeben</translation>
    </message>
    <message>
        <source>Not loaded: {0} is an address on your own machine or network</source>
        <translation>Nicht geladen: {0} ist eine Adresse auf Ihrem eigenen Rechner oder in Ihrem Netzwerk</translation>
    </message>
    <message>
        <source>Only http and https addresses or files of the site can be shown, not {0}: links</source>
        <translation>Nur http- und https-Adressen oder Dateien der Site können gezeigt werden, keine {0}:-Links</translation>
    </message>
    <message>
        <source>The image could not be read</source>
        <translation>Das Bild konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>The image could not be read ({0})</source>
        <translation>Das Bild konnte nicht gelesen werden ({0})</translation>
    </message>
    <message>
        <source>The image is larger than the limit of {0}</source>
        <translation>Das Bild überschreitet die Grenze von {0}</translation>
    </message>
    <message>
        <source>The server answered {0}</source>
        <translation>Der Server antwortete mit {0}</translation>
    </message>
    <message>
        <source>The server did not send an image ({0})</source>
        <translation>Der Server hat kein Bild gesendet ({0})</translation>
    </message>
    <message>
        <source>The server redirected to an insecure (http) address; not followed</source>
        <translation>Der Server leitete auf eine unsichere (http-)Adresse um; nicht gefolgt</translation>
    </message>
    <message>
        <source>The server redirected too many times</source>
        <translation>Der Server hat zu oft umgeleitet</translation>
    </message>
    <message>
        <source>The server {0} could not be found</source>
        <translation>Der Server {0} wurde nicht gefunden</translation>
    </message>
    <message>
        <source>The server {0} did not answer within {1} seconds</source>
        <translation>Der Server {0} hat nicht innerhalb von {1} Sekunden geantwortet</translation>
    </message>
    <message>
        <source>The server {0} refused the connection</source>
        <translation>Der Server {0} hat die Verbindung abgelehnt</translation>
    </message>
    <message>
        <source>{0} bytes</source>
        <translation>{0} Byte</translation>
    </message>
    <message>
        <source>{0} is not a valid web address ({1})</source>
        <translation>{0} ist keine gültige Webadresse ({1})</translation>
    </message>
    <message>
        <source>{0} was not found: {1}</source>
        <translation>{0} wurde nicht gefunden: {1}</translation>
    </message>
</context>
<context>
    <name>ImagePanel</name>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Only web addresses open in the browser</source>
        <translation>Nur Webadressen öffnen sich im Browser</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>Im Browser öffnen</translation>
    </message>
    <message>
        <source>{0} × {1} pixels</source>
        <translation>{0} × {1} Pixel</translation>
    </message>
</context>
<context>
    <name>Links</name>
    <message>
        <source>Copydesk only opens web links (http or https) that show where they go. This link was not opened:
{0}

Why: {1}</source>
        <translation>Copydesk öffnet nur Weblinks (http oder https), die zeigen, wohin sie führen. Dieser Link wurde nicht geöffnet:
{0}

Grund: {1}</translation>
    </message>
    <message>
        <source>Link not opened</source>
        <translation>Link nicht geöffnet</translation>
    </message>
    <message>
        <source>No web browser could open this link:
{0}</source>
        <translation>Kein Webbrowser konnte diesen Link öffnen:
{0}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Cannot open folder</source>
        <translation>Ordner kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Review Changes shows one article: select only that one</source>
        <translation>„Änderungen prüfen“ zeigt einen Artikel: Wählen Sie nur diesen aus</translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation>Wird eingelesen…</translation>
    </message>
    <message>
        <source>Scanning… {0} files</source>
        <translation>Wird eingelesen… {0} Dateien</translation>
    </message>
    <message>
        <source>Some files were not put back</source>
        <translation>Einige Dateien wurden nicht zurückgesetzt</translation>
    </message>
    <message>
        <source>Undone: {0}</source>
        <translation>Rückgängig gemacht: {0}</translation>
    </message>
    <message>
        <source>Unsaved edits could not be kept on disk: {0}</source>
        <translation>Ungespeicherte Änderungen konnten nicht auf der Festplatte gesichert werden: {0}</translation>
    </message>
    <message>
        <source>Wait until the change to the files has finished</source>
        <translation>Warten Sie, bis die Änderung an den Dateien abgeschlossen ist</translation>
    </message>
    <message>
        <source>archetypes</source>
        <translation>Archetypen</translation>
    </message>
    <message>
        <source>other files</source>
        <translation>weiteren Dateien</translation>
    </message>
    <message>
        <source>templates</source>
        <translation>Vorlagen</translation>
    </message>
    <message>
        <source>{0} and {1}</source>
        <translation>{0} und {1}</translation>
    </message>
    <message>
        <source>{0} and {1} more</source>
        <translation>{0} und {1} weitere</translation>
    </message>
    <message>
        <source>{0} articles</source>
        <translation>{0} Artikel</translation>
    </message>
    <message>
        <source>{0} is no site but holds the Hugo site {1}: its pages are read without its config (Hugo&apos;s defaults decide their states). Open {1} to read them as Hugo does.</source>
        <translation>{0} ist keine Website, enthält aber die Hugo-Website {1}: Ihre Seiten werden ohne ihre Konfiguration gelesen (ihre Zustände folgen Hugos Vorgaben). Öffnen Sie {1}, um sie wie Hugo zu lesen.</translation>
    </message>
    <message>
        <source>{0} is no site but holds the Hugo site {1}: its {2} are listed as pages too. Open {1} for its pages alone.</source>
        <translation>{0} ist keine Website, enthält aber die Hugo-Website {1}: Auch ihre {2} werden als Seiten aufgeführt. Öffnen Sie {1}, um nur ihre Seiten zu sehen.</translation>
    </message>
    <message>
        <source>{0} is no site but holds the Hugo sites {1}: their pages are read without their config (Hugo&apos;s defaults decide their states). Open one of them to read its pages as Hugo does.</source>
        <translation>{0} ist keine Website, enthält aber die Hugo-Websites {1}: Deren Seiten werden ohne ihre Konfiguration gelesen (ihre Zustände folgen Hugos Vorgaben). Öffnen Sie eine davon, um ihre Seiten wie Hugo zu lesen.</translation>
    </message>
    <message>
        <source>{0} is no site but holds the Hugo sites {1}: their {2} are listed as pages too. Open one of them for its pages alone.</source>
        <translation>{0} ist keine Website, enthält aber die Hugo-Websites {1}: Auch deren {2} werden als Seiten aufgeführt. Öffnen Sie eine davon, um nur ihre Seiten zu sehen.</translation>
    </message>
    <message>
        <source>{0} is not a folder.</source>
        <translation>{0} ist kein Ordner.</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
</context>
<context>
    <name>MergeFlow</name>
    <message>
        <source>Cannot merge</source>
        <translation>Zusammenführen nicht möglich</translation>
    </message>
    <message>
        <source>Merged with the version on disk: {0}. Not saved yet.</source>
        <translation>Mit der Fassung auf der Festplatte zusammengeführt: {0}. Noch nicht gespeichert.</translation>
    </message>
    <message>
        <source>{0} cannot be merged with the version on disk.

{1}

Reload shows the version on disk; Keep Mine writes yours over it.</source>
        <translation>{0} kann nicht mit der Fassung auf der Festplatte zusammengeführt werden.

{1}

Neu laden zeigt die Fassung auf der Festplatte; Meine behalten schreibt Ihre darüber.</translation>
    </message>
    <message>
        <source>{0} changed again on disk while merging; merge again.</source>
        <translation>{0} hat sich beim Zusammenführen erneut auf der Festplatte geändert; bitte erneut zusammenführen.</translation>
    </message>
    <message>
        <source>{0} was deleted or moved by another program; there is nothing to merge with.</source>
        <translation>{0} wurde von einem anderen Programm gelöscht oder verschoben; es gibt nichts zum Zusammenführen.</translation>
    </message>
</context>
<context>
    <name>MetadataForm</name>
    <message>
        <source>No article open.
Select an article in the list to review it.</source>
        <translation>Kein Artikel geöffnet.
Wählen Sie einen Artikel in der Liste, um ihn zu prüfen.</translation>
    </message>
    <message>
        <source>Remove {0} from this article</source>
        <translation>{0} aus diesem Artikel entfernen</translation>
    </message>
    <message>
        <source>This article already has “{0}”.</source>
        <translation>Dieser Artikel hat bereits „{0}“.</translation>
    </message>
    <message>
        <source>This file cannot be opened:
{0}

{1}

Fix it in a text editor; Copydesk will not write it.</source>
        <translation>Diese Datei kann nicht geöffnet werden:
{0}

{1}

Korrigieren Sie sie in einem Texteditor; Copydesk schreibt sie nicht.</translation>
    </message>
    <message>
        <source>Too many keys to edit one by one here: read-only; edit them in a text editor.</source>
        <translation>Zu viele Schlüssel, um sie hier einzeln zu bearbeiten: schreibgeschützt; bearbeiten Sie sie in einem Texteditor.</translation>
    </message>
    <message>
        <source>no front matter yet</source>
        <translation>noch keine Metadaten</translation>
    </message>
    <message>
        <source>{0} has a conflict from the {1}: both versions are in the file, between git&apos;s markers (see the Source tab).

Keep Mine or Take Theirs above writes one of them; Resolve… merges them field by field and asks about the fields both sides changed.</source>
        <translation>{0} hat einen Konflikt aus dem {1}: Beide Fassungen stehen in der Datei, zwischen den Markierungen von git (siehe den Reiter Quelltext).

„Meine behalten“ oder „Eingehende übernehmen“ oben schreibt eine davon; „Auflösen…“ führt sie Feld für Feld zusammen und fragt nach den Feldern, die beide Seiten geändert haben.</translation>
    </message>
    <message>
        <source>{0} more keys</source>
        <translation>{0} weitere Schlüssel</translation>
    </message>
</context>
<context>
    <name>MultiEditForm</name>
    <message>
        <source>1 of them has unsaved edits of its own: Save leaves it out (save or revert it first).</source>
        <translation>1 davon hat eigene ungespeicherte Änderungen: Speichern lässt es aus (speichern oder verwerfen Sie diese zuerst).</translation>
    </message>
    <message>
        <source>1 selected file cannot be read and is left out.</source>
        <translation>1 ausgewählte Datei kann nicht gelesen werden und wird ausgelassen.</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Editing {0} articles</source>
        <translation>{0} Artikel werden bearbeitet</translation>
    </message>
    <message>
        <source>Fields all of them have; a change is written to every one.</source>
        <translation>Felder, die alle haben; eine Änderung wird in jeden Artikel geschrieben.</translation>
    </message>
    <message>
        <source>Mixed: type to set all</source>
        <translation>Unterschiedliche Werte: Eingabe gilt für alle</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save to {0} Articles</source>
        <translation>In {0} Artikeln speichern</translation>
    </message>
    <message>
        <source>These articles share no field that can be edited together.</source>
        <translation>Diese Artikel haben kein gemeinsames Feld, das sich zusammen bearbeiten lässt.</translation>
    </message>
    <message>
        <source>{0} (changed)</source>
        <translation>{0} (geändert)</translation>
    </message>
    <message>
        <source>{0} (mixed)</source>
        <translation>{0} (unterschiedlich)</translation>
    </message>
    <message>
        <source>{0} of them have unsaved edits of their own: Save leaves them out (save or revert them first).</source>
        <translation>{0} davon haben eigene ungespeicherte Änderungen: Speichern lässt sie aus (speichern oder verwerfen Sie diese zuerst).</translation>
    </message>
    <message>
        <source>{0} selected files cannot be read and are left out.</source>
        <translation>{0} ausgewählte Dateien können nicht gelesen werden und werden ausgelassen.</translation>
    </message>
</context>
<context>
    <name>MultiLineEditor</name>
    <message>
        <source>over the limit of {0} characters</source>
        <translation>über der Grenze von {0} Zeichen</translation>
    </message>
    <message>
        <source>{0} / {1}</source>
        <translation>{0} / {1}</translation>
    </message>
</context>
<context>
    <name>MultiSelection</name>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Saved 1 article</source>
        <translation>1 Artikel gespeichert</translation>
    </message>
    <message>
        <source>Saved {0} articles</source>
        <translation>{0} Artikel gespeichert</translation>
    </message>
    <message>
        <source>it has unsaved edits of its own: save or revert them first</source>
        <translation>die Datei hat eigene ungespeicherte Änderungen: Speichern oder verwerfen Sie diese zuerst</translation>
    </message>
    <message>
        <source>{0} articles selected: the form edits at most {1} together (Publish and Back to Draft work on all of them)</source>
        <translation>{0} Artikel ausgewählt: Das Formular bearbeitet höchstens {1} zusammen (Veröffentlichen und Zurück zum Entwurf wirken auf alle)</translation>
    </message>
</context>
<context>
    <name>NumberEditor</name>
    <message>
        <source>Enter a number</source>
        <translation>Geben Sie eine Zahl ein</translation>
    </message>
    <message>
        <source>Enter a whole number</source>
        <translation>Geben Sie eine ganze Zahl ein</translation>
    </message>
</context>
<context>
    <name>OutsideChange</name>
    <message>
        <source>body</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>changes to comments or spacing</source>
        <translation>Änderungen an Kommentaren oder Leerraum</translation>
    </message>
    <message>
        <source>no changes</source>
        <translation>keine Änderungen</translation>
    </message>
    <message>
        <source>the body</source>
        <translation>der Text</translation>
    </message>
    <message>
        <source>the deletion of the file</source>
        <translation>das Löschen der Datei</translation>
    </message>
    <message>
        <source>the whole version on disk (it cannot be read: {0})</source>
        <translation>die ganze Fassung auf der Festplatte (sie kann nicht gelesen werden: {0})</translation>
    </message>
    <message>
        <source>your {0} edit kept</source>
        <translation>Ihre Änderung an {0} behalten</translation>
    </message>
    <message>
        <source>{0} (added)</source>
        <translation>{0} (hinzugefügt)</translation>
    </message>
    <message>
        <source>{0} (changed)</source>
        <translation>{0} (geändert)</translation>
    </message>
    <message>
        <source>{0} (removed)</source>
        <translation>{0} (entfernt)</translation>
    </message>
    <message>
        <source>{0} (renamed)</source>
        <translation>{0} (umbenannt)</translation>
    </message>
    <message>
        <source>{0} changed outside</source>
        <translation>{0} außerhalb geändert</translation>
    </message>
    <message>
        <source>{0} conflict(s) resolved</source>
        <translation>{0} Konflikt(e) gelöst</translation>
    </message>
</context>
<context>
    <name>ProblemList</name>
    <message>
        <source>Error: {0}</source>
        <translation>Fehler: {0}</translation>
    </message>
    <message>
        <source>Warning: {0}</source>
        <translation>Warnung: {0}</translation>
    </message>
</context>
<context>
    <name>ProblemModel</name>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
</context>
<context>
    <name>QShortcut</name>
    <message>
        <source>Return</source>
        <translation>Eingabe</translation>
    </message>
</context>
<context>
    <name>ReadOnlyEditor</name>
    <message>
        <source>Read-only here; edit nested values in a text editor.</source>
        <translation>Hier schreibgeschützt; bearbeiten Sie verschachtelte Werte in einem Texteditor.</translation>
    </message>
</context>
<context>
    <name>RecentFoldersMenu</name>
    <message>
        <source>Clear List</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>No recent folders</source>
        <translation>Keine zuletzt geöffneten Ordner</translation>
    </message>
</context>
<context>
    <name>ResolverDialog</name>
    <message>
        <source>(not in this version)</source>
        <translation>(nicht in dieser Fassung)</translation>
    </message>
    <message>
        <source>Body, part {0}</source>
        <translation>Text, Teil {0}</translation>
    </message>
    <message>
        <source>Both versions changed these. Pick a version for each, or edit the result. Nothing is saved until you save the article.</source>
        <translation>Beide Fassungen haben diese geändert. Wählen Sie für jede eine Fassung oder bearbeiten Sie das Ergebnis. Gespeichert wird erst, wenn Sie den Artikel speichern.</translation>
    </message>
    <message>
        <source>Common version</source>
        <translation>Gemeinsame Fassung</translation>
    </message>
    <message>
        <source>Outside</source>
        <translation>Von außen</translation>
    </message>
    <message>
        <source>Resolve Changes</source>
        <translation>Änderungen auflösen</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Take both (yours first)</source>
        <translation>Beide übernehmen (Ihre zuerst)</translation>
    </message>
    <message>
        <source>Take: {0}</source>
        <translation>Übernehmen: {0}</translation>
    </message>
    <message>
        <source>Use These</source>
        <translation>Diese verwenden</translation>
    </message>
    <message>
        <source>Yours</source>
        <translation>Ihre</translation>
    </message>
    <message>
        <source>a table is written as a JSON object, {...}</source>
        <translation>eine Tabelle wird als JSON-Objekt geschrieben, {...}</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
</context>
<context>
    <name>SetValueCommand</name>
    <message>
        <source>Edit {0}</source>
        <translation>{0} bearbeiten</translation>
    </message>
    <message>
        <source>Remove {0}</source>
        <translation>{0} entfernen</translation>
    </message>
</context>
<context>
    <name>UnreadableBar</name>
    <message>
        <source>Copydesk cannot read {0} and will not write it. {1}</source>
        <translation>Copydesk kann {0} nicht lesen und wird die Datei nicht schreiben. {1}</translation>
    </message>
    <message>
        <source>Could not open</source>
        <translation>Öffnen fehlgeschlagen</translation>
    </message>
    <message>
        <source>Its text is in the Source tab.</source>
        <translation>Ihr Text steht im Reiter „Quelltext“.</translation>
    </message>
    <message>
        <source>Line {0} is highlighted in the Source tab.</source>
        <translation>Zeile {0} ist im Reiter „Quelltext“ markiert.</translation>
    </message>
    <message>
        <source>No application could open {0}.</source>
        <translation>Keine Anwendung konnte {0} öffnen.</translation>
    </message>
    <message>
        <source>Open in Text Editor</source>
        <translation>Im Texteditor öffnen</translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation>Im Ordner zeigen</translation>
    </message>
</context>
<context>
    <name>UnsavedFlow</name>
    <message>
        <source>1 of them changed on disk since: open it to choose</source>
        <translation>1 davon hat sich seitdem auf der Festplatte geändert: Öffnen Sie ihn, um zu wählen</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Alle speichern</translation>
    </message>
    <message>
        <source>Saved 1 article</source>
        <translation>1 Artikel gespeichert</translation>
    </message>
    <message>
        <source>Saved {0} articles</source>
        <translation>{0} Artikel gespeichert</translation>
    </message>
    <message>
        <source>Unsaved edits of 1 article are back</source>
        <translation>Ungespeicherte Änderungen an 1 Artikel wiederhergestellt</translation>
    </message>
    <message>
        <source>Unsaved edits of {0} articles are back</source>
        <translation>Ungespeicherte Änderungen an {0} Artikeln wiederhergestellt</translation>
    </message>
    <message>
        <source>not saved (see the message above the form)</source>
        <translation>nicht gespeichert (siehe die Meldung über dem Formular)</translation>
    </message>
    <message>
        <source>{0} could not be read back: {1}</source>
        <translation>Nicht wiederherstellbar ({0}): {1}</translation>
    </message>
    <message>
        <source>{0} of them changed on disk since: open them to choose</source>
        <translation>{0} davon haben sich seitdem auf der Festplatte geändert: Öffnen Sie sie, um zu wählen</translation>
    </message>
</context>
<context>
    <name>WriteHistory</name>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Redo {0}</source>
        <translation>&amp;Wiederholen: {0}</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Undo {0}</source>
        <translation>&amp;Rückgängig: {0}</translation>
    </message>
</context>
</TS>
