#include "core/token_store.h"

#include <qt6keychain/keychain.h>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include "core/logging.h"

namespace natter {
namespace {

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// Errors that mean "there is no usable password storage", as opposed to "no entry".
bool meansNoStorage(QKeychain::Error error) {
    return error != QKeychain::NoError && error != QKeychain::EntryNotFound &&
           error != QKeychain::AccessDeniedByUser;
}

}  // namespace

TokenStore::TokenStore(QString serviceName, QString fallbackFile, QObject* parent)
    : QObject(parent),
      serviceName_(std::move(serviceName)),
      fallbackFile_(std::move(fallbackFile)) {}

QString TokenStore::keyFor(const QUrl& server, const QString& username) {
    return server.adjusted(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments).toString() +
           QLatin1Char(' ') + username.trimmed().toLower();
}

void TokenStore::save(const QUrl& server, const QString& username, const QString& token,
                      SaveHandler done) {
    const QString key = keyFor(server, username);
    auto* job = new QKeychain::WritePasswordJob(serviceName_, this);  // deletes itself
    job->setKey(key);
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [this, job, key, token, done] {
        SaveResult result = SaveResult::SavedInKeychain;
        if (job->error() != QKeychain::NoError) {
            noteKeychainError(job->error(), job->errorString());
            const bool savedInFile = fileFallbackAllowed_ && writeFallback(key, token);
            result = savedInFile ? SaveResult::SavedInFile : SaveResult::NotSaved;
        }
        qCInfo(lcNatterStorage) << "token save:" << result;
        if (done) {
            done(result);
        }
    });
    job->start();
}

void TokenStore::load(const QUrl& server, const QString& username, LoadHandler done) {
    const QString key = keyFor(server, username);
    auto* job = new QKeychain::ReadPasswordJob(serviceName_, this);  // deletes itself
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this, job, key, done] {
        if (job->error() == QKeychain::NoError) {
            done(job->textData());
            return;
        }
        noteKeychainError(job->error(), job->errorString());
        done(fileFallbackAllowed_ ? readFallback(key) : std::nullopt);
    });
    job->start();
}

void TokenStore::forget(const QUrl& server, const QString& username, std::function<void()> done) {
    const QString key = keyFor(server, username);
    writeFallback(key, std::nullopt);  // whatever the setting is now, leave no copy behind
    auto* job = new QKeychain::DeletePasswordJob(serviceName_, this);  // deletes itself
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this, job, done] {
        if (job->error() != QKeychain::NoError) {
            noteKeychainError(job->error(), job->errorString());
        }
        if (done) {
            done();
        }
    });
    job->start();
}

void TokenStore::noteKeychainError(int error, const QString& message) {
    const auto keychainError = QKeychain::Error(error);
    if (keychainError == QKeychain::EntryNotFound) {
        return;
    }
    qCInfo(lcNatterStorage) << "keychain error" << error << message;
    if (meansNoStorage(keychainError) && keychainAvailable_) {
        keychainAvailable_ = false;
        emit keychainUnavailableDetected();
    }
}

std::optional<QString> TokenStore::readFallback(const QString& key) const {
    QFile file(fallbackFile_);
    if (!file.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    const QJsonValue token = QJsonDocument::fromJson(file.readAll()).object().value(key);
    return token.isString() ? std::optional<QString>(token.toString()) : std::nullopt;
}

bool TokenStore::writeFallback(const QString& key, const std::optional<QString>& token) const {
    QJsonObject tokens;
    QFile file(fallbackFile_);
    if (file.open(QIODevice::ReadOnly)) {
        tokens = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
    } else if (!token) {
        return true;  // nothing stored, nothing to remove
    }
    if (token) {
        tokens.insert(key, *token);
    } else {
        tokens.remove(key);
    }
    QDir().mkpath(QFileInfo(fallbackFile_).absolutePath());
    // Created owner-only; an existing file is tightened before anything is written to it.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate, kOwnerOnly) ||
        !file.setPermissions(kOwnerOnly)) {
        qCWarning(lcNatterStorage) << "cannot write" << fallbackFile_ << file.errorString();
        return false;
    }
    return file.write(QJsonDocument(tokens).toJson()) >= 0;
}

}  // namespace natter
