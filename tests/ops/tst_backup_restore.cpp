// Backup and restore of a running SQLite server as an operator does it (docs/operations.md):
// `natter-server --backup-to` while messages flow, `--restore-from` refused while the server
// runs, then accepted once it is stopped. The restored server holds every message acknowledged
// before the backup began, and its history is one unbroken prefix of what was sent: a snapshot,
// never a torn copy. A file attached before the backup comes back byte for byte; one uploaded
// after it is gone, from the database and from the disk.
#include <QJsonArray>
#include <QProcess>
#include <QtTest>

#include "protocol_checks.h"
#include "protocol_server.h"

using namespace natter::test;

namespace {

QJsonObject textMessage(const QString& conversationId, int number) {
    return {{QStringLiteral("conversation_id"), conversationId},
            {QStringLiteral("client_message_id"), QStringLiteral("m%1").arg(number)},
            {QStringLiteral("type"), QStringLiteral("text")},
            {QStringLiteral("body"), QStringLiteral("message %1").arg(number)}};
}

// A few upload chunks of bytes no other test stores.
QByteArray randomFileBytes() {
    return randomBytes(3 * spec::kUploadChunkMaxBytes + 123);
}

QByteArray fileContents(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class TestBackupRestore : public QObject {
    Q_OBJECT
private slots:
    void restoredServerHoldsEverythingAcknowledgedBeforeTheBackup();
    void badBackupsAreRefusedAndChangeNothing();
    void restoreRefusesABackupWithoutItsFiles();

private:
    // Registers bob and creates a group of the fixture account and bob, with message 1.
    bool createGroup(ProtocolServer& server, WsTestClient& owner);
    // Sends message `number` and returns whether it was acknowledged.
    bool send(WsTestClient& client, int number);
    // Stops the server, restores `backupFile` and checks that the history is an unbroken prefix
    // holding at least the messages acknowledged before the backup, none sent after it.
    void restoreAndCheck(ProtocolServer& server, const QString& backupFile,
                         int acknowledgedBeforeBackup, int acknowledgedAfterBackup);
    // The bodies of the conversation's whole history, oldest first.
    QStringList history(WsTestClient& client);
    // Uploads `bytes` and sends them to the group as a file message; the file's ref.
    QString sendFile(WsTestClient& client, const QByteArray& bytes);
    // After the restore: the file of the backup is served byte for byte, the later one is gone.
    void checkFilesAfterRestore(ProtocolServer& server, WsTestClient& client);

    QString conversationId_;
    QByteArray keptBytes_;  // attached before the backup
    QString keptRef_;
    QByteArray laterBytes_;  // attached after it
    QString laterRef_;
};

QString TestBackupRestore::sendFile(WsTestClient& client, const QByteArray& bytes) {
    const QString ref = uploadFile(client, bytes);
    if (ref.isEmpty()) {
        return {};
    }
    const QJsonObject sent =
        sendFileMessage(client, {{QStringLiteral("conversation_id"), conversationId_}},
                        QStringLiteral("file-") + ref, ref, bytes.size());
    return isResult(sent) ? ref : QString();
}

void TestBackupRestore::checkFilesAfterRestore(ProtocolServer& server, WsTestClient& client) {
    const auto [answer, downloaded] = downloadFile(client, keptRef_);
    QVERIFY2(isResult(answer), qPrintable(describe(answer)));
    QCOMPARE(downloaded.size(), keptBytes_.size());
    QVERIFY(downloaded == keptBytes_);
    const auto [laterAnswer, laterBytes] = downloadFile(client, laterRef_);
    QCOMPARE(errorCodeOf(laterAnswer), QStringLiteral("not_found"));
    const QString files = filesRootOf(server.process());
    QVERIFY(!QFileInfo::exists(contentPath(files, laterBytes_)));  // not left behind on disk
}

bool TestBackupRestore::send(WsTestClient& client, int number) {
    const QJsonObject response =
        client.call(QStringLiteral("messages.send"), textMessage(conversationId_, number));
    return response.contains(QStringLiteral("result"));
}

QStringList TestBackupRestore::history(WsTestClient& client) {
    QStringList bodies;
    qint64 lastSeq = 0;
    for (bool more = true; more;) {
        const QJsonObject result = client
                                       .call(QStringLiteral("messages.history"),
                                             {{QStringLiteral("conversation_id"), conversationId_},
                                              {QStringLiteral("after_seq"), lastSeq},
                                              {QStringLiteral("limit"), 100}})
                                       .value(QStringLiteral("result"))
                                       .toObject();
        const QJsonArray page = result.value(QStringLiteral("messages")).toArray();
        for (const QJsonValue& value : page) {
            const QJsonObject message = value.toObject();
            lastSeq = message.value(QStringLiteral("seq")).toInteger();
            if (message.value(QStringLiteral("type")).toString() == QStringLiteral("text")) {
                bodies << message.value(QStringLiteral("body")).toString();
            }
        }
        more = result.value(QStringLiteral("has_more")).toBool() && !page.isEmpty();
    }
    return bodies;
}

bool TestBackupRestore::createGroup(ProtocolServer& server, WsTestClient& owner) {
    WsTestClient* member = server.connectClient();
    const SignedIn bob =
        member ? signedInFrom(member->call(QStringLiteral("auth.register"),
                                           registerParams(uniqueUsername(QStringLiteral("bob")))))
               : SignedIn{};
    if (!bob.ok()) {
        return false;
    }
    QJsonObject create = textMessage({}, 1);
    create.remove(QStringLiteral("conversation_id"));
    create.insert(QStringLiteral("name"), QStringLiteral("Backups"));
    create.insert(QStringLiteral("member_ids"), QJsonArray{bob.userId});
    const QJsonObject group = owner.call(QStringLiteral("conversations.create_group"), create);
    conversationId_ = group.value(QStringLiteral("result"))
                          .toObject()
                          .value(QStringLiteral("conversation"))
                          .toObject()
                          .value(QStringLiteral("id"))
                          .toString();
    return !conversationId_.isEmpty();
}

void TestBackupRestore::restoredServerHoldsEverythingAcknowledgedBeforeTheBackup() {
    // One connection sends a few hundred requests in a row: lift its request rate.
    ProtocolServer server({QStringLiteral("--request-rate"), QStringLiteral("10000"),
                           QStringLiteral("--request-burst"), QStringLiteral("10000")});
    QCOMPARE(server.start(), QString());
    WsTestClient* owner = server.connectSignedIn();
    QVERIFY(owner);
    QVERIFY(createGroup(server, *owner));
    keptBytes_ = randomFileBytes();
    keptRef_ = sendFile(*owner, keptBytes_);
    QVERIFY(!keptRef_.isEmpty());
    int sent = 1;
    while (sent < 60) {
        QVERIFY(send(*owner, ++sent));
    }
    const int acknowledgedBeforeBackup = sent;
    const QString backupFile = server.process().dataDir() + QStringLiteral("/../backup-") +
                               QString::number(QCoreApplication::applicationPid()) +
                               QStringLiteral(".sqlite3");
    QProcess backup;
    backup.setProcessChannelMode(QProcess::MergedChannels);
    backup.start(ServerProcess::binaryPath(),
                 {QStringLiteral("--data-dir"), server.process().dataDir(),
                  QStringLiteral("--backup-to"), backupFile});
    // Messages keep flowing while the backup runs; the server must not stall or refuse them.
    while (backup.state() != QProcess::NotRunning && sent < 200) {
        QVERIFY(send(*owner, ++sent));
        QCoreApplication::processEvents();
    }
    QVERIFY(backup.state() == QProcess::NotRunning || backup.waitForFinished(30'000));
    const QString backupOutput = QString::fromLocal8Bit(backup.readAll());
    QVERIFY2(backup.exitCode() == 0, qPrintable(backupOutput));
    QVERIFY2(backupOutput.contains(QStringLiteral("backed up to")), qPrintable(backupOutput));
    qInfo("acknowledged %d messages before the backup and %d while it ran",
          acknowledgedBeforeBackup, sent - acknowledgedBeforeBackup);
    // The backup holds the file beside the database, content-addressed.
    QVERIFY(fileContents(contentPath(backupFile + QStringLiteral(".files"), keptBytes_)) ==
            keptBytes_);
    laterBytes_ = randomFileBytes();
    laterRef_ = sendFile(*owner, laterBytes_);
    QVERIFY(!laterRef_.isEmpty());
    const int acknowledgedAfterBackup = sent + 10;
    while (sent < acknowledgedAfterBackup) {
        QVERIFY(send(*owner, ++sent));
    }

    const CommandResult whileRunning =
        server.process().runCommand({QStringLiteral("--restore-from"), backupFile});
    QCOMPARE(whileRunning.exitCode, 1);
    QVERIFY2(whileRunning.output.contains(QStringLiteral("in use by another natter-server")),
             qPrintable(whileRunning.output));
    QCOMPARE(history(*owner).size(), sent);  // the refused restore changed nothing

    restoreAndCheck(server, backupFile, acknowledgedBeforeBackup, acknowledgedAfterBackup);
    verifyReleaseClients(server);
}

void TestBackupRestore::restoreAndCheck(ProtocolServer& server, const QString& backupFile,
                                        int acknowledgedBeforeBackup, int acknowledgedAfterBackup) {
    server.releaseClients();
    QCOMPARE(server.process().stop(), 0);
    // As if the disk had lost it: the restore must bring the file back from the backup.
    QVERIFY(QFile::remove(contentPath(filesRootOf(server.process()), keptBytes_)));
    const CommandResult restore =
        server.process().runCommand({QStringLiteral("--restore-from"), backupFile});
    QVERIFY2(restore.exitCode == 0, qPrintable(restore.output));
    QVERIFY2(restore.output.contains(QStringLiteral("1 files of %1 bytes").arg(keptBytes_.size())),
             qPrintable(restore.output));
    QFile::remove(backupFile);
    QDir(backupFile + QStringLiteral(".files")).removeRecursively();
    QCOMPARE(server.startProcess(), QString());
    WsTestClient* afterRestore = server.connectSignedIn();
    QVERIFY(afterRestore);
    const QStringList restored = history(*afterRestore);
    QVERIFY2(
        restored.size() >= acknowledgedBeforeBackup,
        qPrintable(QStringLiteral("%1 of %2").arg(restored.size()).arg(acknowledgedBeforeBackup)));
    QVERIFY(restored.size() < acknowledgedAfterBackup - 9);  // nothing sent after it finished
    for (int i = 0; i < restored.size(); ++i) {
        QCOMPARE(restored.at(i), QStringLiteral("message %1").arg(i + 1));
    }
    checkFilesAfterRestore(server, *afterRestore);
}

void TestBackupRestore::badBackupsAreRefusedAndChangeNothing() {
    ProtocolServer server;
    QCOMPARE(server.start(), QString());
    const QString existing = server.process().dataDir() + QStringLiteral("/natter.sqlite3");
    const CommandResult overwrite =
        server.process().runCommand({QStringLiteral("--backup-to"), existing});
    QCOMPARE(overwrite.exitCode, 1);
    QVERIFY2(overwrite.output.contains(QStringLiteral("exists already")),
             qPrintable(overwrite.output));
    server.releaseClients();
    QCOMPARE(server.process().stop(), 0);

    QTemporaryDir scratch;
    const QString garbage = scratch.filePath(QStringLiteral("garbage.sqlite3"));
    QFile file(garbage);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(8192, 'x'));
    file.close();
    const CommandResult restore =
        server.process().runCommand({QStringLiteral("--restore-from"), garbage});
    QCOMPARE(restore.exitCode, 1);
    QVERIFY2(restore.output.contains(QStringLiteral("not a SQLite database")),
             qPrintable(restore.output));
    // The fixture account is still there: the database was not touched.
    QCOMPARE(server.startProcess(), QString());
    QVERIFY(server.connectSignedIn());
    QCOMPARE(server.checkStillServing(), QString());
    verifyReleaseClients(server);
}

void TestBackupRestore::restoreRefusesABackupWithoutItsFiles() {
    ProtocolServer server;
    QCOMPARE(server.start(), QString());
    WsTestClient* owner = server.connectSignedIn();
    QVERIFY(owner);
    const QByteArray bytes = randomFileBytes();
    QVERIFY(!uploadFile(*owner, bytes).isEmpty());
    QTemporaryDir scratch;
    const QString backupFile = scratch.filePath(QStringLiteral("natter.sqlite3"));
    const CommandResult backup =
        server.process().runCommand({QStringLiteral("--backup-to"), backupFile});
    QVERIFY2(backup.exitCode == 0, qPrintable(backup.output));
    server.releaseClients();
    QCOMPARE(server.process().stop(), 0);

    // The file is lost from the backup and from the data dir: restoring would serve a file the
    // disk does not have.
    QVERIFY(QFile::remove(contentPath(backupFile + QStringLiteral(".files"), bytes)));
    QVERIFY(QFile::remove(contentPath(filesRootOf(server.process()), bytes)));
    const CommandResult restore =
        server.process().runCommand({QStringLiteral("--restore-from"), backupFile});
    QCOMPARE(restore.exitCode, 1);
    QVERIFY2(restore.output.contains(QStringLiteral("references 1 files that neither")),
             qPrintable(restore.output));
}

QTEST_GUILESS_MAIN(TestBackupRestore)
#include "tst_backup_restore.moc"
