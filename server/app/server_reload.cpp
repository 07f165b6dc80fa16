// ServerApp::reload (SIGHUP, docs/operations.md "Reloading"): the TLS certificate and key, the
// banned-words list and the log level change without a restart and without dropping anyone.
#include <QMetaObject>

#include "net/network_worker.h"
#include "safety/spam_guard.h"
#include "server_app.h"
#include "tls_files.h"
#include "util/log.h"

namespace natter {
namespace {

ReloadOutcome keptBecause(const QString& why) {
    return {QStringLiteral("kept: ") + why, true};
}

}  // namespace

ReloadOutcome ServerApp::reloadLogLevel(const ServerConfig& fresh) {
    if (!log::setLevel(fresh.logLevel)) {
        return keptBecause(QStringLiteral("unknown log level ") + fresh.logLevel);
    }
    config_.logLevel = fresh.logLevel;
    return {QStringLiteral("reloaded")};
}

ReloadOutcome ServerApp::reloadTls(const ServerConfig& fresh) {
    const bool servedTls = !config_.tlsCertFile.isEmpty();
    if (servedTls != !fresh.tlsCertFile.isEmpty()) {
        return keptBecause(QStringLiteral("switching between ws and wss needs a restart"));
    }
    if (!servedTls) {
        return {QStringLiteral("off")};
    }
    auto loaded = loadTls(fresh);
    if (const auto* error = std::get_if<QString>(&loaded)) {
        return keptBecause(*error);
    }
    const auto tls = std::get<QSslConfiguration>(loaded);
    for (NetworkWorker* worker : workers_) {
        worker->post([tls](NetworkWorker& w) { w.replaceTls(tls); });
    }
    config_.tlsCertFile = fresh.tlsCertFile;
    config_.tlsKeyFile = fresh.tlsKeyFile;
    return {QStringLiteral("reloaded")};
}

ReloadOutcome ServerApp::reloadBannedWords(const ServerConfig& fresh) {
    safety::BannedWords words;
    if (!fresh.bannedWordsFile.isEmpty()) {
        auto loaded = safety::BannedWords::load(fresh.bannedWordsFile);
        if (const auto* error = std::get_if<QString>(&loaded)) {
            return keptBecause(*error);
        }
        words = std::get<safety::BannedWords>(std::move(loaded));
    }
    const int count = words.size();
    spamGuard_->replaceBannedWords(std::move(words));
    config_.bannedWordsFile = fresh.bannedWordsFile;
    return {QStringLiteral("reloaded (%1)").arg(count)};
}

void ServerApp::reload(const ServerConfig& fresh) {
    const ReloadOutcome level = reloadLogLevel(fresh);
    const ReloadOutcome tls = reloadTls(fresh);
    const ReloadOutcome words = reloadBannedWords(fresh);
    const bool complete = !level.keptOld && !tls.keptOld && !words.keptOld;
    log::write(complete ? log::Level::Info : log::Level::Warning, "config.reloaded",
               {{"log_level", config_.logLevel + QStringLiteral(": ") + level.summary},
                {"tls", tls.summary},
                {"banned_words", words.summary}});
}

}  // namespace natter
