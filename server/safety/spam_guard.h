// The spam rules of docs/protocol.md section 5.6 after `blocked` (banned words, links, the per-user
// message rate), as protocol errors.
//
// Threads: the link policy never changes after start; the word list may be replaced (SIGHUP)
// from any thread and is read under a short lock as a shared snapshot, so checkWords() may run
// anywhere. The per-user message buckets have ONE owner, the storage thread: admitMessage() runs
// only inside storage jobs (they run one at a time), right where the message is about to be
// stored, so every connection of a user, on any network thread, draws from the same bucket
// without a lock.
#pragma once

#include <QString>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "codec.h"
#include "ports/shared_limits.h"
#include "protocol_limits.h"
#include "spam_rules.h"
#include "util/token_bucket.h"

namespace natter::safety {

struct SpamSettings {
    BannedWords bannedWords;
    LinkPolicy linkPolicy = LinkPolicy::Contacts;
    double messageRatePerSecond = limits::kMessageRatePerSecond;
    double messageBurst = limits::kMessageBurst;
};

// A token of the sender's message bucket in a cluster, where the nodes share the buckets
// (docs/scaling.md, "Shared limits"): taken on the service thread before the storage job, so a
// batch the executor runs again never pays twice. The job decides with it instead of this node's
// bucket, and marks it spent when the message is stored; a granted token not spent goes back.
struct SharedToken {
    bool granted = false;
    qint64 retryAfterMs = 0;
    bool spent = false;  // written by the job's last run (storage thread), read after the commit
};
using SharedTokenRef = std::shared_ptr<SharedToken>;

class SpamGuard {
public:
    explicit SpamGuard(SpamSettings settings);

    // banned_word naming `field` when `text` contains a banned entry. Any thread.
    std::optional<ProtocolError> checkWords(const QString& text, const QString& field) const;

    // Replaces the banned words for every check from now on (a reload). Any thread.
    void replaceBannedWords(BannedWords words);

    // For a message about to be stored: banned_word (body), link_not_allowed, then rate_limited.
    // Takes one of the sender's tokens only when every rule passes. inRequest: see linksAllowed().
    // clientMessageId: when it is the one this sender was last admitted with, no second token is
    // taken — the storage executor re-runs a whole batch after a retryable database error, and the
    // message must not pay twice. Storage thread only.
    // shared: the sender's token from the cluster's buckets (see SharedToken); null: this node's.
    std::optional<ProtocolError> admitMessage(qint64 senderId, const QString& body, bool inRequest,
                                              qint64 nowMs, const QString& clientMessageId = {},
                                              SharedToken* shared = nullptr);

    // In a cluster: message tokens come from the buckets every node shares. Set before serving.
    void shareBuckets(SharedLimits* shared) { shared_ = shared; }
    // Service thread. Takes the sender's shared token and calls `run` with it; with no shared
    // buckets, or when they cannot be reached, calls `run` with null at once (the job then uses
    // this node's bucket: limits hold per node while Redis is away).
    void takeSharedToken(qint64 senderId, std::function<void(SharedTokenRef)> run);
    // Service thread, after the job: a granted token it did not spend goes back.
    void settleSharedToken(qint64 senderId, const SharedTokenRef& token);

    // How many users have a bucket that is not full (for tests of the pruning).
    std::size_t trackedUsers() const { return buckets_.size(); }

private:
    void checkOwnerThread();
    SharedBucket messageBucket(qint64 senderId) const;
    void pruneFullBuckets(qint64 nowMs);

    std::shared_ptr<const BannedWords> bannedWords() const;

    const SpamSettings settings_;  // its bannedWords are only the first list: see bannedWords_
    mutable std::mutex bannedWordsMutex_;
    std::shared_ptr<const BannedWords> bannedWords_;
    struct SenderState {
        TokenBucket bucket;
        QString lastAdmitted;  // client_message_id of the last message that took a token
    };
    std::unordered_map<qint64, SenderState> buckets_;
    int admittedSincePrune_ = 0;
    std::thread::id owner_;
    SharedLimits* shared_ = nullptr;  // set before serving, then only read
};

}  // namespace natter::safety
