#include "spam_guard.h"

#include "util/rate_limits.h"

namespace natter::safety {
namespace {

// Full buckets carry no information (a new one starts full): drop them now and then so the map
// holds only recently active senders.
constexpr int kPruneEvery = 1024;

}  // namespace

SpamGuard::SpamGuard(SpamSettings settings)
    : settings_(std::move(settings)),
      bannedWords_(std::make_shared<const BannedWords>(settings_.bannedWords)) {}

void SpamGuard::replaceBannedWords(BannedWords words) {
    auto replacement = std::make_shared<const BannedWords>(std::move(words));
    const std::lock_guard lock(bannedWordsMutex_);
    bannedWords_ = std::move(replacement);
}

std::shared_ptr<const BannedWords> SpamGuard::bannedWords() const {
    const std::lock_guard lock(bannedWordsMutex_);
    return bannedWords_;
}

std::optional<ProtocolError> SpamGuard::checkWords(const QString& text,
                                                   const QString& field) const {
    if (!bannedWords()->matches(text)) {
        return std::nullopt;
    }
    return ProtocolError::of(ErrorCode::BannedWord, {}, field);
}

std::optional<ProtocolError> SpamGuard::admitMessage(qint64 senderId, const QString& body,
                                                     bool inRequest, qint64 nowMs,
                                                     const QString& clientMessageId,
                                                     SharedToken* shared) {
    checkOwnerThread();
    if (auto banned = checkWords(body, QStringLiteral("body"))) {
        return banned;
    }
    if (!linksAllowed(settings_.linkPolicy, inRequest) && containsLink(body)) {
        return ProtocolError::of(ErrorCode::LinkNotAllowed, {}, QStringLiteral("body"));
    }
    if (shared != nullptr) {
        if (!shared->granted) {
            return rateLimitedBy(RateLimit::MessageRate, shared->retryAfterMs);
        }
        shared->spent = true;
        return std::nullopt;
    }
    if (++admittedSincePrune_ >= kPruneEvery) {
        pruneFullBuckets(nowMs);
    }
    SenderState& sender =
        buckets_
            .try_emplace(senderId, SenderState{TokenBucket(settings_.messageBurst,
                                                           settings_.messageRatePerSecond, nowMs),
                                               {}})
            .first->second;
    if (!clientMessageId.isEmpty() && clientMessageId == sender.lastAdmitted) {
        return std::nullopt;  // the same message again: a re-run batch, already paid for
    }
    if (!sender.bucket.tryTake(nowMs)) {
        return rateLimitedBy(RateLimit::MessageRate, sender.bucket.msUntilAvailable(nowMs));
    }
    sender.lastAdmitted = clientMessageId;
    return std::nullopt;
}

SharedBucket SpamGuard::messageBucket(qint64 senderId) const {
    return {"msg:" + QByteArray::number(senderId), settings_.messageBurst,
            settings_.messageRatePerSecond, SharedBucket::Mode::Enforce};
}

void SpamGuard::takeSharedToken(qint64 senderId, std::function<void(SharedTokenRef)> run) {
    if (shared_ == nullptr) {
        run(nullptr);
        return;
    }
    shared_->take({{messageBucket(senderId)}, {}, {}}, [run](std::optional<SharedVerdict> verdict) {
        if (!verdict) {
            run(nullptr);  // Redis unreachable: this node's bucket decides
            return;
        }
        run(std::make_shared<SharedToken>(
            SharedToken{verdict->admitted(), verdict->retryAfterMs, false}));
    });
}

void SpamGuard::settleSharedToken(qint64 senderId, const SharedTokenRef& token) {
    if (shared_ != nullptr && token && token->granted && !token->spent) {
        shared_->refund({messageBucket(senderId)});
    }
}

void SpamGuard::checkOwnerThread() {
    if (owner_ == std::thread::id()) {
        owner_ = std::this_thread::get_id();
    }
    Q_ASSERT_X(owner_ == std::this_thread::get_id(), "SpamGuard",
               "the message buckets belong to the storage thread");
}

void SpamGuard::pruneFullBuckets(qint64 nowMs) {
    admittedSincePrune_ = 0;
    for (auto it = buckets_.begin(); it != buckets_.end();) {
        it = it->second.bucket.isFull(nowMs) ? buckets_.erase(it) : std::next(it);
    }
}

}  // namespace natter::safety
