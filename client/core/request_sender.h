// What a part of the chat client (Outbox, PresenceTracker, ChatSafety) may use of the signed-in
// session: sending requests, who is signed in, and whether the link is up and caught up.
// ChatClient implements it over its AccountClient, so the parts never see the whole client.
#pragma once

#include <QJsonObject>
#include <QLatin1StringView>
#include <QObject>
#include <functional>
#include <optional>

#include "core/chat_types.h"
#include "core/request_failure.h"

namespace natter {

class RequestSender {
public:
    using OutcomeHandler = std::function<void(const RequestOutcome&)>;
    using ResultHandler = std::function<void(const QJsonObject&)>;

    virtual ~RequestSender() = default;

    // `onOutcome` runs exactly once, unless `context` is destroyed first.
    virtual void send(QLatin1StringView method, const QJsonObject& params, const QObject* context,
                      OutcomeHandler onOutcome) = 0;
    // Like send, but only success is handled here: a failure is told to the user in plain words.
    virtual void call(QLatin1StringView method, const QJsonObject& params, const QObject* context,
                      ResultHandler onResult) = 0;
    // The signed-in user; nullopt when signed out.
    virtual std::optional<UserInfo> me() const = 0;
    // Online and signed in.
    virtual bool isOnline() const = 0;
    // Online and the conversation list (or the catch-up after a reconnect) is complete.
    virtual bool isReady() const = 0;

    QString myUserId() const {
        const std::optional<UserInfo> user = me();
        return user ? user->id : QString();
    }

protected:
    RequestSender() = default;
    RequestSender(const RequestSender&) = default;
    RequestSender& operator=(const RequestSender&) = default;
};

}  // namespace natter
