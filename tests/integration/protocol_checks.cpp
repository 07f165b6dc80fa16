#include "protocol_checks.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTcpSocket>

#include "protocol_spec.h"
#include "server_process.h"
#include "ws_test_client.h"

namespace natter::test {
namespace {

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

// Decodes strict base64url without padding; empty when the text is not exactly that.
QByteArray decodeBase64Url(const QString& text) {
    static const QRegularExpression alphabet(QStringLiteral("^[A-Za-z0-9_-]+$"));
    if (!alphabet.match(text).hasMatch()) {
        return {};
    }
    const auto decoded = QByteArray::fromBase64Encoding(
        text.toLatin1(), kBase64Url | QByteArray::AbortOnBase64DecodingErrors);
    // Re-encoding must give the same text: rejects non-canonical trailing bits.
    if (!decoded || QString::fromLatin1(decoded.decoded.toBase64(kBase64Url)) != text) {
        return {};
    }
    return decoded.decoded;
}

// Members whose integer values the document defines (sections 3.2, 3.4, 5); these are the only
// numbers a server message may carry, so no database row id can leak as a number.
const QSet<QString>& documentedIntegerMembers() {
    static const QSet<QString> members{
        QStringLiteral("created_at"), QStringLiteral("last_seen_at"), QStringLiteral("revoked"),
        QStringLiteral("retry_after_ms"), QStringLiteral("seq"), QStringLiteral("last_seq"),
        QStringLiteral("sent_at"), QStringLiteral("last_activity_at"), QStringLiteral("size"),
        QStringLiteral("last_read_seq"), QStringLiteral("unread_count"),
        QStringLiteral("total_unread"), QStringLiteral("expires_in_ms"),
        QStringLiteral("last_delivered_seq"),
        // section 5.2a
        QStringLiteral("target_seq"), QStringLiteral("edited_at"), QStringLiteral("count"),
        // section 5.8
        QStringLiteral("offset"), QStringLiteral("length"),
        // section 5.3a
        QStringLiteral("highlights")};
    return members;
}

// Members that name server objects by public id: "id", "*_id" and the id lists and fields of
// system messages and sync (section 3.4, 5.2). client_message_id is the client's own.
bool isIdMember(const QString& name) {
    if (name == QLatin1String("client_message_id")) {
        return false;
    }
    return name == QLatin1String("id") || name.endsWith(QLatin1String("_id")) ||
           name == QLatin1String("actor") || name == QLatin1String("members") ||
           name == QLatin1String("removed");
}

// The prefix an id-valued member must carry; empty: any of the public kinds.
QString expectedIdPrefix(const QString& name) {
    if (name == QLatin1String("conversation_id") || name == QLatin1String("removed")) {
        return QStringLiteral("c_");
    }
    if (name == QLatin1String("upload_id")) {
        return QStringLiteral("up_");  // section 5.8
    }
    if (name == QLatin1String("owner_id") || name == QLatin1String("actor") ||
        name == QLatin1String("members")) {
        return QStringLiteral("u_");
    }
    return {};
}

bool isPublicIdOfKind(const QString& text, const QString& prefix) {
    if (!prefix.isEmpty()) {
        return isPublicId(text, prefix);
    }
    for (const char* kind : {"u_", "s_", "c_", "m_"}) {
        if (isPublicId(text, QString::fromLatin1(kind))) {
            return true;
        }
    }
    return false;
}

QString compactJson(const QJsonValue& value) {
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
}

void collectIdProblems(const QJsonValue& value, const QString& path, const QString& name,
                       QStringList& problems) {
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            collectIdProblems(it.value(), path + u'.' + it.key(), it.key(), problems);
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            collectIdProblems(array.at(i), path + QStringLiteral("[%1]").arg(i), name, problems);
        }
    } else if (isIdMember(name)) {
        // owner_id is null for private conversations; every other id is always set.
        const bool allowedNull = value.isNull() && (name == QLatin1String("owner_id") ||
                                                    name == QLatin1String("upload_id"));
        if (!allowedNull && !isPublicIdOfKind(value.toString(), expectedIdPrefix(name))) {
            problems.append(path + QStringLiteral(" is not a public id: ") + compactJson(value));
        }
    } else if (value.isDouble() && !documentedIntegerMembers().contains(name)) {
        problems.append(path + QStringLiteral(" is an undocumented number: ") + compactJson(value));
    }
}

}  // namespace

QString errorCodeOf(const QJsonObject& response) {
    if (response.isEmpty()) {
        return QStringLiteral("<no response>");
    }
    if (response.value(QStringLiteral("result")).isObject()) {
        return QStringLiteral("<result>");
    }
    return errorOf(response).value(QStringLiteral("code")).toString(QStringLiteral("<malformed>"));
}

bool isResult(const QJsonObject& response) {
    return response.value(QStringLiteral("result")).isObject() &&
           !response.contains(QStringLiteral("error"));
}

QJsonObject resultOf(const QJsonObject& response) {
    return response.value(QStringLiteral("result")).toObject();
}

QJsonObject errorOf(const QJsonObject& response) {
    return response.value(QStringLiteral("error")).toObject();
}

QString describe(const QJsonObject& response) {
    if (response.isEmpty()) {
        return QStringLiteral("no response within the timeout");
    }
    return QString::fromUtf8(QJsonDocument(response).toJson(QJsonDocument::Compact));
}

bool isPublicId(const QString& id, const QString& prefix) {
    if (!id.startsWith(prefix) || id.size() != prefix.size() + spec::kPublicIdBase64Chars) {
        return false;
    }
    return decodeBase64Url(id.mid(prefix.size())).size() == 16;
}

bool isWellFormedToken(const QString& token) {
    return token.size() == spec::kTokenChars && decodeBase64Url(token).size() == 32;
}

QStringList internalIdProblems(const QJsonObject& message) {
    QStringList problems;
    // The envelope's own "id" is the client's request id, echoed; everything else is the server's.
    for (auto it = message.begin(); it != message.end(); ++it) {
        if (it.key() != QLatin1String("id")) {
            collectIdProblems(it.value(), it.key(), it.key(), problems);
        }
    }
    return problems;
}

QJsonObject registerParams(const QString& username, const QString& deviceName,
                           const QString& password) {
    return {{QStringLiteral("username"), username},
            {QStringLiteral("display_name"), QString(QStringLiteral("Test ") + username)},
            {QStringLiteral("password"), password},
            {QStringLiteral("device_name"), deviceName}};
}

QJsonObject loginParams(const QString& username, const QString& deviceName,
                        const QString& password) {
    return {{QStringLiteral("username"), username},
            {QStringLiteral("password"), password},
            {QStringLiteral("device_name"), deviceName}};
}

QJsonObject resumeParams(const QString& token) {
    return {{QStringLiteral("token"), token}};
}

SignedIn signedInFrom(const QJsonObject& response) {
    SignedIn signedIn;
    signedIn.response = response;
    if (!isResult(response)) {
        return signedIn;
    }
    const QJsonObject result = resultOf(response);
    signedIn.token = result.value(QStringLiteral("token")).toString();
    signedIn.sessionId =
        result.value(QStringLiteral("session")).toObject().value(QStringLiteral("id")).toString();
    const QJsonObject user = result.value(QStringLiteral("user")).toObject();
    signedIn.userId = user.value(QStringLiteral("id")).toString();
    signedIn.username = user.value(QStringLiteral("username")).toString();
    return signedIn;
}

QByteArray rawHandshakeAnswer(const QUrl& url, const QByteArray& extraHeaders, int timeoutMs) {
    return rawHttpAnswer(url,
                         "GET / HTTP/1.1\r\nHost: " + url.authority().toLatin1() +
                             "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                             "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: natter.v1\r\n" +
                             extraHeaders + "\r\n",
                         timeoutMs);
}

QByteArray rawHttpAnswer(const QUrl& url, const QByteArray& request, int timeoutMs) {
    QTcpSocket socket;
    socket.connectToHost(url.host(), quint16(url.port()));
    if (!socket.waitForConnected(timeoutMs)) {
        return {};
    }
    socket.write(request);
    // The server is another process, so blocking here is fine; read until the end of the headers.
    QByteArray answer;
    while (!answer.contains("\r\n\r\n") && socket.waitForReadyRead(timeoutMs)) {
        answer += socket.readAll();
    }
    return answer.left(answer.indexOf("\r\n\r\n"));
}

int rawHandshakeStatus(const QUrl& url, const QString& origin, int timeoutMs) {
    const QByteArray originHeader =
        origin.isEmpty() ? QByteArray() : "Origin: " + origin.toLatin1() + "\r\n";
    const QByteArray answer = rawHandshakeAnswer(url, originHeader, timeoutMs);
    static const QRegularExpression statusLine(QStringLiteral("^HTTP/1\\.1 (\\d{3})"));
    const auto match = statusLine.match(QString::fromLatin1(answer));
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

QByteArray uploadChunkFrame(const QString& uploadId, qint64 offset, const QByteArray& bytes) {
    QByteArray frame = uploadId.toLatin1();
    for (int shift = 56; shift >= 0; shift -= 8) {
        frame.append(char((quint64(offset) >> shift) & 0xff));
    }
    return frame + bytes;
}

bool sendUploadRange(WsTestClient& client, const QString& uploadId, const QByteArray& data,
                     qint64 from, qint64 to) {
    const QString ack = QStringLiteral("upload.ack");
    qsizetype acks = 0;
    for (const QJsonObject& event : client.events()) {
        acks += event.value(QStringLiteral("event")).toString() == ack;
    }
    qsizetype sent = 0;
    for (qint64 offset = from; offset < to; offset += spec::kUploadChunkMaxBytes, ++sent) {
        client.sendBinary(uploadChunkFrame(
            uploadId, offset,
            data.mid(offset, qMin<qint64>(spec::kUploadChunkMaxBytes, to - offset))));
    }
    const QJsonObject last = client.waitForEvent(ack, acks + sent - 1);
    return last.value(QStringLiteral("data"))
               .toObject()
               .value(QStringLiteral("offset"))
               .toInteger() == to;
}

QString uploadFile(WsTestClient& client, const QByteArray& data) {
    const QJsonObject started = client.call(
        QStringLiteral("files.upload_start"),
        {{QStringLiteral("size"), data.size()}, {QStringLiteral("sha256"), sha256Hex(data)}});
    const QString uploadId = resultOf(started).value(QStringLiteral("upload_id")).toString();
    if (uploadId.isEmpty() || !sendUploadRange(client, uploadId, data, 0, data.size())) {
        return {};
    }
    return finishedRef(client.call(QStringLiteral("files.upload_finish"),
                                   {{QStringLiteral("upload_id"), uploadId}}));
}

QString finishedRef(const QJsonObject& finished) {
    return resultOf(finished)
        .value(QStringLiteral("file"))
        .toObject()
        .value(QStringLiteral("ref"))
        .toString();
}

QString sha256Hex(const QByteArray& bytes) {
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

std::pair<QJsonObject, QByteArray> downloadFile(WsTestClient& client, const QString& ref,
                                                QJsonObject params) {
    const qsizetype before = client.binaryReceived().size();
    params.insert(QStringLiteral("ref"), ref);
    const QJsonObject answer = client.call(QStringLiteral("files.download"), params);
    if (!isResult(answer) || !client.waitForBinary(before + 1)) {
        return {answer, {}};
    }
    const QByteArray message = client.binaryReceived().at(before);
    if (!message.startsWith(ref.toLatin1())) {
        return {answer, {}};
    }
    return {answer, message.mid(ref.size() + 8)};  // after the ref and the 8-byte offset
}

QByteArray randomBytes(qsizetype size, const QByteArray& prefix) {
    QByteArray bytes = prefix;
    bytes.resize(size);
    for (qsizetype i = prefix.size(); i < size; ++i) {
        bytes[i] = char(QRandomGenerator::global()->bounded(256));
    }
    return bytes;
}

QJsonObject sendFileMessage(WsTestClient& client, QJsonObject target,
                            const QString& clientMessageId, const QString& ref, qint64 size) {
    target.insert(QStringLiteral("client_message_id"), clientMessageId);
    target.insert(QStringLiteral("type"), QStringLiteral("file"));
    target.insert(
        QStringLiteral("meta"),
        QJsonObject{{QStringLiteral("ref"), ref},
                    {QStringLiteral("name"), QStringLiteral("file.bin")},
                    {QStringLiteral("size"), size},
                    {QStringLiteral("mime"), QStringLiteral("application/octet-stream")}});
    return client.call(QStringLiteral("messages.send"), target);
}

QString filesRootOf(const ServerProcess& process) {
    return process.dataDir() + QStringLiteral("/files");
}

QString contentPath(const QString& filesRoot, const QByteArray& bytes) {
    const QString sha256 = sha256Hex(bytes);
    return filesRoot + QStringLiteral("/content/") + sha256.left(2) + u'/' + sha256;
}

QStringList contentFiles(const ServerProcess& process) {
    QStringList files;
    QDirIterator it(filesRootOf(process) + QStringLiteral("/content"), QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        files.append(QFileInfo(it.next()).fileName());
    }
    return files;
}

}  // namespace natter::test
