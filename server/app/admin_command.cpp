#include "admin_command.h"

#include <QDateTime>
#include <QFileInfo>
#include <cstdio>
#include <functional>

#include "protocol_limits.h"
#include "store/sql_dialect.h"
#include "store/sql_migrations.h"
#include "store/sql_store.h"
#include "util/random_id.h"

namespace natter {
namespace {

struct AdminCommand {
    const char* name;
    const char* argument;  // nullptr: takes none
    const char* help;
    std::function<int(SqlStore&, const QString& argument)> run;
};

qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

QString isoTime(qint64 ms) {
    return ms == 0 ? QStringLiteral("-")
                   : QDateTime::fromMSecsSinceEpoch(ms).toUTC().toString(Qt::ISODate);
}

void say(const QString& line) {
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

// USER is a username (any case) or a public user id (u_…).
std::optional<UserRecord> findUser(SqlStore& store, const QString& user) {
    auto found = user.startsWith(QStringLiteral("u_")) ? store.userByPublicId(user)
                                                       : store.userByUsername(user.toLower());
    if (!found) {
        std::fprintf(stderr, "natter-server admin: no such user: %s\n", qPrintable(user));
    }
    return found;
}

// Runs `change` on the user in one transaction; 1 when there is no such user.
int withUser(SqlStore& store, const QString& user,
             const std::function<void(const UserRecord&)>& change) {
    store.begin();
    try {
        const auto found = findUser(store, user);
        if (found) {
            change(*found);
        }
        store.commit();
        return found ? 0 : 1;
    } catch (const StoreError&) {
        store.rollback();
        throw;
    }
}

QString named(const UserRecord& user) {
    return QStringLiteral("%1 (%2)").arg(user.username, user.publicId);
}

int revokeSessions(SqlStore& store, const UserRecord& user) {
    const qint64 now = nowMs();
    return store.revokeAllSessions(user.id, now, now - SessionRevocation::kKeepMs);
}

int listAccounts(SqlStore& store, const QString& text) {
    say(QStringLiteral("id\tusername\tdisplay_name\tstatus\tsessions\tcreated\tlast_seen"));
    for (const AccountSummary& a : store.accounts(text.toCaseFolded())) {
        say(QStringList{a.publicId, a.username, a.displayName,
                        a.disabledAt != 0 ? QStringLiteral("disabled") : QStringLiteral("active"),
                        QString::number(a.sessions), isoTime(a.createdAt), isoTime(a.lastSeenAt)}
                .join(u'\t'));
    }
    return 0;
}

int showCounts(SqlStore& store, const QString&) {
    const ServerCounts c = store.counts();
    const std::pair<const char*, qint64> lines[] = {
        {"users", c.users},       {"disabled_users", c.disabledUsers},
        {"sessions", c.sessions}, {"private_conversations", c.privateConversations},
        {"groups", c.groups},     {"messages", c.messages}};
    for (const auto& [name, value] : lines) {
        say(QStringLiteral("%1 %2").arg(QLatin1StringView(name)).arg(value));
    }
    return 0;
}

int disable(SqlStore& store, const QString& user) {
    return withUser(store, user, [&store](const UserRecord& u) {
        store.setDisabled(u.id, u.isDisabled() ? u.disabledAt : nowMs());
        const int revoked = revokeSessions(store, u);
        say(QStringLiteral("disabled %1; %2 sessions revoked (their connections close within a "
                           "second)")
                .arg(named(u))
                .arg(revoked));
    });
}

int enable(SqlStore& store, const QString& user) {
    return withUser(store, user, [&store](const UserRecord& u) {
        store.setDisabled(u.id, 0);
        say(QStringLiteral("enabled %1").arg(named(u)));
    });
}

int revoke(SqlStore& store, const QString& user) {
    return withUser(store, user, [&store](const UserRecord& u) {
        const int revoked = revokeSessions(store, u);
        say(QStringLiteral("revoked %1 sessions of %2").arg(revoked).arg(named(u)));
    });
}

int resetPassword(SqlStore& store, const QString& user) {
    return withUser(store, user, [&store](const UserRecord& u) {
        const QString code = newResetCode();
        const qint64 expires = nowMs() + qint64(limits::kResetCodeValidHours) * 3600 * 1000;
        store.setPasswordReset(u.id, hashSessionToken(normalizeResetCode(code)), expires);
        // The code, never the password: the user chooses the new one (auth.reset_password).
        say(QStringLiteral("one-time code for %1, valid once until %2: %3")
                .arg(named(u), isoTime(expires), code));
    });
}

int deleteAccount(SqlStore& store, const QString& user) {
    return withUser(store, user, [&store](const UserRecord& u) {
        const int revoked = revokeSessions(store, u);
        store.eraseAccount(u.id, QStringLiteral("~deleted-") + u.publicId, nowMs());
        say(QStringLiteral("deleted %1: %2 sessions revoked, personal data erased, messages "
                           "kept as erased tombstones from \"Deleted user\"")
                .arg(named(u))
                .arg(revoked));
    });
}

const QList<AdminCommand>& commands() {
    static const QList<AdminCommand> list{
        {"list", nullptr, "every account: id, username, display name, status, sessions, times",
         [](SqlStore& s, const QString&) { return listAccounts(s, {}); }},
        {"find", "TEXT", "the accounts whose username or display name contains TEXT",
         &listAccounts},
        {"counts", nullptr, "how many users, sessions, conversations and messages", &showCounts},
        {"disable", "USER", "refuse the account's sign-ins and revoke its sessions", &disable},
        {"enable", "USER", "allow a disabled account to sign in again", &enable},
        {"revoke-sessions", "USER", "sign the account out on every device", &revoke},
        {"reset-password", "USER", "print a one-time code to set a new password with",
         &resetPassword},
        {"delete", "USER", "delete the account and its personal data (irreversible)",
         &deleteAccount},
    };
    return list;
}

// The SQLite file must exist: opening a missing one would create an empty database.
std::unique_ptr<SqlStore> openExisting(const QString& databaseUrl) {
    const DatabaseUrl url = parseDatabaseUrl(databaseUrl);
    if (url.dialect == SqlDialect::Sqlite && !QFileInfo(url.databaseName).isFile()) {
        throw StoreError(
            QStringLiteral("no database at %1 (see --data-dir, --database)").arg(url.databaseName),
            StoreError::Kind::Fatal);
    }
    auto store = SqlStore::open(databaseUrl);
    const int version = store->schemaVersion();
    const int newest = migrationsFor(url.dialect).constLast().version;
    if (version != newest) {
        throw StoreError(QStringLiteral("the database has schema version %1, this natter-server "
                                        "works on %2: start this version's server once first")
                             .arg(version)
                             .arg(newest),
                         StoreError::Kind::Fatal);
    }
    return store;
}

}  // namespace

QString adminCommandsHelp() {
    QString help = QStringLiteral("Admin commands (natter-server [options] admin COMMAND):\n");
    for (const AdminCommand& command : commands()) {
        const QString usage =
            QString::fromLatin1(command.name) +
            (command.argument ? u' ' + QString::fromLatin1(command.argument) : QString());
        help += QStringLiteral("  %1%2\n").arg(usage, -24).arg(QString::fromLatin1(command.help));
    }
    return help;
}

int runAdminCommand(const ServerConfig& config) {
    const QStringList& words = config.adminCommand;
    for (const AdminCommand& command : commands()) {
        if (words.value(0) != QLatin1StringView(command.name)) {
            continue;
        }
        if (words.size() != (command.argument ? 2 : 1)) {
            std::fprintf(stderr, "natter-server admin: usage: admin %s %s\n", command.name,
                         command.argument ? command.argument : "");
            return 2;
        }
        try {
            auto store = openExisting(config.database);
            return command.run(*store, words.value(1));
        } catch (const StoreError& e) {
            std::fprintf(stderr, "natter-server admin: %s failed: %s\n", command.name, e.what());
            return 1;
        }
    }
    std::fprintf(stderr, "natter-server admin: unknown command '%s'\n%s",
                 qPrintable(words.value(0)), qPrintable(adminCommandsHelp()));
    return 2;
}

}  // namespace natter
