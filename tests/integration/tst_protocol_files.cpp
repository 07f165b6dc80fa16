// Files (docs/protocol.md section 5.8) against the real server, from the document alone: upload in
// binary chunks, resume, hash check, limits, who may download, expiry, deletion, and a kill -9 in
// the middle of an upload.
#include <QCryptographicHash>
#include <QFile>
#include <QtTest>

#include "protocol_server.h"
#include "protocol_spec.h"

using namespace natter::test;

namespace {

constexpr int kChunkBytes = spec::kUploadChunkMaxBytes;
constexpr int kMaxFileBytes = 1'000'000;  // --max-file-size below
constexpr int kQuotaBytes = 1'500'000;    // --file-quota below

QJsonObject messageOf(const QJsonObject& sent) {
    return resultOf(sent).value(QStringLiteral("message")).toObject();
}

QJsonObject startParams(const QByteArray& data) {
    return {{QStringLiteral("size"), data.size()}, {QStringLiteral("sha256"), sha256Hex(data)}};
}

}  // namespace

class TestProtocolFiles : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void uploadAndDownloadRoundTrip();
    void onlyMembersDownload();
    void foreignRefRefusedInSend();
    void resumeAfterDroppedConnection();
    void wrongHashStoresNothing();
    void chunkAtWrongOffsetOrBeyondEnd();
    void fileOverSizeLimit();
    void quotaExceeded();
    void rangeOutsideFile();
    void killDuringUploadThenResume();
    void deletedMessageRemovesFile();
    void unreferencedUploadExpires();

private:
    // Starts an upload of `data`; its upload id, or empty (and a failed test) on error.
    QString start(WsTestClient& client, const QByteArray& data);
    // One files.download answer and the bytes of its binary message.
    std::pair<QJsonObject, QByteArray> download(WsTestClient& client, const QString& ref,
                                                QJsonObject params = {});
    QJsonObject sendFile(WsTestClient& client, const QString& toUserId, const QString& ref);
    // A second account, signed in.
    std::pair<WsTestClient*, SignedIn> otherUser(const QString& stem);

    ProtocolServer server_{{QStringLiteral("--max-file-size"), QString::number(kMaxFileBytes),
                            QStringLiteral("--file-quota"), QString::number(kQuotaBytes)}};
    int clientMessageIds_ = 0;
};

QString TestProtocolFiles::start(WsTestClient& client, const QByteArray& data) {
    const QJsonObject answer = client.call(QStringLiteral("files.upload_start"), startParams(data));
    if (!isResult(answer)) {
        qWarning("upload_start: %s", qPrintable(describe(answer)));
        return {};
    }
    return resultOf(answer).value(QStringLiteral("upload_id")).toString();
}

std::pair<QJsonObject, QByteArray> TestProtocolFiles::download(WsTestClient& client,
                                                               const QString& ref,
                                                               QJsonObject params) {
    return downloadFile(client, ref, std::move(params));
}

QJsonObject TestProtocolFiles::sendFile(WsTestClient& client, const QString& toUserId,
                                        const QString& ref) {
    return sendFileMessage(client, {{QStringLiteral("to_user_id"), toUserId}},
                           QStringLiteral("f%1").arg(++clientMessageIds_), ref, 1);
}

std::pair<WsTestClient*, SignedIn> TestProtocolFiles::otherUser(const QString& stem) {
    WsTestClient* client = server_.connectClient();
    if (!client) {
        return {nullptr, {}};
    }
    return {client, signedInFrom(client->call(QStringLiteral("auth.register"),
                                              registerParams(uniqueUsername(stem))))};
}

void TestProtocolFiles::initTestCase() {
    const QString problem = server_.start();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestProtocolFiles::cleanup() {
    verifyReleaseClients(server_);
}

void TestProtocolFiles::uploadAndDownloadRoundTrip() {
    WsTestClient* alice = server_.connectSignedIn();
    QVERIFY(alice);
    const QByteArray data = randomBytes(150'000, QByteArray("\x89PNG\r\n\x1a\n", 8));
    const QString uploadId = start(*alice, data);
    QVERIFY(uploadId.startsWith(QStringLiteral("up_")));
    QVERIFY(sendUploadRange(*alice, uploadId, data, 0, data.size()));
    const QJsonObject finished = alice->call(QStringLiteral("files.upload_finish"),
                                             {{QStringLiteral("upload_id"), uploadId}});
    NATTER_VERIFY_RESULT(finished);
    const QJsonObject file = resultOf(finished).value(QStringLiteral("file")).toObject();
    QVERIFY(isPublicId(file.value(QStringLiteral("ref")).toString(), QStringLiteral("f_")));
    QCOMPARE(file.value(QStringLiteral("size")).toInteger(), data.size());
    QCOMPARE(file.value(QStringLiteral("mime")).toString(), QStringLiteral("image/png"));
    QCOMPARE(file.value(QStringLiteral("sha256")).toString(), sha256Hex(data));
    // Stored once, by content.
    QVERIFY(contentFiles(server_.process()).contains(sha256Hex(data)));

    const auto [answer, bytes] = download(*alice, file.value(QStringLiteral("ref")).toString());
    NATTER_VERIFY_RESULT(answer);
    QCOMPARE(sha256Hex(bytes), sha256Hex(data));
    const auto [part, partBytes] =
        download(*alice, file.value(QStringLiteral("ref")).toString(),
                 {{QStringLiteral("offset"), 100}, {QStringLiteral("length"), 1000}});
    NATTER_VERIFY_RESULT(part);
    QCOMPARE(partBytes, data.mid(100, 1000));
}

void TestProtocolFiles::onlyMembersDownload() {
    WsTestClient* alice = server_.connectSignedIn();
    QVERIFY(alice);
    const QString ref = uploadFile(*alice, randomBytes(70'000));
    QVERIFY(!ref.isEmpty());
    auto [bob, bobIn] = otherUser(QStringLiteral("bob"));
    auto [eve, eveIn] = otherUser(QStringLiteral("eve"));
    QVERIFY(bob && bobIn.ok() && eve && eveIn.ok());
    // Before any message references it only its owner reads it.
    QCOMPARE(errorOf(download(*bob, ref).first).value(QStringLiteral("field")).toString(),
             QStringLiteral("ref"));
    NATTER_COMPARE_ERROR(download(*bob, ref).first, "not_found");
    const QJsonObject sent = sendFile(*alice, bobIn.userId, ref);
    NATTER_VERIFY_RESULT(sent);
    const QJsonObject meta = messageOf(sent).value(QStringLiteral("meta")).toObject();
    QCOMPARE(meta.value(QStringLiteral("size")).toInteger(), 70'000);  // the server's, not 1
    QCOMPARE(meta.value(QStringLiteral("mime")).toString(),
             QStringLiteral("application/octet-stream"));
    NATTER_VERIFY_RESULT(download(*bob, ref).first);
    NATTER_COMPARE_ERROR(download(*eve, ref).first, "not_found");
    NATTER_COMPARE_ERROR(download(*eve, QStringLiteral("f_AAAAAAAAAAAAAAAAAAAAAA")).first,
                         "not_found");
}

void TestProtocolFiles::foreignRefRefusedInSend() {
    WsTestClient* alice = server_.connectSignedIn();
    QVERIFY(alice);
    const QString ref = uploadFile(*alice, randomBytes(1'000));
    auto [bob, bobIn] = otherUser(QStringLiteral("bob"));
    QVERIFY(bob && bobIn.ok() && !ref.isEmpty());
    const QJsonObject refused = sendFile(*bob, server_.fixture().userId, ref);
    NATTER_COMPARE_ERROR(refused, "invalid_attachment");
    QCOMPARE(errorOf(refused).value(QStringLiteral("field")).toString(), QStringLiteral("meta"));
    NATTER_COMPARE_ERROR(sendFile(*bob, server_.fixture().userId, QStringLiteral("f_nothing")),
                         "invalid_attachment");
    // An unfinished upload is no attachment either.
    const QString uploadId = start(*alice, randomBytes(10));
    QVERIFY(!uploadId.isEmpty());
    NATTER_COMPARE_ERROR(sendFile(*alice, bobIn.userId, uploadId), "invalid_attachment");
}

void TestProtocolFiles::resumeAfterDroppedConnection() {
    WsTestClient* first = server_.connectSignedIn();
    QVERIFY(first);
    const QByteArray data = randomBytes(4 * kChunkBytes + 17);
    const QString uploadId = start(*first, data);
    QVERIFY(!uploadId.isEmpty());
    QVERIFY(sendUploadRange(*first, uploadId, data, 0, 2 * kChunkBytes));
    first->close();
    QVERIFY(first->waitForDisconnected());

    WsTestClient* second = server_.connectSignedIn();
    QVERIFY(second);
    const QJsonObject resumed = second->call(QStringLiteral("files.upload_start"),
                                             {{QStringLiteral("upload_id"), uploadId}});
    NATTER_VERIFY_RESULT(resumed);
    QCOMPARE(resultOf(resumed).value(QStringLiteral("offset")).toInteger(), 2 * kChunkBytes);
    QVERIFY(sendUploadRange(*second, uploadId, data, 2 * kChunkBytes, data.size()));
    const QJsonObject finished = second->call(QStringLiteral("files.upload_finish"),
                                              {{QStringLiteral("upload_id"), uploadId}});
    NATTER_VERIFY_RESULT(finished);
    QCOMPARE(download(*second, finishedRef(finished)).second, data);
}

void TestProtocolFiles::wrongHashStoresNothing() {
    WsTestClient* alice = server_.connectSignedIn();
    QVERIFY(alice);
    const QByteArray announced = randomBytes(90'000);
    QByteArray sent = announced;
    sent[50'000] = char(sent.at(50'000) ^ 1);
    const QString uploadId = start(*alice, announced);
    QVERIFY(!uploadId.isEmpty());
    QVERIFY(sendUploadRange(*alice, uploadId, sent, 0, sent.size()));
    NATTER_COMPARE_ERROR(alice->call(QStringLiteral("files.upload_finish"),
                                     {{QStringLiteral("upload_id"), uploadId}}),
                         "hash_mismatch");
    const QStringList stored = contentFiles(server_.process());
    QVERIFY(!stored.contains(sha256Hex(announced)));
    QVERIFY(!stored.contains(sha256Hex(sent)));
    QVERIFY(!QFile::exists(server_.process().dataDir() + QStringLiteral("/files/uploads/") +
                           uploadId + QStringLiteral(".part")));
    // The upload is gone: it can be neither resumed nor finished.
    NATTER_COMPARE_ERROR(alice->call(QStringLiteral("files.upload_start"),
                                     {{QStringLiteral("upload_id"), uploadId}}),
                         "not_found");
}

void TestProtocolFiles::chunkAtWrongOffsetOrBeyondEnd() {
    WsTestClient* alice = server_.connectSignedIn();
    QVERIFY(alice);
    const QByteArray data = randomBytes(1'000);
    const QString uploadId = start(*alice, data);
    QVERIFY(!uploadId.isEmpty());
    // The data of the upload.error event number `index`.
    const auto uploadError = [alice](qsizetype index) {
        return alice->waitForEvent(QStringLiteral("upload.error"), index)
            .value(QStringLiteral("data"))
            .toObject();
    };
    const auto codeOf = [](const QJsonObject& error) {
        return error.value(QStringLiteral("error"))
            .toObject()
            .value(QStringLiteral("code"))
            .toString();
    };
    alice->sendBinary(uploadChunkFrame(uploadId, 500, data.mid(500)));
    QCOMPARE(codeOf(uploadError(0)), QStringLiteral("bad_offset"));
    QCOMPARE(uploadError(0).value(QStringLiteral("offset")).toInteger(), 0);
    // More bytes than announced.
    alice->sendBinary(uploadChunkFrame(uploadId, 0, data + QByteArray("x")));
    QCOMPARE(codeOf(uploadError(1)), QStringLiteral("bad_offset"));
    // Nothing was taken: the whole file still fits from offset 0.
    QVERIFY(sendUploadRange(*alice, uploadId, data, 0, data.size()));
    NATTER_COMPARE_ERROR(alice->call(QStringLiteral("files.upload_start"),
                                     {{QStringLiteral("upload_id"), QStringLiteral("up_x")}}),
                         "not_found");
    // A binary message shorter than the header.
    alice->sendBinary(QByteArrayLiteral("up_short"));
    QCOMPARE(codeOf(uploadError(2)), QStringLiteral("invalid_params"));
}

void TestProtocolFiles::fileOverSizeLimit() {
    WsTestClient* alice = server_.connectSignedIn();
    QVERIFY(alice);
    const QJsonObject refused = alice->call(QStringLiteral("files.upload_start"),
                                            {{QStringLiteral("size"), kMaxFileBytes + 1},
                                             {QStringLiteral("sha256"), sha256Hex(QByteArray())}});
    NATTER_COMPARE_ERROR(refused, "file_too_large");
    QCOMPARE(errorOf(refused).value(QStringLiteral("field")).toString(), QStringLiteral("size"));
    NATTER_COMPARE_INVALID_PARAM(alice->call(QStringLiteral("files.upload_start"),
                                             {{QStringLiteral("size"), 10},
                                              {QStringLiteral("sha256"), QStringLiteral("AB")}}),
                                 "sha256");
}

void TestProtocolFiles::quotaExceeded() {
    auto [carol, carolIn] = otherUser(QStringLiteral("carol"));
    QVERIFY(carol && carolIn.ok());
    const auto startOf = [&](int size) {
        return carol->call(QStringLiteral("files.upload_start"),
                           {{QStringLiteral("size"), size},
                            {QStringLiteral("sha256"), sha256Hex(QByteArray::number(size))}});
    };
    NATTER_VERIFY_RESULT(startOf(kMaxFileBytes));
    NATTER_COMPARE_ERROR(startOf(kQuotaBytes - kMaxFileBytes + 1), "quota_exceeded");
    NATTER_VERIFY_RESULT(startOf(kQuotaBytes - kMaxFileBytes));
}

void TestProtocolFiles::rangeOutsideFile() {
    WsTestClient* alice = server_.connectSignedIn();
    QVERIFY(alice);
    const QString ref = uploadFile(*alice, randomBytes(5'000));
    QVERIFY(!ref.isEmpty());
    const auto rangeOf = [&](qint64 offset, qint64 length) {
        return alice->call(QStringLiteral("files.download"), {{QStringLiteral("ref"), ref},
                                                              {QStringLiteral("offset"), offset},
                                                              {QStringLiteral("length"), length}});
    };
    NATTER_COMPARE_ERROR(rangeOf(5'001, 1), "invalid_range");
    NATTER_COMPARE_ERROR(rangeOf(4'990, 20), "invalid_range");
    NATTER_COMPARE_INVALID_PARAM(rangeOf(0, 2 * 1024 * 1024), "length");
    NATTER_COMPARE_INVALID_PARAM(rangeOf(-1, 1), "offset");
    NATTER_VERIFY_RESULT(rangeOf(4'990, 10));
    QVERIFY(alice->waitForBinary(1));
    QCOMPARE(alice->binaryReceived().size(), 1);  // the refused ranges sent no bytes
}

void TestProtocolFiles::killDuringUploadThenResume() {
    WsTestClient* alice = server_.connectSignedIn();
    QVERIFY(alice);
    const QByteArray data = randomBytes(3 * kChunkBytes);
    const QString uploadId = start(*alice, data);
    QVERIFY(!uploadId.isEmpty());
    QVERIFY(sendUploadRange(*alice, uploadId, data, 0, kChunkBytes));
    alice->sendBinary(uploadChunkFrame(uploadId, kChunkBytes, data.mid(kChunkBytes, kChunkBytes)));
    server_.process().kill();
    server_.releaseClients();
    QVERIFY(!contentFiles(server_.process()).contains(sha256Hex(data)));  // no half file visible
    const QString problem = server_.startProcess();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    WsTestClient* again = server_.connectSignedIn();
    QVERIFY(again);
    const QJsonObject resumed = again->call(QStringLiteral("files.upload_start"),
                                            {{QStringLiteral("upload_id"), uploadId}});
    NATTER_VERIFY_RESULT(resumed);
    const qint64 offset = resultOf(resumed).value(QStringLiteral("offset")).toInteger();
    QVERIFY2(offset == kChunkBytes || offset == 2 * kChunkBytes, qPrintable(describe(resumed)));
    QVERIFY(sendUploadRange(*again, uploadId, data, offset, data.size()));
    const QJsonObject finished = again->call(QStringLiteral("files.upload_finish"),
                                             {{QStringLiteral("upload_id"), uploadId}});
    NATTER_VERIFY_RESULT(finished);
    QVERIFY(contentFiles(server_.process()).contains(sha256Hex(data)));
}

void TestProtocolFiles::deletedMessageRemovesFile() {
    WsTestClient* alice = server_.connectSignedIn();
    QVERIFY(alice);
    const QByteArray data = randomBytes(20'000);
    const QString ref = uploadFile(*alice, data);
    auto [bob, bobIn] = otherUser(QStringLiteral("bob"));
    QVERIFY(bob && bobIn.ok() && !ref.isEmpty());
    const QJsonObject sent = sendFile(*alice, bobIn.userId, ref);
    NATTER_VERIFY_RESULT(sent);
    const QJsonObject message = messageOf(sent);
    QVERIFY(contentFiles(server_.process()).contains(sha256Hex(data)));
    NATTER_VERIFY_RESULT(alice->call(
        QStringLiteral("messages.delete"),
        {{QStringLiteral("conversation_id"), message.value(QStringLiteral("conversation_id"))},
         {QStringLiteral("seq"), message.value(QStringLiteral("seq"))}}));
    QVERIFY(!contentFiles(server_.process()).contains(sha256Hex(data)));
    NATTER_COMPARE_ERROR(download(*bob, ref).first, "not_found");
    NATTER_COMPARE_ERROR(download(*alice, ref).first, "not_found");
}

void TestProtocolFiles::unreferencedUploadExpires() {
    ProtocolServer shortLived({QStringLiteral("--upload-expiry"), QStringLiteral("1")});
    const QString problem = shortLived.start();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    WsTestClient* alice = shortLived.connectSignedIn();
    QVERIFY(alice);
    const QByteArray data = randomBytes(10'000);
    const QString ref = uploadFile(*alice, data);
    QVERIFY(!ref.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!contentFiles(shortLived.process()).contains(sha256Hex(data)), 10'000);
    NATTER_COMPARE_ERROR(download(*alice, ref).first, "not_found");
    verifyReleaseClients(shortLived);
}

QTEST_GUILESS_MAIN(TestProtocolFiles)
#include "tst_protocol_files.moc"
