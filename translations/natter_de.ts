<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CommandLineText</name>
    <message>
        <source>Natter desktop client</source>
        <translation>Natter Desktop-Client</translation>
    </message>
    <message>
        <source>Server address, e.g. ws://127.0.0.1:4860/.</source>
        <translation>Serveradresse, z. B. ws://127.0.0.1:4860/.</translation>
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
    <message>
        <source>Too many attempts. Please try again in %1 s.</source>
        <translation>Zu viele Versuche. Bitte versuchen Sie es in %1 s erneut.</translation>
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
</context>
<context>
    <name>natter::MainWindow</name>
    <message>
        <source>Natter</source>
        <translation>Natter</translation>
    </message>
    <message>
        <source>Conversations will appear here.</source>
        <translation>Hier erscheinen Ihre Unterhaltungen.</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Unterhaltungen</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Signed in as %1 (@%2)</source>
        <extracomment>%1 is the display name, %2 the username</extracomment>
        <translation>Angemeldet als %1 (@%2)</translation>
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
    <name>natter::SignInWindow</name>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
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
</TS>
