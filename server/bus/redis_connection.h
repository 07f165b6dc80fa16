// One asynchronous hiredis connection to Redis, driven by the Qt event loop of the thread it lives
// on (the service thread): commands are queued and their replies come back as callbacks, nothing
// ever blocks. It connects (resolving a host name with QHostInfo, also without blocking),
// authenticates when a password is set, and after a loss reconnects by itself with a growing
// backoff. A node uses two: one for commands, one for SUBSCRIBE (docs/scaling.md).
//
// hiredis 0.14's own adapters/qt.h connects to QSocketNotifier::activated(int), which Qt 6 no
// longer has, so this file carries its own small socket watch.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>
#include <functional>

#include "redis_endpoint.h"

struct redisAsyncContext;
struct redisReply;

namespace natter {

class RedisSocketWatch;

class RedisConnection : public QObject {
    Q_OBJECT
public:
    // Reconnect after kReconnectInitialMs, doubling up to kReconnectMaxMs while Redis stays away.
    static constexpr int kReconnectInitialMs = 100;
    static constexpr int kReconnectMaxMs = 2'000;
    // A connect (TCP plus AUTH) that has not completed by then is abandoned and retried.
    static constexpr int kConnectTimeoutMs = 3'000;

    // Called with the reply, or with nullptr when the link went down before it came.
    using ReplyHandler = std::function<void(const redisReply*)>;
    enum class Replies { One, Many };  // Many: SUBSCRIBE (the handler sees every message)

    // `name` tells this connection apart in logs (e.g. "commands"); `clientName` is what Redis
    // shows in CLIENT LIST (CLIENT SETNAME, no spaces), e.g. which node a connection belongs to.
    RedisConnection(RedisEndpoint endpoint, QString name, QByteArray clientName,
                    QObject* parent = nullptr);
    ~RedisConnection() override;

    // Starts connecting; from then on the connection keeps itself up.
    void open();
    bool isUp() const { return state_ == State::Up; }
    // Queues a command; false (and the handler is not called) while the link is down.
    bool command(const QList<QByteArray>& arguments, ReplyHandler handler = {},
                 Replies replies = Replies::One);
    // Writes what is queued now, as far as the socket takes it without waiting (for shutdown,
    // when the event loop will not run again).
    void flush();

signals:
    void up();    // connected and authenticated
    void down();  // the link was lost after being up; reconnecting

private:
    enum class State { Idle, Resolving, Connecting, Up };

    static void onConnected(const redisAsyncContext* context, int status);
    static void onDisconnected(const redisAsyncContext* context, int status);
    static void onReply(redisAsyncContext* context, void* reply, void* requestId);

    void connectTo(const QString& address);
    void handshake();
    void lost(const QString& why);
    void dropContext();
    void scheduleReconnect();
    bool send(const QList<QByteArray>& arguments, quint64 requestId);
    void scheduleFlush();

    RedisEndpoint endpoint_;
    QString name_;
    QByteArray clientName_;
    State state_ = State::Idle;
    redisAsyncContext* context_ = nullptr;
    RedisSocketWatch* watch_ = nullptr;  // child; replaced with every context
    QTimer reconnectTimer_;
    QTimer connectTimeout_;
    int backoffMs_ = kReconnectInitialMs;
    bool flushScheduled_ = false;
    quint64 nextRequestId_ = 1;
    struct Pending {
        ReplyHandler handler;
        Replies replies;
    };
    QHash<quint64, Pending> pending_;
};

// The text of a string reply (empty for none), and the texts of an array reply's elements.
QByteArray replyBytes(const redisReply* reply);
QList<QByteArray> replyElements(const redisReply* reply);

}  // namespace natter
