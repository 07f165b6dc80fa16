// What nodes say to each other through Redis pub/sub (docs/scaling.md lists the formats and
// their size). Plain ASCII headers, then for events the encoded JSON text exactly once.
//
// On a node's own channel, natter:node:<id>:
//   E <skipNode> <skipId> <userId>,<userId>...\n<event text>
//       deliver to these users' connections (but not to connection <skipNode> <skipId>)
//   T <connectionId>\n<event text>
//       deliver to one connection
//   C <sessionId> <closeCode> <keepNode> <keepId>\n<reason>
//       close the session's connections (but not <keepNode> <keepId>)
// On the directory channel, natter:directory:
//   S <node> <version> <userId> <sessionId> <count>
//       that node now holds <count> connections of the session
//   J <node> <again>
//       that node joined (again: 1 after a lost link): reload its hash
//   G <node>
//       that node is gone
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>
#include <variant>

#include "ports/connection_ref.h"

namespace natter::node_message {

struct Deliver {
    QList<qint64> userIds;
    std::optional<ConnectionRef> skip;
    QString text;
};
struct DeliverTo {
    quint64 connectionId = 0;
    QString text;
};
struct CloseSession {
    qint64 sessionId = 0;
    int closeCode = 0;
    std::optional<ConnectionRef> keep;
    QString reason;
};
using NodeMessage = std::variant<Deliver, DeliverTo, CloseSession>;

QByteArray encode(const NodeMessage& message);
// The Deliver message with the event text already in UTF-8: a publish to several nodes converts
// the text once.
QByteArray encodeDeliver(const QList<qint64>& userIds, const std::optional<ConnectionRef>& skip,
                         const QByteArray& utf8Text);
// nullopt: not a message of this format (logged by the caller, then ignored).
std::optional<NodeMessage> decodeNodeMessage(const QByteArray& payload);

// One directory change; `count` 0 means the node holds none of the session any more.
struct SessionCount {
    quint32 node = 0;
    quint64 version = 0;
    qint64 userId = 0;
    qint64 sessionId = 0;
    int count = 0;
};
struct NodeJoined {
    quint32 node = 0;
    bool again = false;  // it had lost its link: its events of the outage were never published
};
struct NodeGone {
    quint32 node = 0;
};
using DirectoryMessage = std::variant<SessionCount, NodeJoined, NodeGone>;

QByteArray encode(const DirectoryMessage& message);
std::optional<DirectoryMessage> decodeDirectoryMessage(const QByteArray& payload);

// The node hash's field for one session: "<userId>:<sessionId>".
QByteArray sessionField(qint64 userId, qint64 sessionId);
// Parses a node hash's field; false if it is not a session field.
bool parseSessionField(const QByteArray& field, qint64& userId, qint64& sessionId);

}  // namespace natter::node_message
