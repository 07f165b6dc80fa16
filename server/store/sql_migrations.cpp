#include "sql_migrations.h"

namespace natter {
namespace {

// Version 5: blocking and chat requests (docs/protocol.md section 5.6). request_for names the
// member for whom a private conversation is still a request (NULL: none); conversations from
// before this version are established chats, so they start as no request for anyone.
Migration safetyMigration() {
    return {5,
            {QStringLiteral("ALTER TABLE conversations"
                            " ADD COLUMN request_for INTEGER REFERENCES users(id)"),
             QStringLiteral("CREATE TABLE blocks ("
                            " id INTEGER PRIMARY KEY,"
                            " blocker_id INTEGER NOT NULL REFERENCES users(id),"
                            " blocked_id INTEGER NOT NULL REFERENCES users(id),"
                            " blocked_at INTEGER NOT NULL,"
                            " UNIQUE (blocker_id, blocked_id))"),
             QStringLiteral("CREATE INDEX blocks_by_blocked ON blocks(blocked_id)")}};
}

// Version 7: summaries for users who are offline (docs/protocol.md section 8), kept in the database
// so a restart does not lose them and several nodes send each exactly once: one row per waiting
// user; a node claims due rows (claimed_until) before posting and deletes them after. The same
// statements on both databases.
Migration notificationQueueMigration() {
    return {7,
            {QStringLiteral("CREATE TABLE pending_notifications ("
                            " user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,"
                            " since BIGINT NOT NULL,"
                            " due_at BIGINT NOT NULL,"
                            " claimed_until BIGINT NOT NULL DEFAULT 0,"
                            " attempts INTEGER NOT NULL DEFAULT 0)"),
             QStringLiteral("CREATE INDEX pending_notifications_by_due"
                            " ON pending_notifications(due_at)")}};
}

// Version 8: replies, edits, deletions and reactions (docs/protocol.md 5.2a). Change entries are
// ordinary rows of messages (type 'change', the target in meta); these columns hold the state
// of the changed message, and message_reactions who reacted. The same statements on both databases.
Migration messageChangesMigration() {
    return {8,
            {QStringLiteral("ALTER TABLE messages ADD COLUMN reply_to_seq BIGINT"),
             QStringLiteral("ALTER TABLE messages ADD COLUMN edited_at BIGINT"),
             QStringLiteral("ALTER TABLE messages ADD COLUMN deleted_at BIGINT"),
             QStringLiteral("CREATE TABLE message_reactions ("
                            " message_id BIGINT NOT NULL REFERENCES messages(id),"
                            " user_id BIGINT NOT NULL REFERENCES users(id),"
                            " emoji TEXT NOT NULL,"
                            " reacted_at BIGINT NOT NULL,"
                            " PRIMARY KEY (message_id, user_id, emoji))")}};
}

// Uploads (docs/protocol.md 5.8) and the messages that reference them; the same on both databases.
// A file's row goes when no message references it (message_files) after upload-expiry.
Migration filesMigration() {
    return {9,
            {QStringLiteral("CREATE TABLE files ("
                            " ref TEXT PRIMARY KEY,"
                            " upload_id TEXT NOT NULL UNIQUE,"
                            " owner_id BIGINT NOT NULL REFERENCES users(id),"
                            " sha256 TEXT NOT NULL,"
                            " size BIGINT NOT NULL,"
                            " mime TEXT NOT NULL DEFAULT '',"
                            " created_at BIGINT NOT NULL,"
                            " finished INTEGER NOT NULL DEFAULT 0)"),
             QStringLiteral("CREATE INDEX files_by_owner ON files(owner_id)"),
             QStringLiteral("CREATE INDEX files_by_sha256 ON files(sha256)"),
             QStringLiteral("CREATE INDEX files_by_created ON files(created_at)"),
             QStringLiteral("CREATE TABLE message_files ("
                            " message_id BIGINT NOT NULL REFERENCES messages(id),"
                            " ref TEXT NOT NULL REFERENCES files(ref),"
                            " PRIMARY KEY (message_id, ref))"),
             QStringLiteral("CREATE INDEX message_files_by_ref ON message_files(ref)")}};
}

// Version 10, SQLite: message search with FTS5 over messages.body (external content: the index
// holds no second copy of the text). Triggers keep it in step with every insert, edit, erase and
// delete; one trigger per statement kind, removing the old words before adding the new ones.
// Diacritics are kept, as PostgreSQL's 'simple' configuration keeps them.
Migration sqliteSearchMigration() {
    const QString unindexOld = QStringLiteral(
                                   "INSERT INTO message_search (message_search, rowid, body)"
                                   " SELECT 'delete', old.id, old.body WHERE %1;")
                                   .arg(searchable(QStringLiteral("old.")));
    const QString indexNew =
        QStringLiteral("INSERT INTO message_search (rowid, body) SELECT new.id, new.body WHERE %1;")
            .arg(searchable(QStringLiteral("new.")));
    return {10,
            {QStringLiteral("CREATE VIRTUAL TABLE message_search USING fts5(body,"
                            " content='messages', content_rowid='id',"
                            " tokenize='unicode61 remove_diacritics 0')"),
             QStringLiteral("INSERT INTO message_search (rowid, body)"
                            " SELECT m.id, m.body FROM messages m WHERE %1")
                 .arg(searchable(QStringLiteral("m."))),
             QStringLiteral("CREATE TRIGGER message_search_insert AFTER INSERT ON messages"
                            " BEGIN %1 END")
                 .arg(indexNew),
             QStringLiteral("CREATE TRIGGER message_search_update"
                            " AFTER UPDATE OF body, deleted_at ON messages BEGIN %1 %2 END")
                 .arg(unindexOld, indexNew),
             QStringLiteral("CREATE TRIGGER message_search_delete AFTER DELETE ON messages"
                            " BEGIN %1 END")
                 .arg(unindexOld)}};
}

// Version 10, PostgreSQL: message search over a GIN index of the searchable rows' words in the
// 'simple' configuration (no stemming, no stop words: any language works). An expression index:
// it follows every change of body by itself.
Migration postgresSearchMigration() {
    return {10,
            {QStringLiteral("CREATE INDEX messages_search ON messages"
                            " USING GIN (to_tsvector('simple', body)) WHERE %1")
                 .arg(searchable({}))}};
}

// Version 11: the operator's account controls (docs/operations.md, "Administering accounts").
// users.disabled_at: when the account was disabled (NULL: enabled); password_resets: the hash of
// one one-time code per user; session_revocations: sessions the admin command deleted, which every
// node polls to close their connections (only the id column differs between the databases).
Migration accountAdminMigration(const QString& idColumn) {
    return {11,
            {QStringLiteral("ALTER TABLE users ADD COLUMN disabled_at BIGINT"),
             QStringLiteral("CREATE TABLE password_resets ("
                            " user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,"
                            " code_hash TEXT NOT NULL,"
                            " expires_at BIGINT NOT NULL)"),
             QStringLiteral("CREATE TABLE session_revocations (") + idColumn +
                 QStringLiteral(", session_id BIGINT NOT NULL, revoked_at BIGINT NOT NULL)")}};
}

QList<Migration> sqliteMigrations() {
    return {
        {1,
         {QStringLiteral("CREATE TABLE users ("
                         " id INTEGER PRIMARY KEY,"
                         " public_id TEXT NOT NULL UNIQUE,"
                         " username TEXT NOT NULL UNIQUE,"
                         " display_name TEXT NOT NULL,"
                         " password_hash TEXT NOT NULL,"
                         " created_at INTEGER NOT NULL)")}},
        {2,
         {QStringLiteral("CREATE TABLE sessions ("
                         " id INTEGER PRIMARY KEY,"
                         " public_id TEXT NOT NULL UNIQUE,"
                         " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                         " token_hash TEXT NOT NULL UNIQUE,"
                         " device_name TEXT NOT NULL,"
                         " created_at INTEGER NOT NULL,"
                         " last_seen_at INTEGER NOT NULL)"),
          QStringLiteral("CREATE INDEX sessions_by_user ON sessions(user_id, last_seen_at)")}},
        {3,
         {// Case-folded display name for prefix search; rows from before this version get SQLite's
          // ASCII lower() here, new rows the full Unicode folding from the server.
          QStringLiteral("ALTER TABLE users ADD COLUMN search_name TEXT NOT NULL DEFAULT ''"),
          QStringLiteral("UPDATE users SET search_name = lower(display_name)"),
          QStringLiteral("CREATE INDEX users_by_search_name ON users(search_name)"),
          QStringLiteral("CREATE TABLE conversations ("
                         " id INTEGER PRIMARY KEY,"
                         " public_id TEXT NOT NULL UNIQUE,"
                         " kind TEXT NOT NULL CHECK (kind IN ('private', 'group')),"
                         " name TEXT NOT NULL DEFAULT '',"
                         " owner_id INTEGER REFERENCES users(id),"
                         " pair_key TEXT UNIQUE,"
                         " created_at INTEGER NOT NULL,"
                         " last_seq INTEGER NOT NULL DEFAULT 0,"
                         " last_activity_at INTEGER NOT NULL)"),
          QStringLiteral("CREATE INDEX conversations_by_activity"
                         " ON conversations(last_activity_at, public_id)"),
          QStringLiteral("CREATE TABLE conversation_members ("
                         " conversation_id INTEGER NOT NULL REFERENCES conversations(id),"
                         " user_id INTEGER NOT NULL REFERENCES users(id),"
                         " joined_at INTEGER NOT NULL,"
                         " PRIMARY KEY (conversation_id, user_id))"),
          QStringLiteral("CREATE INDEX members_by_user ON conversation_members(user_id)"),
          QStringLiteral("CREATE TABLE messages ("
                         " id INTEGER PRIMARY KEY,"
                         " public_id TEXT NOT NULL UNIQUE,"
                         " conversation_id INTEGER NOT NULL REFERENCES conversations(id),"
                         " seq INTEGER NOT NULL,"
                         " sender_id INTEGER REFERENCES users(id),"
                         " client_message_id TEXT,"
                         " type TEXT NOT NULL,"
                         " body TEXT NOT NULL,"
                         " meta TEXT NOT NULL DEFAULT '',"
                         " sent_at INTEGER NOT NULL,"
                         " UNIQUE (conversation_id, seq),"
                         " UNIQUE (sender_id, client_message_id))")}},
        {4,
         {QStringLiteral("ALTER TABLE conversation_members"
                         " ADD COLUMN last_read_seq INTEGER NOT NULL DEFAULT 0"),
          QStringLiteral("ALTER TABLE users ADD COLUMN last_seen_at INTEGER NOT NULL DEFAULT 0")}},
        safetyMigration(),
        {6,
         {// Delivered markers start where the read markers are: what was read was delivered.
          QStringLiteral("ALTER TABLE conversation_members"
                         " ADD COLUMN last_delivered_seq INTEGER NOT NULL DEFAULT 0"),
          QStringLiteral("UPDATE conversation_members SET last_delivered_seq = last_read_seq"),
          QStringLiteral("ALTER TABLE conversation_members"
                         " ADD COLUMN muted INTEGER NOT NULL DEFAULT 0")}},
        notificationQueueMigration(),
        messageChangesMigration(),
        filesMigration(),
        sqliteSearchMigration(),
        accountAdminMigration(QStringLiteral("id INTEGER PRIMARY KEY")),
    };
}

// The same versions and the same schema for PostgreSQL: ids are identity columns, times (ms) and
// seqs BIGINT (PostgreSQL's INTEGER is 32 bits), flags stay 0/1 INTEGERs so that the DML binds
// the same values on both. conversation_members.member_order stands in for SQLite's rowid: the
// order members were added in (insertionOrder in sql_dialect.h).
QList<Migration> postgresMigrations() {
    return {
        {1,
         {QStringLiteral("CREATE TABLE users ("
                         " id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                         " public_id TEXT NOT NULL UNIQUE,"
                         " username TEXT NOT NULL UNIQUE,"
                         " display_name TEXT NOT NULL,"
                         " password_hash TEXT NOT NULL,"
                         " created_at BIGINT NOT NULL)")}},
        {2,
         {QStringLiteral("CREATE TABLE sessions ("
                         " id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                         " public_id TEXT NOT NULL UNIQUE,"
                         " user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                         " token_hash TEXT NOT NULL UNIQUE,"
                         " device_name TEXT NOT NULL,"
                         " created_at BIGINT NOT NULL,"
                         " last_seen_at BIGINT NOT NULL)"),
          QStringLiteral("CREATE INDEX sessions_by_user ON sessions(user_id, last_seen_at)")}},
        {3,
         {QStringLiteral("ALTER TABLE users ADD COLUMN search_name TEXT NOT NULL DEFAULT ''"),
          QStringLiteral("UPDATE users SET search_name = lower(display_name)"),
          QStringLiteral("CREATE INDEX users_by_search_name ON users(search_name)"),
          QStringLiteral("CREATE TABLE conversations ("
                         " id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                         " public_id TEXT NOT NULL UNIQUE,"
                         " kind TEXT NOT NULL CHECK (kind IN ('private', 'group')),"
                         " name TEXT NOT NULL DEFAULT '',"
                         " owner_id BIGINT REFERENCES users(id),"
                         " pair_key TEXT UNIQUE,"
                         " created_at BIGINT NOT NULL,"
                         " last_seq BIGINT NOT NULL DEFAULT 0,"
                         " last_activity_at BIGINT NOT NULL)"),
          QStringLiteral("CREATE INDEX conversations_by_activity"
                         " ON conversations(last_activity_at, public_id)"),
          QStringLiteral("CREATE TABLE conversation_members ("
                         " conversation_id BIGINT NOT NULL REFERENCES conversations(id),"
                         " user_id BIGINT NOT NULL REFERENCES users(id),"
                         " joined_at BIGINT NOT NULL,"
                         " member_order BIGINT GENERATED ALWAYS AS IDENTITY,"
                         " PRIMARY KEY (conversation_id, user_id))"),
          QStringLiteral("CREATE INDEX members_by_user ON conversation_members(user_id)"),
          QStringLiteral("CREATE TABLE messages ("
                         " id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                         " public_id TEXT NOT NULL UNIQUE,"
                         " conversation_id BIGINT NOT NULL REFERENCES conversations(id),"
                         " seq BIGINT NOT NULL,"
                         " sender_id BIGINT REFERENCES users(id),"
                         " client_message_id TEXT,"
                         " type TEXT NOT NULL,"
                         " body TEXT NOT NULL,"
                         " meta TEXT NOT NULL DEFAULT '',"
                         " sent_at BIGINT NOT NULL,"
                         " UNIQUE (conversation_id, seq),"
                         " UNIQUE (sender_id, client_message_id))")}},
        {4,
         {QStringLiteral("ALTER TABLE conversation_members"
                         " ADD COLUMN last_read_seq BIGINT NOT NULL DEFAULT 0"),
          QStringLiteral("ALTER TABLE users ADD COLUMN last_seen_at BIGINT NOT NULL DEFAULT 0")}},
        {5,
         {QStringLiteral("ALTER TABLE conversations"
                         " ADD COLUMN request_for BIGINT REFERENCES users(id)"),
          QStringLiteral("CREATE TABLE blocks ("
                         " id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                         " blocker_id BIGINT NOT NULL REFERENCES users(id),"
                         " blocked_id BIGINT NOT NULL REFERENCES users(id),"
                         " blocked_at BIGINT NOT NULL,"
                         " UNIQUE (blocker_id, blocked_id))"),
          QStringLiteral("CREATE INDEX blocks_by_blocked ON blocks(blocked_id)")}},
        {6,
         {QStringLiteral("ALTER TABLE conversation_members"
                         " ADD COLUMN last_delivered_seq BIGINT NOT NULL DEFAULT 0"),
          QStringLiteral("UPDATE conversation_members SET last_delivered_seq = last_read_seq"),
          QStringLiteral("ALTER TABLE conversation_members"
                         " ADD COLUMN muted INTEGER NOT NULL DEFAULT 0 CHECK (muted IN (0, 1))")}},
        notificationQueueMigration(),
        messageChangesMigration(),
        filesMigration(),
        postgresSearchMigration(),
        accountAdminMigration(
            QStringLiteral("id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")),
    };
}

}  // namespace

QString searchable(const QString& row) {
    return QStringLiteral(
               "%1sender_id IS NOT NULL AND %1type <> 'change'"
               " AND %1deleted_at IS NULL AND %1body <> ''")
        .arg(row);
}

const QList<Migration>& migrationsFor(SqlDialect dialect) {
    static const QList<Migration> sqlite = sqliteMigrations();
    static const QList<Migration> postgres = postgresMigrations();
    switch (dialect) {
        case SqlDialect::Sqlite:
            return sqlite;
        case SqlDialect::Postgres:
            return postgres;
    }
    return sqlite;
}

}  // namespace natter
