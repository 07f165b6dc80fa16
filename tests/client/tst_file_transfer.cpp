// The client's file transfers against the real server (docs/protocol.md 5.8): a multi-chunk
// upload cut off by a dropped connection resumes from the server's acknowledged offset, the
// message goes out once through the outbox, and the other account downloads it byte-exact.
#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include "chat_test_support.h"
#include "core/file_cache.h"
#include "core/file_transfer.h"
#include "file_test_support.h"
#include "server_process.h"

using namespace natter;
using namespace natter::test;

namespace {

QByteArray randomBytes(qsizetype size) {
    QByteArray bytes(size, Qt::Uninitialized);
    for (char& byte : bytes) {
        byte = char(QRandomGenerator::global()->bounded(256));
    }
    return bytes;
}

QByteArray sha256Of(const QString& path) {
    QFile file(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    return file.open(QIODevice::ReadOnly) && hash.addData(&file) ? hash.result() : QByteArray();
}

}  // namespace

class TestFileTransfer : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(startOnFreePort(server_)); }
    void cleanupTestCase() { server_.reset(); }

    // 300 KB is five chunks. Ann sends one chunk at a time and her connection drops after the
    // first ack; back online she goes on from the server's offset (not from 0), the message is
    // stored once, and Bob's download has the same SHA-256.
    void uploadResumesAfterDropAndDownloadIsExact() {
        ChatPeer ann;
        ChatPeer bob;
        QVERIFY(ann.signUp(server_->url(), QStringLiteral("ann")));
        QVERIFY(bob.signUp(server_->url(), QStringLiteral("bob")));
        const QString id = ann.startPrivateChat(bob, QStringLiteral("a file follows"));
        QVERIFY(!id.isEmpty());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.bin"));
        const QByteArray bytes = randomBytes(300 * 1000);
        QVERIFY(writeFile(path, bytes));

        ann.chat.fileTransfer()->setUploadWindowChunks(1);
        QList<qint64> progress;
        bool dropped = false;
        connect(&ann.chat, &ChatActions::transferProgress, this,
                [&](const QString&, qint64 done, qint64 total) {
                    progress << done;
                    if (!dropped && done > 0 && done < total) {
                        dropped = true;
                        ann.account.connection()->close();
                    }
                });
        AttachmentMeta meta;
        meta.name = QStringLiteral("report.bin");
        meta.size = bytes.size();
        meta.mime = QStringLiteral("application/octet-stream");
        meta.localPath = path;
        const QString clientId =
            ann.chat.sendAttachment(id, QStringLiteral("file"), meta, QStringLiteral("numbers"));
        QVERIFY(!clientId.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(dropped, kServerWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(ann.account.linkState() != AccountClient::LinkState::Online,
                                 kServerWaitMs);
        const qint64 beforeDrop = progress.last();
        ann.account.reconnectNow();

        const auto bobsFile = [&]() -> std::optional<ChatMessage> {
            for (const ChatMessage& message : bob.chat.messages(id)) {
                if (message.type == QStringLiteral("file")) {
                    return message;
                }
            }
            return std::nullopt;
        };
        QTRY_VERIFY_WITH_TIMEOUT(bobsFile().has_value(), 2 * kServerWaitMs);
        // The first progress after the reconnect is the server's offset: nothing sent again
        // from the start.
        const qint64 afterReconnect = progress.at(progress.indexOf(beforeDrop) + 1);
        QVERIFY2(afterReconnect >= beforeDrop && afterReconnect > 0,
                 qPrintable(QStringLiteral("resumed at %1").arg(afterReconnect)));
        QCOMPARE(progress.last(), qint64(bytes.size()));
        const ChatMessage received = *bobsFile();
        QCOMPARE(received.body, QStringLiteral("numbers"));
        QCOMPARE(received.clientMessageId, clientId);
        const AttachmentMeta got = AttachmentMeta::fromJson(received.meta);
        QCOMPARE(got.name, QStringLiteral("report.bin"));
        QCOMPARE(got.size, qint64(bytes.size()));
        QVERIFY(got.localPath.isEmpty());  // Ann's paths never leave her device
        QVERIFY(isFileRef(got.ref));
        QTRY_COMPARE_WITH_TIMEOUT(ann.chat.messages(id).size(), 2, kServerWaitMs);

        QSignalSpy downloaded(&bob.chat, &ChatActions::fileDownloaded);
        bob.chat.downloadFile(got.ref, got.size, got.name);
        QVERIFY(downloaded.wait(kServerWaitMs));
        const QString copy = downloaded.first().at(1).toString();
        QVERIFY(copy.endsWith(QStringLiteral(".bin")));
        QCOMPARE(sha256Of(copy), QCryptographicHash::hash(bytes, QCryptographicHash::Sha256));
        QCOMPARE(bob.chat.cachedFile(got.ref, got.size), copy);
        QVERIFY(bob.chat.cachedFile(got.ref, got.size + 1).isEmpty());  // wrong size: not it
    }

    // A ref from someone else's message names a file in the cache: anything but the
    // protocol's shape is refused before it could name a path.
    void refsThatAreNotRefsAreRefused() {
        QVERIFY(isFileRef(QStringLiteral("f_AAAAAAAAAAAAAAAAAAAAA-")));
        QVERIFY(!isFileRef(QStringLiteral("f_../../../../etc/passwd")));
        QVERIFY(!isFileRef(QStringLiteral("f_AAAAAAAAAAAAAAAAAAAA/A")));
        QVERIFY(!isFileRef(QString()));
    }

    // Over its cap the cache drops the least recently used files, never the one just used.
    void cacheDropsLeastRecentlyUsedBeyondItsCap() {
        QTemporaryDir dir;
        FileCache cache;
        cache.setDirectory(dir.path());
        cache.setMaxBytes(250);
        const QStringList refs{QStringLiteral("f_1"), QStringLiteral("f_2"), QStringLiteral("f_3")};
        QDateTime when = QDateTime::currentDateTimeUtc().addSecs(-100);
        for (const QString& ref : refs) {
            const QString path = cache.finalPath(ref, QStringLiteral("x.png"));
            QVERIFY(writeFile(path, QByteArray(100, 'x')));
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.setFileTime(when, QFileDevice::FileModificationTime));
            when = when.addSecs(10);
        }
        QVERIFY(!cache.find(QStringLiteral("f_1"), 100).isEmpty());  // used now: the newest
        cache.trim(cache.finalPath(QStringLiteral("f_3"), QStringLiteral("x.png")));
        QVERIFY(!cache.find(QStringLiteral("f_1"), 100).isEmpty());
        QVERIFY(cache.find(QStringLiteral("f_2"), 100).isEmpty());
        QVERIFY(!cache.find(QStringLiteral("f_3"), 100).isEmpty());
    }

private:
    std::unique_ptr<ServerProcess> server_;
};

QTEST_GUILESS_MAIN(TestFileTransfer)
#include "tst_file_transfer.moc"
