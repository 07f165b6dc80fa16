// A Lua script run with EVALSHA: Redis keeps compiled scripts by the SHA-1 of their text, so after
// the first run only the 40-byte digest crosses the link instead of the text (docs/scaling.md,
// "Scripts"). When Redis answers NOSCRIPT (it restarted, or SCRIPT FLUSH ran), the same call is
// sent once more as EVAL with the text, which caches the script again.
#pragma once

#include <QByteArray>
#include <QList>

#include "redis_connection.h"

namespace natter {

class RedisScript {
public:
    explicit RedisScript(QByteArray text);

    // Runs the script with `keys` and `args`: false (and `handler` is not called) while the link
    // is down, as RedisConnection::command.
    bool run(RedisConnection& link, const QList<QByteArray>& keys, const QList<QByteArray>& args,
             RedisConnection::ReplyHandler handler = {}) const;
    // The same, sent as EVAL with the text at once: for a call whose reply may never be read (the
    // last one before the process exits), where a NOSCRIPT answer could not be retried.
    bool runWithText(RedisConnection& link, const QList<QByteArray>& keys,
                     const QList<QByteArray>& args,
                     RedisConnection::ReplyHandler handler = {}) const;

    const QByteArray& sha1() const { return sha1_; }

private:
    QByteArray text_;
    QByteArray sha1_;  // lower-case hex, as Redis names it
};

}  // namespace natter
