<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AttachmentTexts</name>
    <message>
        <source>This is not an image this app can show.</source>
        <translation>Dieses Bild kann die App nicht anzeigen.</translation>
    </message>
    <message>
        <source>This image is too large to show.</source>
        <translation>Dieses Bild ist zu groß, um es anzuzeigen.</translation>
    </message>
    <message>
        <source>This image is damaged.</source>
        <translation>Dieses Bild ist beschädigt.</translation>
    </message>
    <message>
        <source>This file cannot be read.</source>
        <translation>Diese Datei kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>This file is empty.</source>
        <translation>Diese Datei ist leer.</translation>
    </message>
    <message>
        <source>This file is too large to send.</source>
        <translation>Diese Datei ist zu groß zum Senden.</translation>
    </message>
    <message>
        <source>The photo could not be prepared for sending.</source>
        <translation>Das Foto konnte nicht zum Senden vorbereitet werden.</translation>
    </message>
    <message>
        <source>AUDIO</source>
        <translation>AUDIO</translation>
    </message>
    <message>
        <source>VIDEO</source>
        <translation>VIDEO</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <extracomment>progress of a file transfer: %1 done of %2</extracomment>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1 · Click to open or save</source>
        <extracomment>under a file&apos;s name in a chat: its size, then what a click does</extracomment>
        <translation>%1 · Klicken zum Öffnen oder Speichern</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
</context>
<context>
    <name>ChatMessages</name>
    <message>
        <source>You are not a member of this conversation any more.</source>
        <translation>Sie sind nicht mehr Mitglied dieser Unterhaltung.</translation>
    </message>
    <message>
        <source>This person or member could not be found.</source>
        <translation>Diese Person oder dieses Mitglied wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>Only the group&apos;s owner can do this.</source>
        <translation>Das kann nur der Eigentümer der Gruppe.</translation>
    </message>
    <message>
        <source>This works only in groups.</source>
        <translation>Das geht nur in Gruppen.</translation>
    </message>
    <message>
        <source>You cannot send a private message to yourself.</source>
        <translation>Sie können sich selbst keine private Nachricht senden.</translation>
    </message>
    <message>
        <source>A group can have at most %1 members.</source>
        <translation>Eine Gruppe kann höchstens %1 Mitglieder haben.</translation>
    </message>
    <message>
        <source>A message needs 1 to %1 characters.</source>
        <translation>Eine Nachricht braucht 1 bis %1 Zeichen.</translation>
    </message>
    <message>
        <source>A group name needs 1 to %1 characters.</source>
        <translation>Ein Gruppenname braucht 1 bis %1 Zeichen.</translation>
    </message>
    <message>
        <source>Choose at least one person.</source>
        <translation>Wählen Sie mindestens eine Person.</translation>
    </message>
    <message>
        <source>Type 1 to %1 characters to search.</source>
        <translation>Geben Sie zum Suchen 1 bis %1 Zeichen ein.</translation>
    </message>
    <message>
        <source>The server did not accept this.</source>
        <translation>Der Server hat das nicht angenommen.</translation>
    </message>
    <message>
        <source>You are offline right now. Please try again once the connection is back.</source>
        <translation>Sie sind gerade offline. Bitte versuchen Sie es erneut, sobald die Verbindung wieder besteht.</translation>
    </message>
    <message>
        <source>You blocked %1. Unblock them to send messages.</source>
        <extracomment>%1 is the person I blocked</extracomment>
        <translation>Sie haben %1 blockiert. Heben Sie die Blockierung auf, um Nachrichten zu senden.</translation>
    </message>
    <message>
        <source>Someone you chose can&apos;t be added: one of you has blocked the other.</source>
        <translation>Eine der gewählten Personen kann nicht hinzugefügt werden: Einer von Ihnen hat den anderen blockiert.</translation>
    </message>
    <message>
        <source>%1 doesn&apos;t accept messages from you.</source>
        <extracomment>%1 is the person who does not accept my messages</extracomment>
        <translation>%1 nimmt keine Nachrichten von Ihnen an.</translation>
    </message>
    <message>
        <source>This person doesn&apos;t accept messages from you.</source>
        <translation>Diese Person nimmt keine Nachrichten von Ihnen an.</translation>
    </message>
    <message>
        <source>This name contains a word this server doesn&apos;t allow.</source>
        <translation>Dieser Name enthält ein Wort, das dieser Server nicht erlaubt.</translation>
    </message>
    <message>
        <source>This message contains a word this server doesn&apos;t allow.</source>
        <translation>Diese Nachricht enthält ein Wort, das dieser Server nicht erlaubt.</translation>
    </message>
    <message>
        <source>Links can&apos;t be sent until %1 accepts your chat.</source>
        <extracomment>%1 is the person I started a chat with</extracomment>
        <translation>Links können erst gesendet werden, wenn %1 Ihren Chat annimmt.</translation>
    </message>
    <message>
        <source>This server doesn&apos;t allow links here.</source>
        <translation>Dieser Server erlaubt hier keine Links.</translation>
    </message>
    <message>
        <source>You have blocked as many people as you can (%1). Unblock someone first.</source>
        <translation>Sie haben so viele Personen blockiert wie möglich (%1). Heben Sie zuerst eine Blockierung auf.</translation>
    </message>
    <message numerus="yes">
        <source>You&apos;re sending messages too fast; retrying in %n s.</source>
        <translation>
            <numerusform>Sie senden zu schnell; neuer Versuch in %n s.</numerusform>
            <numerusform>Sie senden zu schnell; neuer Versuch in %n s.</numerusform>
        </translation>
    </message>
    <message>
        <source>This message can no longer be edited: the time for changing it has passed.</source>
        <translation>Diese Nachricht kann nicht mehr bearbeitet werden: Die Zeit für Änderungen ist abgelaufen.</translation>
    </message>
</context>
<context>
    <name>CommandLineText</name>
    <message>
        <source>Natter desktop client</source>
        <translation>Natter Desktop-Client</translation>
    </message>
    <message>
        <source>Server address, e.g. ws://127.0.0.1:4860/. A server with several addresses: all of them, separated by commas.</source>
        <translation>Serveradresse, z. B. ws://127.0.0.1:4860/. Ein Server mit mehreren Adressen: alle, durch Kommas getrennt.</translation>
    </message>
    <message>
        <source>Use a separate profile (own settings and sign-in).</source>
        <translation>Ein eigenes Profil verwenden (eigene Einstellungen und Anmeldung).</translation>
    </message>
    <message>
        <source>Log detail: debug, info, warning or error.</source>
        <translation>Protokollstufe: debug, info, warning oder error.</translation>
    </message>
    <message>
        <source>Unknown log level: %1</source>
        <translation>Unbekannte Protokollstufe: %1</translation>
    </message>
    <message>
        <source>Profile names use only letters, digits, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>Profilnamen bestehen nur aus Buchstaben, Ziffern, „_“ und „-“.</translation>
    </message>
</context>
<context>
    <name>FileMessages</name>
    <message>
        <source>Your storage on this server is full. Delete some attachments first.</source>
        <translation>Ihr Speicher auf diesem Server ist voll. Löschen Sie zuerst einige Anhänge.</translation>
    </message>
    <message>
        <source>The file changed while it was being sent. Please try again.</source>
        <translation>Die Datei hat sich beim Senden geändert. Bitte versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>The server no longer has this attachment. Please attach it again.</source>
        <translation>Der Server hat diesen Anhang nicht mehr. Bitte hängen Sie ihn noch einmal an.</translation>
    </message>
    <message>
        <source>This file is not available any more.</source>
        <translation>Diese Datei ist nicht mehr verfügbar.</translation>
    </message>
    <message>
        <source>Could not read %1.</source>
        <translation>%1 konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Could not save to %1.</source>
        <translation>Konnte nicht in %1 speichern.</translation>
    </message>
    <message>
        <source>This file is empty.</source>
        <translation>Diese Datei ist leer.</translation>
    </message>
    <message>
        <source>Files can be at most %1.</source>
        <translation>Dateien dürfen höchstens %1 groß sein.</translation>
    </message>
    <message>
        <source>The file arrived incomplete. Please try again.</source>
        <translation>Die Datei kam unvollständig an. Bitte versuchen Sie es noch einmal.</translation>
    </message>
</context>
<context>
    <name>MessageText</name>
    <message>
        <source>Message deleted</source>
        <extracomment>the tombstone of a message its sender (or the group&apos;s owner) deleted for everyone</extracomment>
        <translation>Nachricht gelöscht</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>Jemand</translation>
    </message>
    <message>
        <source>%1 created the group “%2”</source>
        <extracomment>%1 is a person, %2 the group&apos;s name</extracomment>
        <translation>%1 hat die Gruppe „%2“ erstellt</translation>
    </message>
    <message>
        <source>%1 added %2</source>
        <extracomment>%1 is a person, %2 one or more people</extracomment>
        <translation>%1 hat %2 hinzugefügt</translation>
    </message>
    <message>
        <source>%1 removed %2</source>
        <translation>%1 hat %2 entfernt</translation>
    </message>
    <message>
        <source>%1 left the group</source>
        <translation>%1 hat die Gruppe verlassen</translation>
    </message>
    <message>
        <source>%1 renamed the group to “%2”</source>
        <translation>%1 hat die Gruppe in „%2“ umbenannt</translation>
    </message>
    <message>
        <source>%1 is now the group&apos;s owner</source>
        <translation>%1 ist jetzt Eigentümer der Gruppe</translation>
    </message>
    <message>
        <source>The group was changed</source>
        <translation>Die Gruppe wurde geändert</translation>
    </message>
    <message>
        <source>Photo: %1</source>
        <translation>Foto: %1</translation>
    </message>
    <message>
        <source>Video: %1</source>
        <translation>Video: %1</translation>
    </message>
    <message>
        <source>Audio: %1</source>
        <translation>Audio: %1</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>Datei: %1</translation>
    </message>
    <message>
        <source>You: %1</source>
        <extracomment>preview of my own last message; %1 is its text</extracomment>
        <translation>Sie: %1</translation>
    </message>
    <message>
        <source>you</source>
        <extracomment>I, among the people a group note names (e.g. &quot;Bob added you and Carol&quot;)</extracomment>
        <translation>Sie</translation>
    </message>
    <message>
        <source>You are now the group&apos;s owner</source>
        <translation>Sie sind jetzt Eigentümer der Gruppe</translation>
    </message>
    <message>
        <source>You created the group “%1”</source>
        <extracomment>%1 is the group&apos;s name</extracomment>
        <translation>Sie haben die Gruppe „%1“ erstellt</translation>
    </message>
    <message>
        <source>You added %1</source>
        <extracomment>%1 is one or more people</extracomment>
        <translation>Sie haben %1 hinzugefügt</translation>
    </message>
    <message>
        <source>You removed %1</source>
        <translation>Sie haben %1 entfernt</translation>
    </message>
    <message>
        <source>You left the group</source>
        <translation>Sie haben die Gruppe verlassen</translation>
    </message>
    <message>
        <source>You renamed the group to “%1”</source>
        <translation>Sie haben die Gruppe in „%1“ umbenannt</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>preview of someone&apos;s last message in a group; %1 is who wrote it, %2 its text</extracomment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Photo</source>
        <extracomment>the chat list&apos;s line for a photo without a caption</extracomment>
        <translation>Foto</translation>
    </message>
</context>
<context>
    <name>RateLimitMessages</name>
    <message>
        <source>This app sent the server too many requests.</source>
        <translation>Diese App hat zu viele Anfragen an den Server gesendet.</translation>
    </message>
    <message>
        <source>You searched for people too often.</source>
        <translation>Sie haben zu oft nach Personen gesucht.</translation>
    </message>
    <message>
        <source>You searched your messages too often.</source>
        <translation>Sie haben zu oft in Ihren Nachrichten gesucht.</translation>
    </message>
    <message>
        <source>Typing notices were sent too often.</source>
        <translation>Tipp-Hinweise wurden zu oft gesendet.</translation>
    </message>
    <message>
        <source>You are sending messages too fast.</source>
        <translation>Sie senden Nachrichten zu schnell.</translation>
    </message>
    <message>
        <source>Too many accounts were created from your network address.</source>
        <translation>Von Ihrer Netzwerkadresse wurden zu viele Konten erstellt.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins to this account from your network address.</source>
        <translation>Zu viele fehlgeschlagene Anmeldungen bei diesem Konto von Ihrer Netzwerkadresse.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins from your network address.</source>
        <translation>Zu viele fehlgeschlagene Anmeldungen von Ihrer Netzwerkadresse.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins to this account; sign-ins from new network addresses are paused.</source>
        <translation>Zu viele fehlgeschlagene Anmeldungen bei diesem Konto; Anmeldungen von neuen Netzwerkadressen sind pausiert.</translation>
    </message>
    <message>
        <source>Too many attempts.</source>
        <translation>Zu viele Versuche.</translation>
    </message>
    <message>
        <source>Please try again later.</source>
        <translation>Bitte versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>Try again in 1 second.</source>
        <translation>Versuchen Sie es in 1 Sekunde erneut.</translation>
    </message>
    <message numerus="yes">
        <source>Try again in %n seconds.</source>
        <translation>
            <numerusform>Versuchen Sie es in %n Sekunde erneut.</numerusform>
            <numerusform>Versuchen Sie es in %n Sekunden erneut.</numerusform>
        </translation>
    </message>
    <message>
        <source>Try again in 1 minute.</source>
        <translation>Versuchen Sie es in 1 Minute erneut.</translation>
    </message>
    <message numerus="yes">
        <source>Try again in %n minutes.</source>
        <translation>
            <numerusform>Versuchen Sie es in %n Minute erneut.</numerusform>
            <numerusform>Versuchen Sie es in %n Minuten erneut.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UserMessages</name>
    <message>
        <source>The server did not answer in time. Check your connection and try again.</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Could not reach the server. Check the address and your network connection.</source>
        <translation>Der Server ist nicht erreichbar. Prüfen Sie die Adresse und Ihre Netzwerkverbindung.</translation>
    </message>
    <message>
        <source>The username or password is wrong.</source>
        <translation>Benutzername oder Passwort ist falsch.</translation>
    </message>
    <message>
        <source>This username is already taken. Please choose another one.</source>
        <translation>Dieser Benutzername ist bereits vergeben. Bitte wählen Sie einen anderen.</translation>
    </message>
    <message>
        <source>Your saved sign-in is no longer valid. Please sign in again.</source>
        <translation>Ihre gespeicherte Anmeldung ist nicht mehr gültig. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>This account has been disabled by the server&apos;s administrator. Please contact them.</source>
        <translation>Dieses Konto wurde von der Administration des Servers gesperrt. Bitte wenden Sie sich an sie.</translation>
    </message>
    <message>
        <source>That device is no longer signed in.</source>
        <translation>Dieses Gerät ist nicht mehr angemeldet.</translation>
    </message>
    <message>
        <source>You are not signed in. Please sign in again.</source>
        <translation>Sie sind nicht angemeldet. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The server is busy right now. Please try again in a moment.</source>
        <translation>Der Server ist gerade ausgelastet. Bitte versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The server could not handle this request. Please try again later.</source>
        <translation>Der Server konnte diese Anfrage nicht bearbeiten. Bitte versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>Use 3 to 32 characters: letters a-z, digits, &apos;_&apos;, &apos;.&apos; or &apos;-&apos;, starting with a letter or digit.</source>
        <translation>Verwenden Sie 3 bis 32 Zeichen: Buchstaben a-z, Ziffern, „_“, „.“ oder „-“, beginnend mit einem Buchstaben oder einer Ziffer.</translation>
    </message>
    <message>
        <source>Enter a password of at least 8 characters.</source>
        <translation>Geben Sie ein Passwort mit mindestens 8 Zeichen ein.</translation>
    </message>
    <message>
        <source>Enter a name of 1 to 64 characters.</source>
        <translation>Geben Sie einen Namen mit 1 bis 64 Zeichen ein.</translation>
    </message>
    <message>
        <source>Enter a device name of 1 to 64 characters.</source>
        <translation>Geben Sie einen Gerätenamen mit 1 bis 64 Zeichen ein.</translation>
    </message>
    <message>
        <source>Enter a server address starting with ws:// or wss://.</source>
        <translation>Geben Sie eine Serveradresse ein, die mit ws:// oder wss:// beginnt.</translation>
    </message>
    <message>
        <source>The server did not accept this value.</source>
        <translation>Der Server hat diesen Wert nicht akzeptiert.</translation>
    </message>
    <message>
        <source>Your system has no password storage; you will need to sign in again next time.</source>
        <translation>Ihr System hat keinen Passwortspeicher; Sie müssen sich beim nächsten Mal erneut anmelden.</translation>
    </message>
    <message>
        <source>This device was signed out from another device.</source>
        <translation>Dieses Gerät wurde von einem anderen Gerät abgemeldet.</translation>
    </message>
    <message>
        <source>The connection to the server was lost. Please sign in again.</source>
        <translation>Die Verbindung zum Server wurde unterbrochen. Bitte melden Sie sich erneut an.</translation>
    </message>
</context>
<context>
    <name>natter::AppController</name>
    <message>
        <source>The device was signed out.</source>
        <translation>Das Gerät wurde abgemeldet.</translation>
    </message>
    <message>
        <source>Other devices signed out: %1.</source>
        <translation>Abgemeldete andere Geräte: %1.</translation>
    </message>
</context>
<context>
    <name>natter::AttachmentController</name>
    <message>
        <source>Attach a file</source>
        <translation>Datei anhängen</translation>
    </message>
    <message>
        <source>Send a first message before attaching files.</source>
        <translation>Schreiben Sie zuerst eine Nachricht, bevor Sie Dateien anhängen.</translation>
    </message>
    <message>
        <source>Pasted image</source>
        <extracomment>the file name of an image pasted from the clipboard</extracomment>
        <translation>Eingefügtes Bild</translation>
    </message>
    <message>
        <source>This attachment cannot be sent.</source>
        <translation>Dieser Anhang kann nicht gesendet werden.</translation>
    </message>
    <message>
        <source>Loading the photo…</source>
        <translation>Foto wird geladen…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Speichern unter…</translation>
    </message>
    <message>
        <source>Save the file</source>
        <translation>Datei speichern</translation>
    </message>
    <message>
        <source>Could not save the file to %1.</source>
        <translation>Die Datei konnte nicht unter %1 gespeichert werden.</translation>
    </message>
</context>
<context>
    <name>natter::AttachmentDialog</name>
    <message>
        <source>Send a photo</source>
        <translation>Foto senden</translation>
    </message>
    <message>
        <source>Send a file</source>
        <translation>Datei senden</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2</source>
        <extracomment>the file card in the send dialog: %1 the file&apos;s name, %2 its size</extracomment>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2</translation>
    </message>
    <message>
        <source>Add a caption (optional)</source>
        <translation>Bildunterschrift hinzufügen (optional)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
</context>
<context>
    <name>natter::BlockedUsersModel</name>
    <message>
        <source>%1 (@%2)</source>
        <extracomment>a blocked person: %1 is the display name, %2 the username</extracomment>
        <translation>%1 (@%2)</translation>
    </message>
    <message>
        <source>%1, blocked</source>
        <extracomment>%1 is a blocked person&apos;s display name</extracomment>
        <translation>%1, blockiert</translation>
    </message>
</context>
<context>
    <name>natter::Composer</name>
    <message>
        <source>Write a message. Enter sends, Shift+Enter adds a line.</source>
        <translation>Nachricht schreiben. Eingabe sendet, Umschalt+Eingabe fügt eine Zeile ein.</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <extracomment>characters used of the maximum</extracomment>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>This message is %1 characters too long.</source>
        <translation>Diese Nachricht ist %1 Zeichen zu lang.</translation>
    </message>
    <message>
        <source>Attach a photo or file</source>
        <translation>Foto oder Datei anhängen</translation>
    </message>
</context>
<context>
    <name>natter::ConnectionBanner</name>
    <message>
        <source>Reconnect now</source>
        <translation>Jetzt verbinden</translation>
    </message>
    <message>
        <source>Updating conversations…</source>
        <translation>Unterhaltungen werden aktualisiert …</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt …</translation>
    </message>
    <message numerus="yes">
        <source>Offline. Reconnecting in %n s. Unsent messages wait until then.</source>
        <translation>
            <numerusform>Offline. Neue Verbindung in %n s. Ungesendete Nachrichten warten bis dahin.</numerusform>
            <numerusform>Offline. Neue Verbindung in %n s. Ungesendete Nachrichten warten bis dahin.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>natter::ConversationDelegate</name>
    <message>
        <source>Draft:</source>
        <extracomment>shown before the unsent text of a chat in the conversation list</extracomment>
        <translation>Entwurf:</translation>
    </message>
</context>
<context>
    <name>natter::ConversationListModel</name>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n ungelesen</numerusform>
            <numerusform>%n ungelesen</numerusform>
        </translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>chat request</source>
        <translation>Chat-Anfrage</translation>
    </message>
    <message>
        <source>muted</source>
        <translation>stummgeschaltet</translation>
    </message>
    <message>
        <source>Draft: %1</source>
        <extracomment>the start of a message the user wrote in the chat and did not send yet</extracomment>
        <translation>Entwurf: %1</translation>
    </message>
</context>
<context>
    <name>natter::ConversationSafety</name>
    <message>
        <source>Unblock</source>
        <translation>Blockierung aufheben</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Optionen</translation>
    </message>
    <message>
        <source>Conversation options</source>
        <translation>Optionen der Unterhaltung</translation>
    </message>
    <message>
        <source>Mute notifications</source>
        <translation>Benachrichtigungen stummschalten</translation>
    </message>
    <message>
        <source>You blocked %1. Unblock to send messages.</source>
        <extracomment>%1 is the person I blocked</extracomment>
        <translation>Sie haben %1 blockiert. Heben Sie die Blockierung auf, um Nachrichten zu senden.</translation>
    </message>
    <message>
        <source>Unblock %1</source>
        <translation>Blockierung von %1 aufheben</translation>
    </message>
    <message>
        <source>Block %1…</source>
        <translation>%1 blockieren …</translation>
    </message>
    <message>
        <source>Block %1?</source>
        <translation>%1 blockieren?</translation>
    </message>
    <message>
        <source>%1 will not be able to send you messages or add you to groups. They won&apos;t be told. You can unblock them on the People page.</source>
        <translation>%1 kann Ihnen dann keine Nachrichten senden und Sie nicht zu Gruppen hinzufügen. Die Person erfährt davon nichts. Sie können die Blockierung auf der Seite „Personen“ aufheben.</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>Blockieren</translation>
    </message>
</context>
<context>
    <name>natter::ConversationView</name>
    <message>
        <source>Group details</source>
        <translation>Gruppendetails</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Your first message starts this chat.</source>
        <translation>Ihre erste Nachricht beginnt diesen Chat.</translation>
    </message>
    <message>
        <source>you</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Members: %1</source>
        <translation>Mitglieder: %1</translation>
    </message>
    <message>
        <source>Private chat</source>
        <translation>Privater Chat</translation>
    </message>
    <message>
        <source>This message cannot be sent.</source>
        <translation>Diese Nachricht kann nicht gesendet werden.</translation>
    </message>
    <message>
        <source>Members or the other person&apos;s presence</source>
        <translation>Mitglieder oder ob die andere Person online ist</translation>
    </message>
    <message>
        <source>Typing</source>
        <translation>Tippt</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>last seen %1</source>
        <extracomment>%1 is a time of day
----------
%1 is a date</extracomment>
        <translation>zuletzt online %1</translation>
    </message>
    <message>
        <source>last seen yesterday</source>
        <translation>zuletzt gestern online</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 tippt…</translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation>%1 und %2 tippen…</translation>
    </message>
    <message>
        <source>Several people are typing…</source>
        <translation>Mehrere Personen tippen…</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>Jemand</translation>
    </message>
    <message>
        <source>Back to the conversations (Esc)</source>
        <translation>Zurück zu den Unterhaltungen (Esc)</translation>
    </message>
    <message>
        <source>Back to the conversations</source>
        <translation>Zurück zu den Unterhaltungen</translation>
    </message>
    <message>
        <source>Jump to first unread</source>
        <translation>Zur ersten ungelesenen</translation>
    </message>
    <message>
        <source>Scrolls to the first message that was unread when you opened this chat</source>
        <translation>Blättert zur ersten Nachricht, die beim Öffnen dieses Chats ungelesen war</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <source>Edit and resend</source>
        <translation>Bearbeiten und erneut senden</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Search in this chat</source>
        <translation>In diesem Chat suchen</translation>
    </message>
    <message>
        <source>Leave group…</source>
        <translation>Gruppe verlassen…</translation>
    </message>
</context>
<context>
    <name>natter::ConversationsPage</name>
    <message>
        <source>Choose a conversation, or start a new chat.</source>
        <translation>Wählen Sie eine Unterhaltung oder beginnen Sie einen neuen Chat.</translation>
    </message>
    <message>
        <source>Filter conversations</source>
        <translation>Unterhaltungen filtern</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Unterhaltungen</translation>
    </message>
    <message>
        <source>Chats people started with you that you have not accepted yet</source>
        <translation>Chats, die andere mit Ihnen begonnen haben und die Sie noch nicht angenommen haben</translation>
    </message>
    <message>
        <source>Back to chats</source>
        <translation>Zurück zu den Chats</translation>
    </message>
    <message>
        <source>Requests (%1)</source>
        <extracomment>shows the chat requests; %1 is how many there are</extracomment>
        <translation>Anfragen (%1)</translation>
    </message>
    <message numerus="yes">
        <source>%n chat requests</source>
        <translation>
            <numerusform>%n Chat-Anfrage</numerusform>
            <numerusform>%n Chat-Anfragen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>natter::DesktopNotifications</name>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
</context>
<context>
    <name>natter::DevicesPage</name>
    <message>
        <source>These devices are signed in to your account. Sign out any you do not recognise.</source>
        <translation>Diese Geräte sind bei Ihrem Konto angemeldet. Melden Sie alle ab, die Sie nicht kennen.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Sign out selected device</source>
        <translation>Ausgewähltes Gerät abmelden</translation>
    </message>
    <message>
        <source>Sign out other devices</source>
        <translation>Andere Geräte abmelden</translation>
    </message>
    <message>
        <source>Sign out this device</source>
        <translation>Dieses Gerät abmelden</translation>
    </message>
    <message>
        <source>Sign out “%1”?</source>
        <extracomment>%1 is a device name</extracomment>
        <translation>„%1“ abmelden?</translation>
    </message>
    <message>
        <source>Whoever uses that device will have to sign in again to use your account.</source>
        <translation>Wer dieses Gerät benutzt, muss sich erneut anmelden, um Ihr Konto zu verwenden.</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Sign out all other devices?</source>
        <translation>Alle anderen Geräte abmelden?</translation>
    </message>
    <message>
        <source>Every device but this one will have to sign in again to use your account.</source>
        <translation>Alle Geräte außer diesem müssen sich erneut anmelden, um Ihr Konto zu verwenden.</translation>
    </message>
</context>
<context>
    <name>natter::GroupDetailsDialog</name>
    <message>
        <source>Group details</source>
        <translation>Gruppendetails</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>Gruppenname</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Remove from group</source>
        <translation>Aus der Gruppe entfernen</translation>
    </message>
    <message>
        <source>Add to group</source>
        <translation>Zur Gruppe hinzufügen</translation>
    </message>
    <message>
        <source>Leave group</source>
        <translation>Gruppe verlassen</translation>
    </message>
    <message>
        <source>Add people:</source>
        <translation>Personen hinzufügen:</translation>
    </message>
    <message>
        <source>Members:</source>
        <translation>Mitglieder:</translation>
    </message>
    <message>
        <source>%1 (owner)</source>
        <translation>%1 (Eigentümer)</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (Sie)</translation>
    </message>
    <message>
        <source>Leave this group? You will no longer see its messages.</source>
        <translation>Diese Gruppe verlassen? Sie sehen dann ihre Nachrichten nicht mehr.</translation>
    </message>
    <message>
        <source>Mute notifications</source>
        <translation>Benachrichtigungen stummschalten</translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation>%1 entfernen?</translation>
    </message>
    <message>
        <source>%1 will no longer see this group or its new messages.</source>
        <translation>%1 sieht dann diese Gruppe und ihre neuen Nachrichten nicht mehr.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>Verlassen</translation>
    </message>
</context>
<context>
    <name>natter::ImageViewer</name>
    <message>
        <source>%1 – Photo</source>
        <extracomment>the title of the photo viewer window; %1 is the photo&apos;s file name</extracomment>
        <translation>%1 – Foto</translation>
    </message>
</context>
<context>
    <name>natter::MainWindow</name>
    <message>
        <source>Natter</source>
        <translation>Natter</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>(%1) Natter</source>
        <extracomment>the window title with unread messages; %1 is how many</extracomment>
        <translation>(%1) Natter</translation>
    </message>
    <message>
        <source>Blocked people</source>
        <translation>Blockierte Personen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Dismiss this notice</source>
        <translation>Diesen Hinweis ausblenden</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Sign out of Natter on this device?</source>
        <translation>Auf diesem Gerät von Natter abmelden?</translation>
    </message>
</context>
<context>
    <name>natter::MessageActions</name>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Abbrechen (Esc)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Delete for everyone</source>
        <translation>Für alle löschen</translation>
    </message>
    <message>
        <source>React</source>
        <translation>Reagieren</translation>
    </message>
    <message>
        <source>Delete message</source>
        <translation>Nachricht löschen</translation>
    </message>
    <message>
        <source>Delete this message for everyone in the chat? Its text is removed from the server and from every device.</source>
        <translation>Diese Nachricht für alle im Chat löschen? Ihr Text wird vom Server und von allen Geräten entfernt.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>yourself</source>
        <translation>dir selbst</translation>
    </message>
    <message>
        <source>Edit message</source>
        <translation>Nachricht bearbeiten</translation>
    </message>
    <message>
        <source>Reply to %1</source>
        <extracomment>%1 is the person whose message is answered</extracomment>
        <translation>Antwort an %1</translation>
    </message>
    <message>
        <source>This message cannot be sent.</source>
        <translation>Diese Nachricht kann nicht gesendet werden.</translation>
    </message>
</context>
<context>
    <name>natter::MessageDelegate</name>
    <message>
        <source>edited</source>
        <extracomment>shown next to the time of a message its sender changed after sending it</extracomment>
        <translation>bearbeitet</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <extracomment>%1 is an emoji, %2 the people who reacted with it</extracomment>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Click to see the original message</source>
        <translation>Klicken, um die ursprüngliche Nachricht zu sehen</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <source>Sending…</source>
        <extracomment>a message not acknowledged by the server yet</extracomment>
        <translation>Wird gesendet …</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <source>New messages</source>
        <extracomment>the divider above the first message that was unread when the chat was opened</extracomment>
        <translation>Neue Nachrichten</translation>
    </message>
    <message>
        <source>%1 Click to retry; right-click to edit or delete it.</source>
        <extracomment>%1 is why the server refused the message</extracomment>
        <translation>%1 Zum erneuten Senden klicken; Rechtsklick zum Bearbeiten oder Löschen.</translation>
    </message>
</context>
<context>
    <name>natter::MessageListModel</name>
    <message>
        <source>You</source>
        <extracomment>who wrote a quoted message, when it was me</extracomment>
        <translation>Du</translation>
    </message>
    <message>
        <source>Message deleted</source>
        <translation>Nachricht gelöscht</translation>
    </message>
    <message>
        <source>Seen by %1</source>
        <translation>Gesehen von %1</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>jemand</translation>
    </message>
    <message>
        <source>Sent</source>
        <extracomment>my message is stored; it has not reached anyone else&apos;s device yet</extracomment>
        <translation>Gesendet</translation>
    </message>
    <message numerus="yes">
        <source>Seen by %n</source>
        <extracomment>%n is how many group members have read my message</extracomment>
        <translation>
            <numerusform>Gesehen von %n</numerusform>
            <numerusform>Gesehen von %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Seen</source>
        <translation>Gesehen</translation>
    </message>
    <message>
        <source>New messages. %1</source>
        <extracomment>read out before the first message that was unread when the chat was opened</extracomment>
        <translation>Neue Nachrichten. %1</translation>
    </message>
    <message>
        <source>Delivered</source>
        <extracomment>my message reached a device of the other person (or of a group member)</extracomment>
        <translation>Zugestellt</translation>
    </message>
</context>
<context>
    <name>natter::MessageSearch</name>
    <message>
        <source>Searching needs a connection to the server. Try again once you are online.</source>
        <translation>Die Suche braucht eine Verbindung zum Server. Versuchen Sie es erneut, sobald Sie online sind.</translation>
    </message>
    <message>
        <source>Search for 1 to %1 words, at most %2 characters.</source>
        <translation>Suchen Sie nach 1 bis %1 Wörtern, höchstens %2 Zeichen.</translation>
    </message>
</context>
<context>
    <name>natter::NewChatDialog</name>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Start chat</source>
        <translation>Chat beginnen</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>Gruppenname</translation>
    </message>
    <message>
        <source>First message</source>
        <translation>Erste Nachricht</translation>
    </message>
    <message>
        <source>Say hello to the group</source>
        <translation>Begrüßen Sie die Gruppe</translation>
    </message>
    <message>
        <source>Create group</source>
        <translation>Gruppe erstellen</translation>
    </message>
    <message>
        <source>Group name:</source>
        <translation>Gruppenname:</translation>
    </message>
    <message>
        <source>First message:</source>
        <translation>Erste Nachricht:</translation>
    </message>
    <message>
        <source>Members:</source>
        <translation>Mitglieder:</translation>
    </message>
</context>
<context>
    <name>natter::PeoplePage</name>
    <message>
        <source>Blocked people</source>
        <translation>Blockierte Personen</translation>
    </message>
    <message>
        <source>Blocked people cannot send you messages, start a chat with you or add you to groups. They are not told.</source>
        <translation>Blockierte Personen können Ihnen keine Nachrichten senden, keinen Chat mit Ihnen beginnen und Sie nicht zu Gruppen hinzufügen. Sie erfahren davon nichts.</translation>
    </message>
    <message>
        <source>You haven&apos;t blocked anyone.</source>
        <translation>Sie haben niemanden blockiert.</translation>
    </message>
    <message>
        <source>Unblock</source>
        <translation>Blockierung aufheben</translation>
    </message>
    <message>
        <source>Unblock %1</source>
        <extracomment>%1 is a blocked person&apos;s name</extracomment>
        <translation>Blockierung von %1 aufheben</translation>
    </message>
</context>
<context>
    <name>natter::PeoplePicker</name>
    <message>
        <source>Search people by name or username</source>
        <translation>Personen nach Name oder Benutzername suchen</translation>
    </message>
    <message>
        <source>Search people</source>
        <translation>Personen suchen</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personen</translation>
    </message>
    <message>
        <source>Nobody found for “%1”.</source>
        <translation>Niemand gefunden für „%1“.</translation>
    </message>
    <message>
        <source>Type a name to find people.</source>
        <translation>Geben Sie einen Namen ein, um Personen zu finden.</translation>
    </message>
    <message>
        <source>%1 (@%2)</source>
        <extracomment>%1 is a display name, %2 a username</extracomment>
        <translation>%1 (@%2)</translation>
    </message>
</context>
<context>
    <name>natter::RequestBanner</name>
    <message>
        <source>Reply or accept to move this chat to your chats. Block to decline; they won&apos;t be told.</source>
        <translation>Antworten oder annehmen, um diesen Chat zu Ihren Chats zu verschieben. Blockieren lehnt ab; die Person erfährt davon nichts.</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <source>Accept chat request</source>
        <translation>Chat-Anfrage annehmen</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>Blockieren</translation>
    </message>
    <message>
        <source>Block and decline chat request</source>
        <translation>Blockieren und Chat-Anfrage ablehnen</translation>
    </message>
    <message>
        <source>%1 wants to chat with you</source>
        <extracomment>%1 is the person who started a chat with me</extracomment>
        <translation>%1 möchte mit Ihnen chatten</translation>
    </message>
</context>
<context>
    <name>natter::SearchPanel</name>
    <message>
        <source>Search messages</source>
        <translation>Nachrichten durchsuchen</translation>
    </message>
    <message>
        <source>Close search (Esc)</source>
        <translation>Suche schließen (Esc)</translation>
    </message>
    <message>
        <source>Close search</source>
        <translation>Suche schließen</translation>
    </message>
    <message>
        <source>All chats</source>
        <translation>Alle Chats</translation>
    </message>
    <message>
        <source>Search in all chats</source>
        <translation>In allen Chats suchen</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <source>In %1</source>
        <extracomment>the chat a message search is limited to</extracomment>
        <translation>In %1</translation>
    </message>
    <message>
        <source>Type to search the messages of all your chats.</source>
        <translation>Tippen Sie, um die Nachrichten all Ihrer Chats zu durchsuchen.</translation>
    </message>
    <message>
        <source>Type to search the messages of this chat.</source>
        <translation>Tippen Sie, um die Nachrichten dieses Chats zu durchsuchen.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <source>No messages with “%1”.</source>
        <extracomment>%1 is what was searched for</extracomment>
        <translation>Keine Nachrichten mit „%1“.</translation>
    </message>
</context>
<context>
    <name>natter::SearchResultsModel</name>
    <message>
        <source>A chat</source>
        <translation>Ein Chat</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>%1, %2, %3: %4</source>
        <extracomment>a search result read out: %1 chat, %2 sender, %3 time, %4 the message&apos;s text</extracomment>
        <translation>%1, %2, %3: %4</translation>
    </message>
</context>
<context>
    <name>natter::SessionsModel</name>
    <message>
        <source>Signed in on %1</source>
        <translation>Angemeldet am %1</translation>
    </message>
    <message>
        <source>%1 (This device)</source>
        <translation>%1 (Dieses Gerät)</translation>
    </message>
    <message>
        <source>Last active: %1</source>
        <translation>Zuletzt aktiv: %1</translation>
    </message>
</context>
<context>
    <name>natter::SettingsDialog</name>
    <message>
        <source>&amp;Keep Natter running in the system tray when its window is closed</source>
        <translation>Natter beim Schließen des Fensters im Infobereich &amp;weiterlaufen lassen</translation>
    </message>
    <message>
        <source>Close to the system tray</source>
        <translation>In den Infobereich schließen</translation>
    </message>
    <message>
        <source>This desktop has no system tray: closing the window quits.</source>
        <translation>Diese Arbeitsfläche hat keinen Infobereich: Das Schließen des Fensters beendet Natter.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Anzeigename</translation>
    </message>
    <message>
        <source>Your name as others see it</source>
        <translation>Ihr Name, wie andere ihn sehen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save display name</source>
        <translation>Anzeigenamen speichern</translation>
    </message>
    <message>
        <source>Close settings</source>
        <translation>Einstellungen schließen</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <source>System</source>
        <extracomment>theme: follow the colours of the operating system</extracomment>
        <translation>System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>English</source>
        <extracomment>the language&apos;s own name, as its speakers write it</extracomment>
        <translation>English</translation>
    </message>
    <message>
        <source>Deutsch</source>
        <extracomment>the language&apos;s own name, as its speakers write it</extracomment>
        <translation>Deutsch</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Farbschema:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>Show a &amp;notification when a message arrives</source>
        <translation>Bei neuen Nachrichten &amp;benachrichtigen</translation>
    </message>
    <message>
        <source>Desktop notifications</source>
        <translation>Desktop-Benachrichtigungen</translation>
    </message>
    <message>
        <source>Show the message te&amp;xt in notifications</source>
        <translation>Nachrichten&amp;text in Benachrichtigungen zeigen</translation>
    </message>
    <message>
        <source>Message text in notifications</source>
        <translation>Nachrichtentext in Benachrichtigungen</translation>
    </message>
    <message>
        <source>When off, a notification says who wrote but not what</source>
        <translation>Wenn aus, nennt eine Benachrichtigung nur, wer geschrieben hat, nicht was</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>&amp;Devices…</source>
        <translation>&amp;Geräte …</translation>
    </message>
    <message>
        <source>&amp;Blocked people…</source>
        <translation>&amp;Blockierte Personen …</translation>
    </message>
    <message>
        <source>Play a &amp;sound</source>
        <translation>&amp;Ton abspielen</translation>
    </message>
    <message>
        <source>Notification sound</source>
        <translation>Benachrichtigungston</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Datenschutz</translation>
    </message>
    <message>
        <source>Remove &amp;location data from photos</source>
        <translation>&amp;Standortdaten aus Fotos entfernen</translation>
    </message>
    <message>
        <source>Photos are sent as a copy without where and with what they were taken</source>
        <translation>Fotos werden als Kopie ohne Aufnahmeort und Kameradaten gesendet</translation>
    </message>
</context>
<context>
    <name>natter::SidebarHeader</name>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>Start a new chat</source>
        <translation>Einen neuen Chat beginnen</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menü</translation>
    </message>
    <message>
        <source>Main menu</source>
        <translation>Hauptmenü</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>&amp;Devices…</source>
        <translation>&amp;Geräte …</translation>
    </message>
    <message>
        <source>&amp;Blocked people…</source>
        <translation>&amp;Blockierte Personen …</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Abmelden</translation>
    </message>
    <message>
        <source>Signed in as @%1</source>
        <extracomment>the tooltip on one&apos;s own name; %1 is the username</extracomment>
        <translation>Angemeldet als @%1</translation>
    </message>
</context>
<context>
    <name>natter::SignInWindow</name>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>A server with several addresses: enter all of them, separated by commas.</source>
        <translation>Ein Server mit mehreren Adressen: alle eingeben, durch Kommas getrennt.</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Anzeigename</translation>
    </message>
    <message>
        <source>How others see you, e.g. Alice Smith</source>
        <translation>So sehen andere Sie, z. B. Alice Schmidt</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Device name</source>
        <translation>Gerätename</translation>
    </message>
    <message>
        <source>Shown in your list of signed-in devices.</source>
        <translation>Wird in Ihrer Liste der angemeldeten Geräte angezeigt.</translation>
    </message>
    <message>
        <source>Keep me signed in</source>
        <translation>Angemeldet bleiben</translation>
    </message>
    <message>
        <source>Create a Natter account</source>
        <translation>Natter-Konto erstellen</translation>
    </message>
    <message>
        <source>Sign in to Natter</source>
        <translation>Bei Natter anmelden</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>Konto erstellen</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>I already have an account</source>
        <translation>Ich habe schon ein Konto</translation>
    </message>
    <message>
        <source>Create an account</source>
        <translation>Neues Konto anlegen</translation>
    </message>
    <message>
        <source>Creating account…</source>
        <translation>Konto wird erstellt …</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft …</translation>
    </message>
    <message>
        <source>Use a plain file if there is no password storage</source>
        <translation>Ohne Passwortspeicher eine einfache Datei nutzen</translation>
    </message>
    <message>
        <source>Only used when this system has no password storage. Less safe: the file is readable only by your user account, but anyone who can read your files (another program you run, a backup, a stolen unencrypted disk) can use it to sign in as you.</source>
        <translation>Wird nur verwendet, wenn dieses System keinen Passwortspeicher hat. Weniger sicher: Die Datei ist nur für Ihr Benutzerkonto lesbar, aber wer Ihre Dateien lesen kann (ein anderes Programm, das Sie ausführen, eine Sicherung, eine gestohlene unverschlüsselte Festplatte), kann sich damit als Sie anmelden.</translation>
    </message>
</context>
<context>
    <name>natter::TrayNotifier</name>
    <message>
        <source>&amp;Show Natter</source>
        <translation>Natter &amp;anzeigen</translation>
    </message>
    <message>
        <source>&amp;Quit Natter</source>
        <translation>Natter &amp;beenden</translation>
    </message>
    <message>
        <source>Natter is still running</source>
        <translation>Natter läuft weiter</translation>
    </message>
    <message>
        <source>Natter keeps receiving messages in the system tray. Click its icon to open the window again, or choose Quit Natter in its menu to quit.</source>
        <translation>Natter empfängt im Infobereich der Kontrollleiste weiter Nachrichten. Klicken Sie auf das Symbol, um das Fenster wieder zu öffnen, oder wählen Sie in seinem Menü „Natter beenden“, um das Programm zu beenden.</translation>
    </message>
    <message numerus="yes">
        <source>Natter: %n unread</source>
        <translation>
            <numerusform>Natter: %n ungelesen</numerusform>
            <numerusform>Natter: %n ungelesen</numerusform>
        </translation>
    </message>
    <message>
        <source>Natter</source>
        <translation>Natter</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <extracomment>%1 is the sender, %2 the group</extracomment>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <source>New message</source>
        <extracomment>a notification that keeps what was written private</extracomment>
        <translation>Neue Nachricht</translation>
    </message>
</context>
<context>
    <name>natter::EmojiPicker</name>
    <message>
        <source>Emoji</source>
        <translation>Emoji</translation>
    </message>
    <message>
        <source>Smileys</source>
        <translation>Smileys</translation>
    </message>
    <message>
        <source>Gestures</source>
        <translation>Gesten</translation>
    </message>
    <message>
        <source>Hearts and symbols</source>
        <translation>Herzen und Symbole</translation>
    </message>
    <message>
        <source>Nature</source>
        <translation>Natur</translation>
    </message>
    <message>
        <source>Food and activities</source>
        <translation>Essen und Aktivitäten</translation>
    </message>
    <message>
        <source>Insert an emoji</source>
        <translation>Emoji einfügen</translation>
    </message>
</context>
</TS>
