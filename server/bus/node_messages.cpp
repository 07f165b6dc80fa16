#include "node_messages.h"

namespace natter::node_message {
namespace {

constexpr char kSeparator = ' ';

QByteArray refText(const std::optional<ConnectionRef>& ref) {
    return ref ? QByteArray::number(ref->node) + kSeparator + QByteArray::number(ref->id)
               : QByteArrayLiteral("0 0");
}

// Reads "<node> <id>"; node 0 means none (node ids are never 0).
std::optional<ConnectionRef> refFrom(const QByteArray& node, const QByteArray& id, bool& ok) {
    bool nodeOk = false;
    bool idOk = false;
    const ConnectionRef ref{node.toUInt(&nodeOk), id.toULongLong(&idOk)};
    ok = ok && nodeOk && idOk;
    return ref.node == 0 ? std::nullopt : std::optional<ConnectionRef>(ref);
}

// Splits "header\nbody" and the header into words.
bool splitPayload(const QByteArray& payload, QList<QByteArray>& words, QByteArray& body) {
    const qsizetype newline = payload.indexOf('\n');
    if (newline < 0) {
        return false;
    }
    words = payload.left(newline).split(kSeparator);
    body = payload.mid(newline + 1);
    return !words.isEmpty();
}

std::optional<NodeMessage> decodeDeliver(const QList<QByteArray>& words, const QByteArray& body) {
    if (words.size() != 4) {
        return std::nullopt;
    }
    bool ok = true;
    Deliver deliver{{}, refFrom(words[1], words[2], ok), QString::fromUtf8(body)};
    for (const QByteArray& user : words[3].split(',')) {
        bool userOk = false;
        deliver.userIds.append(user.toLongLong(&userOk));
        ok = ok && userOk;
    }
    return ok ? std::optional<NodeMessage>(std::move(deliver)) : std::nullopt;
}

std::optional<NodeMessage> decodeClose(const QList<QByteArray>& words, const QByteArray& body) {
    if (words.size() != 5) {
        return std::nullopt;
    }
    bool sessionOk = false;
    bool codeOk = false;
    bool ok = true;
    CloseSession close{words[1].toLongLong(&sessionOk), words[2].toInt(&codeOk),
                       refFrom(words[3], words[4], ok), QString::fromUtf8(body)};
    return ok && sessionOk && codeOk ? std::optional<NodeMessage>(std::move(close)) : std::nullopt;
}

}  // namespace

QByteArray encodeDeliver(const QList<qint64>& userIds, const std::optional<ConnectionRef>& skip,
                         const QByteArray& utf8Text) {
    QByteArray users;
    for (qint64 userId : userIds) {
        users += (users.isEmpty() ? "" : ",") + QByteArray::number(userId);
    }
    return "E " + refText(skip) + kSeparator + users + '\n' + utf8Text;
}

QByteArray encode(const NodeMessage& message) {
    if (const auto* deliver = std::get_if<Deliver>(&message)) {
        return encodeDeliver(deliver->userIds, deliver->skip, deliver->text.toUtf8());
    }
    if (const auto* one = std::get_if<DeliverTo>(&message)) {
        return "T " + QByteArray::number(one->connectionId) + '\n' + one->text.toUtf8();
    }
    const auto& close = std::get<CloseSession>(message);
    return "C " + QByteArray::number(close.sessionId) + kSeparator +
           QByteArray::number(close.closeCode) + kSeparator + refText(close.keep) + '\n' +
           close.reason.toUtf8();
}

std::optional<NodeMessage> decodeNodeMessage(const QByteArray& payload) {
    QList<QByteArray> words;
    QByteArray body;
    if (!splitPayload(payload, words, body)) {
        return std::nullopt;
    }
    if (words[0] == "E") {
        return decodeDeliver(words, body);
    }
    if (words[0] == "C") {
        return decodeClose(words, body);
    }
    bool ok = false;
    if (words[0] == "T" && words.size() == 2) {
        DeliverTo one{words[1].toULongLong(&ok), QString::fromUtf8(body)};
        return ok ? std::optional<NodeMessage>(std::move(one)) : std::nullopt;
    }
    return std::nullopt;
}

QByteArray encode(const DirectoryMessage& message) {
    if (const auto* count = std::get_if<SessionCount>(&message)) {
        return "S " + QByteArray::number(count->node) + kSeparator +
               QByteArray::number(count->version) + kSeparator + QByteArray::number(count->userId) +
               kSeparator + QByteArray::number(count->sessionId) + kSeparator +
               QByteArray::number(count->count);
    }
    if (const auto* joined = std::get_if<NodeJoined>(&message)) {
        return "J " + QByteArray::number(joined->node) + (joined->again ? " 1" : " 0");
    }
    return "G " + QByteArray::number(std::get<NodeGone>(message).node);
}

std::optional<DirectoryMessage> decodeDirectoryMessage(const QByteArray& payload) {
    const QList<QByteArray> words = payload.split(kSeparator);
    bool ok = false;
    const quint32 node = words.size() > 1 ? words[1].toUInt(&ok) : 0;
    if (!ok || node == 0) {
        return std::nullopt;
    }
    if (words[0] == "S" && words.size() == 6) {
        bool allOk[4] = {};
        const SessionCount count{node, words[2].toULongLong(&allOk[0]),
                                 words[3].toLongLong(&allOk[1]), words[4].toLongLong(&allOk[2]),
                                 words[5].toInt(&allOk[3])};
        const bool valid = allOk[0] && allOk[1] && allOk[2] && allOk[3] && count.count >= 0;
        return valid ? std::optional<DirectoryMessage>(count) : std::nullopt;
    }
    if (words[0] == "J" && words.size() == 3) {
        return NodeJoined{node, words[2] == "1"};
    }
    if (words[0] == "G" && words.size() == 2) {
        return NodeGone{node};
    }
    return std::nullopt;
}

QByteArray sessionField(qint64 userId, qint64 sessionId) {
    return QByteArray::number(userId) + ':' + QByteArray::number(sessionId);
}

bool parseSessionField(const QByteArray& field, qint64& userId, qint64& sessionId) {
    const qsizetype colon = field.indexOf(':');
    if (colon < 0) {
        return false;
    }
    bool userOk = false;
    bool sessionOk = false;
    userId = field.left(colon).toLongLong(&userOk);
    sessionId = field.mid(colon + 1).toLongLong(&sessionOk);
    return userOk && sessionOk;
}

}  // namespace natter::node_message
