#include "redis_connection.h"

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

#include <QHostAddress>
#include <QHostInfo>
#include <QSocketNotifier>
#include <QVarLengthArray>

#include "util/log.h"

namespace natter {

// hiredis's event hooks for one context: a read and a write QSocketNotifier on its descriptor.
// hiredis may drop the context from inside a notifier's own signal, so notifiers are disabled
// and deleted later, never deleted on the spot.
class RedisSocketWatch : public QObject {
public:
    RedisSocketWatch(redisAsyncContext* context, QObject* parent)
        : QObject(parent), context_(context) {
        context->ev.data = this;
        context->ev.addRead = [](void* watch) {
            static_cast<RedisSocketWatch*>(watch)->add(read_);
        };
        context->ev.delRead = [](void* watch) {
            static_cast<RedisSocketWatch*>(watch)->del(read_);
        };
        context->ev.addWrite = [](void* watch) {
            static_cast<RedisSocketWatch*>(watch)->add(write_);
        };
        context->ev.delWrite = [](void* watch) {
            static_cast<RedisSocketWatch*>(watch)->del(write_);
        };
        context->ev.cleanup = [](void* watch) {
            auto* self = static_cast<RedisSocketWatch*>(watch);
            self->del(read_);
            self->del(write_);
            self->context_ = nullptr;
        };
    }

private:
    static constexpr QSocketNotifier::Type read_ = QSocketNotifier::Read;
    static constexpr QSocketNotifier::Type write_ = QSocketNotifier::Write;

    QSocketNotifier*& slot(QSocketNotifier::Type type) {
        return type == QSocketNotifier::Read ? reader_ : writer_;
    }
    void add(QSocketNotifier::Type type) {
        QSocketNotifier*& notifier = slot(type);
        if (notifier || !context_) {
            return;
        }
        notifier = new QSocketNotifier(context_->c.fd, type, this);
        connect(notifier, &QSocketNotifier::activated, this, [this, type] {
            if (!context_) {
                return;
            }
            if (type == QSocketNotifier::Read) {
                redisAsyncHandleRead(context_);
            } else {
                redisAsyncHandleWrite(context_);
            }
        });
    }
    void del(QSocketNotifier::Type type) {
        QSocketNotifier*& notifier = slot(type);
        if (notifier) {
            notifier->setEnabled(false);
            notifier->deleteLater();
            notifier = nullptr;
        }
    }

    redisAsyncContext* context_;
    QSocketNotifier* reader_ = nullptr;
    QSocketNotifier* writer_ = nullptr;
};

RedisConnection::RedisConnection(RedisEndpoint endpoint, QString name, QByteArray clientName,
                                 QObject* parent)
    : QObject(parent),
      endpoint_(std::move(endpoint)),
      name_(std::move(name)),
      clientName_(std::move(clientName)) {
    reconnectTimer_.setSingleShot(true);
    connect(&reconnectTimer_, &QTimer::timeout, this, &RedisConnection::open);
    connectTimeout_.setSingleShot(true);
    connectTimeout_.setInterval(kConnectTimeoutMs);
    connect(&connectTimeout_, &QTimer::timeout, this,
            [this] { lost(QStringLiteral("connect timed out")); });
}

RedisConnection::~RedisConnection() {
    dropContext();
}

void RedisConnection::open() {
    if (state_ != State::Idle) {
        return;
    }
    connectTimeout_.start();
    const QHostAddress literal(endpoint_.host);
    if (!literal.isNull()) {
        connectTo(literal.toString());
        return;
    }
    state_ = State::Resolving;
    QHostInfo::lookupHost(endpoint_.host, this, [this](const QHostInfo& info) {
        if (state_ != State::Resolving) {
            return;
        }
        if (info.addresses().isEmpty()) {
            lost(QStringLiteral("cannot resolve the host"));
            return;
        }
        connectTo(info.addresses().constFirst().toString());
    });
}

void RedisConnection::connectTo(const QString& address) {
    state_ = State::Connecting;
    context_ = redisAsyncConnect(address.toLatin1().constData(), endpoint_.port);
    if (context_ == nullptr || context_->err != 0) {
        lost(context_ ? QString::fromLocal8Bit(context_->errstr) : QStringLiteral("out of memory"));
        return;
    }
    context_->data = this;
    watch_ = new RedisSocketWatch(context_, this);
    redisAsyncSetConnectCallback(context_, &RedisConnection::onConnected);
    redisAsyncSetDisconnectCallback(context_, &RedisConnection::onDisconnected);
    handshake();
}

// AUTH (or a PING) is queued at once: it also makes hiredis watch for the connect to complete.
void RedisConnection::handshake() {
    const quint64 id = nextRequestId_++;
    pending_.insert(id,
                    {[this](const redisReply* reply) {
                         if (reply == nullptr) {
                             return;  // the link went; lost() handles it
                         }
                         if (reply->type == REDIS_REPLY_ERROR) {
                             lost(QStringLiteral("Redis refused AUTH or PING"));
                             return;
                         }
                         connectTimeout_.stop();
                         state_ = State::Up;
                         backoffMs_ = kReconnectInitialMs;
                         log::info("redis.up", {{"link", name_}, {"redis", endpoint_.display()}});
                         emit up();
                     },
                     Replies::One});
    QList<QByteArray> greeting{QByteArrayLiteral("PING")};
    if (!endpoint_.password.isEmpty()) {
        greeting = {QByteArrayLiteral("AUTH"), endpoint_.password};
        if (!endpoint_.user.isEmpty()) {
            greeting.insert(1, endpoint_.user);  // AUTH <user> <password> (Redis 6 ACL)
        }
    }
    send(greeting, id);
    send({QByteArrayLiteral("CLIENT"), QByteArrayLiteral("SETNAME"), clientName_}, 0);  // unheard
}

bool RedisConnection::command(const QList<QByteArray>& arguments, ReplyHandler handler,
                              Replies replies) {
    if (state_ != State::Up) {
        return false;
    }
    const quint64 id = nextRequestId_++;
    if (handler || replies == Replies::Many) {
        pending_.insert(id, {std::move(handler), replies});
    }
    if (!send(arguments, id)) {
        pending_.remove(id);
        return false;
    }
    scheduleFlush();
    return true;
}

// The commands of one turn of the event loop leave together, right after it, without waiting for
// the socket notifier: a directory change must overtake the sign-in answer's consequences on
// other nodes (docs/scaling.md).
void RedisConnection::scheduleFlush() {
    if (flushScheduled_) {
        return;
    }
    flushScheduled_ = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            flushScheduled_ = false;
            flush();
        },
        Qt::QueuedConnection);
}

void RedisConnection::flush() {
    if (context_ != nullptr) {
        redisAsyncHandleWrite(context_);
    }
}

bool RedisConnection::send(const QList<QByteArray>& arguments, quint64 requestId) {
    QVarLengthArray<const char*, 8> argv;
    QVarLengthArray<size_t, 8> lengths;
    for (const QByteArray& argument : arguments) {
        argv.append(argument.constData());
        lengths.append(size_t(argument.size()));
    }
    // The request id travels as hiredis's private data: a reply for a forgotten id is dropped.
    void* privdata = reinterpret_cast<void*>(quintptr(requestId));
    return redisAsyncCommandArgv(context_, &RedisConnection::onReply, privdata, int(argv.size()),
                                 argv.data(), lengths.data()) == REDIS_OK;
}

void RedisConnection::onReply(redisAsyncContext* context, void* reply, void* requestId) {
    auto* self = static_cast<RedisConnection*>(context->data);
    if (self == nullptr) {
        return;  // being freed by our destructor
    }
    const auto id = quint64(reinterpret_cast<quintptr>(requestId));
    const auto it = self->pending_.find(id);
    if (it == self->pending_.end()) {
        return;
    }
    ReplyHandler handler = it->handler;  // the handler may send, and so grow the hash
    if (it->replies == Replies::One || reply == nullptr) {
        self->pending_.erase(it);
    }
    if (handler) {
        handler(static_cast<const redisReply*>(reply));
    }
}

void RedisConnection::onConnected(const redisAsyncContext* context, int status) {
    auto* self = static_cast<RedisConnection*>(context->data);
    if (self != nullptr && status != REDIS_OK) {
        self->context_ = nullptr;  // hiredis frees it after this callback
        self->lost(QString::fromLocal8Bit(context->errstr));
    }
}

void RedisConnection::onDisconnected(const redisAsyncContext* context, int status) {
    auto* self = static_cast<RedisConnection*>(context->data);
    if (self != nullptr) {
        self->context_ = nullptr;  // hiredis frees it after this callback
        self->lost(status == REDIS_OK ? QStringLiteral("closed")
                                      : QString::fromLocal8Bit(context->errstr));
    }
}

void RedisConnection::lost(const QString& why) {
    const bool wasUp = state_ == State::Up;
    dropContext();
    state_ = State::Idle;
    connectTimeout_.stop();
    // Once per outage at warning level; the retries that follow at debug level.
    log::write(wasUp || backoffMs_ == kReconnectInitialMs ? log::Level::Warning : log::Level::Debug,
               "redis.down",
               {{"link", name_},
                {"redis", endpoint_.display()},
                {"reason", why},
                {"retry_ms", QString::number(backoffMs_)}});
    scheduleReconnect();
    if (wasUp) {
        emit down();
    }
}

// Frees the context unless hiredis is already freeing it (context_ cleared by its callbacks).
void RedisConnection::dropContext() {
    if (context_ != nullptr) {
        redisAsyncContext* context = context_;
        context_ = nullptr;
        context->data = nullptr;  // its callbacks during the free see no owner
        redisAsyncFree(context);
    }
    if (watch_ != nullptr) {
        watch_->deleteLater();
        watch_ = nullptr;
    }
    pending_.clear();
}

void RedisConnection::scheduleReconnect() {
    reconnectTimer_.start(backoffMs_);
    backoffMs_ = qMin(backoffMs_ * 2, kReconnectMaxMs);
}

QByteArray replyBytes(const redisReply* reply) {
    return reply && reply->str ? QByteArray(reply->str, qsizetype(reply->len)) : QByteArray();
}

QList<QByteArray> replyElements(const redisReply* reply) {
    QList<QByteArray> elements;
    if (reply && reply->type == REDIS_REPLY_ARRAY) {
        for (size_t i = 0; i < reply->elements; ++i) {
            elements.append(replyBytes(reply->element[i]));
        }
    }
    return elements;
}

}  // namespace natter
