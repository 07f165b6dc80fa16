#include "password_hasher.h"

#include <sodium.h>
#include <QMetaObject>
#include <QPointer>

namespace natter {

PasswordHasher::PasswordHasher(int threads, int maxPending, Argon2Params params, QObject* parent)
    : QObject(parent), params_(params), maxPending_(maxPending) {
    pool_.setMaxThreadCount(qMax(1, threads));
    dummyHash_ = hashNow(QStringLiteral("natter-dummy-password-for-timing"), params_);
}

PasswordHasher::~PasswordHasher() {
    pool_.waitForDone();
}

QString PasswordHasher::hashNow(const QString& password, const Argon2Params& params) {
    const QByteArray bytes = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, bytes.constData(), quint64(bytes.size()), params.opsLimit,
                              params.memLimitBytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return {};  // out of memory
    }
    return QString::fromLatin1(out);
}

bool PasswordHasher::verifyNow(const QString& password, const QString& storedHash) {
    const QByteArray bytes = password.toUtf8();
    const QByteArray stored = storedHash.toLatin1();
    return crypto_pwhash_str_verify(stored.constData(), bytes.constData(), quint64(bytes.size())) ==
           0;
}

template <typename Result>
void PasswordHasher::runOnPool(std::function<Result()> work,
                               std::function<void(std::optional<Result>)> done) {
    if (pending_ >= maxPending_) {
        done(std::nullopt);
        return;
    }
    ++pending_;
    waiting_.fetch_add(1, std::memory_order_relaxed);
    QPointer<PasswordHasher> self(this);
    pool_.start(
        [self, waiting = &waiting_, work = std::move(work), done = std::move(done)]() mutable {
            waiting->fetch_sub(1, std::memory_order_relaxed);
            Result result = work();
            if (!self) {
                return;
            }
            QMetaObject::invokeMethod(
                self.data(),
                [self, result, done = std::move(done)] {
                    --self->pending_;
                    done(result);
                },
                Qt::QueuedConnection);
        });
}

void PasswordHasher::hash(const QString& password,
                          std::function<void(std::optional<QString>)> done) {
    const Argon2Params params = params_;
    runOnPool<QString>([password, params] { return hashNow(password, params); }, std::move(done));
}

void PasswordHasher::verify(const QString& password, const QString& storedHash,
                            std::function<void(std::optional<bool>)> done) {
    const bool known = !storedHash.isEmpty();
    const QString hashToCheck = known ? storedHash : dummyHash_;
    runOnPool<bool>(
        [password, hashToCheck, known] { return verifyNow(password, hashToCheck) && known; },
        std::move(done));
}

}  // namespace natter
