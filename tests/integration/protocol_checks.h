// Checks and helpers shared by the protocol tests, each a rule of docs/protocol.md spelled out
// from the document (not from shared/), plus the QVERIFY-style macros the tests read with.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QtTest>
#include <utility>

#include "protocol_spec.h"
#include "ws_test_client.h"

namespace natter::test {

class ServerProcess;
class WsTestClient;

// A password that satisfies the 8–1,024 byte rule.
inline const QString kPassword = QStringLiteral("correct horse battery");

// "<no response>" for an empty (timed out) response, "<result>" for a success, else error.code.
QString errorCodeOf(const QJsonObject& response);
bool isResult(const QJsonObject& response);
QJsonObject resultOf(const QJsonObject& response);
QJsonObject errorOf(const QJsonObject& response);
// The response as compact JSON, for failure messages.
QString describe(const QJsonObject& response);

// prefix ("u_", "s_", "c_", "m_") followed by 22 base64url characters that encode exactly 128 bits.
bool isPublicId(const QString& id, const QString& prefix);
// 43 base64url characters without padding that encode exactly 32 bytes.
bool isWellFormedToken(const QString& token);
// Every problem with ids in a server message, so no database row id can leak: any member named
// "id" or "*_id" below the envelope (and actor, members, removed) must be a public id, of the
// right kind where the name says (conversation_id and removed: c_; owner_id, actor and members:
// u_), and numbers may appear only in documented integer members (timestamps, seqs, counts,
// retry_after_ms). Empty when all is well.
QStringList internalIdProblems(const QJsonObject& message);

QJsonObject registerParams(const QString& username,
                           const QString& deviceName = QStringLiteral("Laptop"),
                           const QString& password = kPassword);
QJsonObject loginParams(const QString& username,
                        const QString& deviceName = QStringLiteral("Laptop"),
                        const QString& password = kPassword);
QJsonObject resumeParams(const QString& token);

// What a successful auth.register / auth.login / auth.resume gave back.
struct SignedIn {
    QJsonObject response;
    QString token;  // empty after auth.resume
    QString sessionId;
    QString userId;
    QString username;  // as the server stored it (normalised)
    bool ok() const { return !sessionId.isEmpty(); }
};
SignedIn signedInFrom(const QJsonObject& response);

// Performs a raw HTTP upgrade request on a plain TCP socket and returns the HTTP status code of
// the answer (e.g. 101 or 403), or -1 when none came. `origin` empty: no Origin header is sent.
int rawHandshakeStatus(const QUrl& url, const QString& origin, int timeoutMs = 5'000);
// The same upgrade request with `extraHeaders` (each ending in CRLF) added; returns the status line
// and headers of the answer (without the blank line that ends them), or empty when none came.
QByteArray rawHandshakeAnswer(const QUrl& url, const QByteArray& extraHeaders,
                              int timeoutMs = 5'000);
// Sends `request` (a whole HTTP request, headers and blank line) on a plain TCP socket; returns
// the answer's status line and headers as rawHandshakeAnswer does.
QByteArray rawHttpAnswer(const QUrl& url, const QByteArray& request, int timeoutMs = 5'000);

// Files (section 5.8). An upload chunk: the upload id, the offset (8 bytes, big-endian), the bytes.
QByteArray uploadChunkFrame(const QString& uploadId, qint64 offset, const QByteArray& bytes);
// Sends data[from, to) in chunks of kUploadChunkMaxBytes and waits for the acknowledgement of
// `to`; false when another offset (or none) was acknowledged last.
bool sendUploadRange(WsTestClient& client, const QString& uploadId, const QByteArray& data,
                     qint64 from, qint64 to);
// Starts, sends and finishes an upload of `data`; the ref, or empty on any error.
QString uploadFile(WsTestClient& client, const QByteArray& data);
QString sha256Hex(const QByteArray& bytes);
// One files.download of `ref` (`params` may add offset and length): the answer and the bytes of
// its binary message (empty when the answer is an error or the message did not come).
std::pair<QJsonObject, QByteArray> downloadFile(WsTestClient& client, const QString& ref,
                                                QJsonObject params = {});
// The ref in a files.upload_finish answer; empty when it is an error.
QString finishedRef(const QJsonObject& finished);
// `size` random bytes (no other test stores the same) beginning with `prefix`, e.g. a file
// type's magic bytes.
QByteArray randomBytes(qsizetype size, const QByteArray& prefix = {});
// messages.send of a file message carrying `ref` (meta size `size`) to `target`: {"to_user_id"}
// or {"conversation_id"}. The answer.
QJsonObject sendFileMessage(WsTestClient& client, QJsonObject target,
                            const QString& clientMessageId, const QString& ref, qint64 size);
// The file store of a server: files/ in its data dir (a backup's is <backup>.files).
QString filesRootOf(const ServerProcess& process);
// Where a file store (filesRootOf, or a backup's .files directory) keeps the content `bytes`.
QString contentPath(const QString& filesRoot, const QByteArray& bytes);
// The names (SHA-256 hex) of every content file the server stores.
QStringList contentFiles(const ServerProcess& process);

}  // namespace natter::test

// Each macro evaluates its `response` argument exactly once (it is often a call()).

// Fails the test unless `response` is a success; shows the response otherwise.
#define NATTER_VERIFY_RESULT(response)                                 \
    do {                                                               \
        const QJsonObject natterResponse_ = (response);                \
        QVERIFY2(natter::test::isResult(natterResponse_),              \
                 qPrintable(natter::test::describe(natterResponse_))); \
    } while (false)

// Fails the test unless `response` is an error with this code (a string literal).
#define NATTER_COMPARE_ERROR(response, code) \
    QCOMPARE(natter::test::errorCodeOf(response), QStringLiteral(code))

// Fails the test unless `response` is invalid_params naming `fieldName` (a string literal).
#define NATTER_COMPARE_INVALID_PARAM(response, fieldName)                                          \
    do {                                                                                           \
        const QJsonObject natterResponse_ = (response);                                            \
        NATTER_COMPARE_ERROR(natterResponse_, "invalid_params");                                   \
        QCOMPARE(natter::test::errorOf(natterResponse_).value(QStringLiteral("field")).toString(), \
                 QStringLiteral(fieldName));                                                       \
    } while (false)

// Fails the test unless the client was closed by the server with this close code.
#define NATTER_COMPARE_CLOSE(client, code)                                               \
    do {                                                                                 \
        QVERIFY2((client).waitForDisconnected(), "the server did not close the socket"); \
        QVERIFY2((client).closedByServer(), "the socket closed without a close frame");  \
        QCOMPARE((client).closeCode(), code);                                            \
    } while (false)
