// The Redis keys and channels of a cluster (docs/scaling.md lists them), named in one place.
#pragma once

#include <QByteArray>

namespace natter::cluster_key {

inline const QByteArray kNodes = QByteArrayLiteral("natter:nodes");
inline const QByteArray kDirectoryChannel = QByteArrayLiteral("natter:directory");
// Sorted set: users in their grace period, scored by when it ends (ms since the epoch).
inline const QByteArray kPresenceGrace = QByteArrayLiteral("natter:presence:grace");
// A user's presence hash is this prefix plus the user id.
inline const QByteArray kUserPrefix = QByteArrayLiteral("natter:user:");

inline QByteArray nodeChannel(quint32 node) {
    return "natter:node:" + QByteArray::number(node);
}
inline QByteArray alive(quint32 node) {
    return nodeChannel(node) + ":alive";
}
inline QByteArray sessions(quint32 node) {
    return nodeChannel(node) + ":sessions";
}
inline QByteArray user(qint64 userId) {
    return kUserPrefix + QByteArray::number(userId);
}
// The field of a node in a user's presence hash.
inline QByteArray nodeField(quint32 node) {
    return "n:" + QByteArray::number(node);
}

}  // namespace natter::cluster_key
