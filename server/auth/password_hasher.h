// argon2id password hashing (libsodium crypto_pwhash) on a small thread pool, so hashing never
// blocks a network thread. Lives on the service thread; callbacks come back there.
#pragma once

#include <QObject>
#include <QString>
#include <QThreadPool>
#include <atomic>
#include <functional>
#include <optional>

namespace natter {

struct Argon2Params {
    // OWASP's argon2id recommendation: 19 MiB of memory, 2 iterations, 1 lane.
    quint64 opsLimit = 2;
    size_t memLimitBytes = size_t(19) * 1024 * 1024;
};

class PasswordHasher : public QObject {
    Q_OBJECT
public:
    // Caps concurrently queued + running hashes at maxPending (docs: kMaxConcurrentPasswordHashes).
    PasswordHasher(int threads, int maxPending, Argon2Params params = {},
                   QObject* parent = nullptr);
    ~PasswordHasher() override;

    // done(nullopt) at once when too many hashes are pending (the caller answers server_busy).
    void hash(const QString& password, std::function<void(std::optional<QString>)> done);
    // An empty storedHash verifies against a dummy hash, so an unknown user costs as much time as a
    // wrong password. done(nullopt) when busy, otherwise whether the password matches.
    void verify(const QString& password, const QString& storedHash,
                std::function<void(std::optional<bool>)> done);

    // Synchronous forms, for tests and the dummy hash.
    static QString hashNow(const QString& password, const Argon2Params& params);
    static bool verifyNow(const QString& password, const QString& storedHash);

    // Hashes waiting for a pool thread (not yet started); safe from any thread.
    int queueDepth() const { return waiting_.load(std::memory_order_relaxed); }

private:
    template <typename Result>
    void runOnPool(std::function<Result()> work, std::function<void(std::optional<Result>)> done);

    Argon2Params params_;
    int maxPending_;
    int pending_ = 0;  // touched only on this object's thread
    QString dummyHash_;
    std::atomic<int> waiting_{0};  // outlives pool_, whose destructor waits for its tasks
    QThreadPool pool_;
};

}  // namespace natter
