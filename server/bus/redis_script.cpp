#include "redis_script.h"

#include <hiredis/hiredis.h>

#include <QCryptographicHash>

namespace natter {
namespace {

bool isNoScript(const redisReply* reply) {
    return reply != nullptr && reply->type == REDIS_REPLY_ERROR &&
           replyBytes(reply).startsWith("NOSCRIPT");
}

QList<QByteArray> keysAndArgs(const QList<QByteArray>& keys, const QList<QByteArray>& args) {
    return QList<QByteArray>{QByteArray::number(keys.size())} + keys + args;
}

}  // namespace

RedisScript::RedisScript(QByteArray text)
    : text_(std::move(text)),
      sha1_(QCryptographicHash::hash(text_, QCryptographicHash::Sha1).toHex()) {}

bool RedisScript::run(RedisConnection& link, const QList<QByteArray>& keys,
                      const QList<QByteArray>& args, RedisConnection::ReplyHandler handler) const {
    const QList<QByteArray> tail = keysAndArgs(keys, args);
    // The text is captured, not `this`: the call may outlive a script object.
    return link.command(QList<QByteArray>{QByteArrayLiteral("EVALSHA"), sha1_} + tail,
                        [&link, text = text_, tail, handler](const redisReply* reply) {
                            if (!isNoScript(reply)) {
                                if (handler) {
                                    handler(reply);
                                }
                                return;
                            }
                            const bool sent = link.command(
                                QList<QByteArray>{QByteArrayLiteral("EVAL"), text} + tail, handler);
                            if (!sent && handler) {
                                handler(nullptr);
                            }
                        });
}

bool RedisScript::runWithText(RedisConnection& link, const QList<QByteArray>& keys,
                              const QList<QByteArray>& args,
                              RedisConnection::ReplyHandler handler) const {
    return link.command(
        QList<QByteArray>{QByteArrayLiteral("EVAL"), text_} + keysAndArgs(keys, args),
        std::move(handler));
}

}  // namespace natter
