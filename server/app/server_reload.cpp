// ServerApp::reload (SIGHUP, docs/operations.md "Reloading"): the TLS certificate and key, the
// banned-words list and the log level change without a restart and without dropping anyone.
#include <QMetaObject>
#include <QStringList>

#include "net/network_worker.h"
#include "safety/spam_guard.h"
#include "server_app.h"
#include "tls_files.h"
#include "util/log.h"

namespace natter {

QString ServerApp::reloadTls(const ServerConfig& fresh) {
    const bool servedTls = !config_.tlsCertFile.isEmpty();
    if (servedTls != !fresh.tlsCertFile.isEmpty()) {
        return QStringLiteral("kept: switching between ws and wss needs a restart");
    }
    if (!servedTls) {
        return QStringLiteral("off");
    }
    auto loaded = loadTls(fresh);
    if (const auto* error = std::get_if<QString>(&loaded)) {
        return QStringLiteral("kept: ") + *error;
    }
    const auto tls = std::get<QSslConfiguration>(loaded);
    for (NetworkWorker* worker : workers_) {
        worker->post([tls](NetworkWorker& w) { w.replaceTls(tls); });
    }
    config_.tlsCertFile = fresh.tlsCertFile;
    config_.tlsKeyFile = fresh.tlsKeyFile;
    return QStringLiteral("reloaded");
}

QString ServerApp::reloadBannedWords(const ServerConfig& fresh) {
    safety::BannedWords words;
    if (!fresh.bannedWordsFile.isEmpty()) {
        auto loaded = safety::BannedWords::load(fresh.bannedWordsFile);
        if (const auto* error = std::get_if<QString>(&loaded)) {
            return QStringLiteral("kept: ") + *error;
        }
        words = std::get<safety::BannedWords>(std::move(loaded));
    }
    const int count = words.size();
    spamGuard_->replaceBannedWords(std::move(words));
    config_.bannedWordsFile = fresh.bannedWordsFile;
    return QStringLiteral("reloaded (%1)").arg(count);
}

void ServerApp::reload(const ServerConfig& fresh) {
    QString level = QStringLiteral("reloaded");
    if (log::setLevel(fresh.logLevel)) {
        config_.logLevel = fresh.logLevel;
    } else {
        level = QStringLiteral("kept: unknown log level ") + fresh.logLevel;
    }
    const QString tls = reloadTls(fresh);
    const QString words = reloadBannedWords(fresh);
    const bool complete =
        !QStringList{level, tls, words}.join(u' ').contains(QStringLiteral("kept"));
    log::write(complete ? log::Level::Info : log::Level::Warning, "config.reloaded",
               {{"log_level", config_.logLevel + QStringLiteral(": ") + level},
                {"tls", tls},
                {"banned_words", words}});
}

}  // namespace natter
