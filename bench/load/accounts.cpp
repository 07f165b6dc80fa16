#include "accounts.h"

#include <QFile>
#include <QTextStream>
#include <cstdio>

namespace natter::load {
namespace {

QStringList savedTokens(const QString& path) {
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return {};
    }
    return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

void appendTokens(const QString& path, const Clients& clients, size_t from) {
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::Append | QIODevice::Text)) {
        return;
    }
    QTextStream out(&file);
    for (size_t i = from; i < clients.size(); ++i) {
        out << clients[i]->token << '\n';
    }
}

}  // namespace

bool signInOwnAccounts(const Clients& clients, const ServerUrls& servers,
                       const QString& accountsFile, const QString& prefix, int openWindow,
                       int authWindow) {
    const QStringList tokens = savedTokens(accountsFile);
    const size_t resumed = qMin(clients.size(), size_t(tokens.size()));
    const bool resumedAll = runWindowed(
        int(resumed), openWindow,
        [&](int i, std::function<void(bool)> finish) {
            openAndResume(clients[size_t(i)].get(), servers.at(size_t(i)), tokens[i], finish);
        },
        600'000);
    if (!resumedAll) {
        return false;
    }
    if (!registerRange(clients, resumed, servers, prefix, authWindow)) {
        return false;
    }
    appendTokens(accountsFile, clients, resumed);
    return true;
}

Clients ownAccounts(const LoadOptions& o, int count) {
    Clients clients = makeClients(count);
    if (!signInOwnAccounts(clients, o.servers, o.accountsFile, o.prefix, o.openWindow, o.window)) {
        std::fprintf(stderr, "setup failed: could not sign in %d users\n", count);
        return {};
    }
    return clients;
}

}  // namespace natter::load
