// natter-server: parse the configuration, start the server, run until SIGINT/SIGTERM; reload
// on SIGHUP.
#include <sodium.h>
#include <QCoreApplication>
#include <QProcessEnvironment>
#include <cstdio>

#include "admin_command.h"
#include "backup_command.h"
#include "migrate_command.h"
#include "server_app.h"
#include "signal_watcher.h"
#include "util/log.h"

int main(int argc, char* argv[]) {
    // Qt's own poll()-based event loop instead of GLib's: with thousands of sockets, GLib's
    // notifier bookkeeping (a list walked on every change) showed in the profile at load
    // (docs/performance.md). A QT_NO_GLIB already in the environment wins: set but empty, it
    // brings GLib back.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB")) {
        qputenv("QT_NO_GLIB", "1");
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("natter-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(NATTER_VERSION));
    if (sodium_init() < 0) {
        std::fputs("natter-server: libsodium failed to initialise\n", stderr);
        return 1;
    }
    const auto outcome = natter::parseServerConfig(
        QCoreApplication::arguments(), QProcessEnvironment::systemEnvironment().toStringList());
    if (outcome.exitNow) {
        return 0;
    }
    if (const auto* error = std::get_if<QString>(&outcome.configOrError)) {
        std::fprintf(stderr, "natter-server: %s (see --help)\n", qPrintable(*error));
        return 2;
    }
    const auto& config = std::get<natter::ServerConfig>(outcome.configOrError);
    if (!config.migrateFrom.isEmpty()) {
        return natter::runMigrateCommand(config);
    }
    if (!config.backupTo.isEmpty()) {
        return natter::runBackupCommand(config);
    }
    if (!config.restoreFrom.isEmpty()) {
        return natter::runRestoreCommand(config);
    }
    if (!config.adminCommand.isEmpty()) {
        return natter::runAdminCommand(config);
    }
    natter::ServerApp server(config);
    if (const QString error = server.start(); !error.isEmpty()) {
        std::fprintf(stderr, "natter-server: %s\n", qPrintable(error));
        return 1;
    }
    QObject::connect(&server, &natter::ServerApp::failed, &app, [](const QString& error) {
        std::fprintf(stderr, "natter-server: %s\n", qPrintable(error));
        QCoreApplication::exit(1);
    });
    natter::SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &natter::SignalWatcher::terminationRequested, &app, [&server] {
        server.shutdown();
        QCoreApplication::quit();
    });
    // SIGHUP: read the command line, environment and config file again; apply what can change.
    QObject::connect(&signalWatcher, &natter::SignalWatcher::reloadRequested, &app, [&server] {
        const auto reread = natter::parseServerConfig(
            QCoreApplication::arguments(), QProcessEnvironment::systemEnvironment().toStringList());
        if (const auto* error = std::get_if<QString>(&reread.configOrError)) {
            natter::log::warning("config.reload_failed", {{"error", *error}});
            return;
        }
        server.reload(std::get<natter::ServerConfig>(reread.configOrError));
    });
    return app.exec();
}
