// Store over Qt Sql. The SQL is portable between SQLite and PostgreSQL; what differs per database
// is in the dialect (sql_dialect.h) and the migrations (sql_migrations.h).
#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>
#include <unordered_map>
#include <vector>

#include "sql_migrations.h"
#include "transactional_store.h"

namespace natter {

class SqlStore : public TransactionalStore {
public:
    // Opens `url` on the calling thread: "sqlite:<path>" or "postgres://..." (parseDatabaseUrl).
    // Throws StoreError when the URL is not understood or the database not opened (Retryable when
    // PostgreSQL could not be reached).
    static std::unique_ptr<SqlStore> open(const QString& url);
    ~SqlStore() override;

    void migrate() override;
    void migrateTo(int version);  // for tests of upgrades from every earlier version
    int schemaVersion() override;

    void begin() override;
    void commit() override;
    void rollback() override;
    void savepoint(const QString& name) override;
    void releaseSavepoint(const QString& name) override;
    void rollbackToSavepoint(const QString& name) override;

    std::optional<UserRecord> userByUsername(const QString& username) override;
    std::optional<UserRecord> userById(qint64 id) override;
    std::optional<UserRecord> insertUser(const NewUser& user) override;
    std::optional<UserRecord> setDisplayName(qint64 userId, const QString& displayName) override;

    SessionRecord insertSession(const NewSession& session) override;
    std::optional<SessionRecord> sessionByTokenHash(const QString& tokenHash) override;
    std::optional<SessionRecord> sessionByPublicId(qint64 userId, const QString& publicId) override;
    QList<SessionRecord> sessionsOfUser(qint64 userId) override;
    bool deleteSession(qint64 sessionId) override;
    void touchSession(qint64 sessionId, qint64 nowMs) override;
    int deleteIdleSessions(qint64 cutoffMs, const QList<qint64>& keep) override;

    std::optional<UserRecord> userByPublicId(const QString& publicId) override;
    QList<UserRecord> usersByPublicIds(const QStringList& publicIds) override;
    QList<UserRef> searchUsers(const QString& foldedPrefix, qint64 excludeUserId,
                               int limit) override;
    QList<UserRef> recentPartners(qint64 userId, int limit) override;

    std::optional<ConversationRecord> conversationOfMember(const QString& publicId,
                                                           qint64 userId) override;
    std::optional<ConversationRecord> conversationById(qint64 id) override;
    std::optional<ConversationRecord> privateConversation(const QString& pairKey) override;
    void lockConversation(const QString& publicId) override;
    ConversationRecord insertConversation(const NewConversation& conversation) override;
    void setConversationName(qint64 conversationId, const QString& name) override;
    void setConversationOwner(qint64 conversationId, qint64 ownerId) override;
    QList<ConversationRecord> conversationsOfUser(qint64 userId,
                                                  const std::optional<ConversationCursor>& cursor,
                                                  int limit) override;

    void addMember(qint64 conversationId, qint64 userId, qint64 joinedAt) override;
    bool removeMember(qint64 conversationId, qint64 userId) override;
    QList<MemberRecord> members(qint64 conversationId) override;

    MessageRecord appendMessage(qint64 conversationId, const NewMessage& message) override;
    std::optional<MessageRecord> messageByClientId(qint64 senderId,
                                                   const QString& clientMessageId) override;
    QList<MessageRecord> messagesBefore(qint64 conversationId, qint64 beforeSeq,
                                        int limit) override;
    QList<MessageRecord> messagesAfter(qint64 conversationId, qint64 afterSeq, int limit) override;
    std::optional<MessageRecord> messageAt(qint64 conversationId, qint64 seq) override;
    std::optional<MessageRecord> latestMessage(qint64 conversationId) override;
    void editMessage(qint64 messageId, const QString& body, qint64 editedAt) override;
    void eraseMessage(qint64 messageId, qint64 deletedAt) override;
    bool addReaction(qint64 messageId, qint64 userId, const QString& emoji, qint64 atMs) override;
    bool removeReaction(qint64 messageId, qint64 userId, const QString& emoji) override;

    QList<MessageRecord> searchMessages(const MessageSearchQuery& query) override;

    qint64 markRead(qint64 conversationId, qint64 userId, qint64 seq) override;
    qint64 markDelivered(qint64 conversationId, qint64 userId, qint64 seq) override;
    bool setMuted(qint64 conversationId, qint64 userId, bool muted) override;
    qint64 unreadCount(qint64 conversationId, qint64 userId) override;
    qint64 totalUnread(qint64 userId) override;
    bool insertBlock(qint64 blockerId, qint64 blockedId, qint64 atMs) override;
    bool deleteBlock(qint64 blockerId, qint64 blockedId) override;
    bool hasBlocked(qint64 blockerId, qint64 blockedId) override;
    bool blockedEitherWay(qint64 userA, qint64 userB) override;
    int blockCount(qint64 blockerId) override;
    QList<UserRef> blockedUsers(qint64 blockerId) override;
    void clearRequest(qint64 conversationId) override;

    QList<CoMember> coMembers(qint64 userId) override;
    void setLastSeen(qint64 userId, qint64 atMs) override;

    void addPendingNotification(qint64 userId, qint64 since, qint64 dueAt) override;
    QList<PendingNotification> claimDueNotifications(qint64 now, qint64 leaseUntil,
                                                     int limit) override;
    QList<WaitingConversation> waitingConversations(qint64 userId, qint64 since) override;
    void deletePendingNotification(qint64 userId) override;
    void retryPendingNotification(qint64 userId, qint64 dueAt) override;

    void insertFile(const FileRecord& file) override;
    std::optional<FileRecord> fileByUploadId(const QString& uploadId, qint64 ownerId) override;
    std::optional<FileRecord> fileByRef(const QString& ref) override;
    qint64 storedBytes(qint64 ownerId) override;
    void finishFile(const QString& ref, const QString& mime) override;
    void deleteFile(const QString& ref) override;
    bool contentHeld(const QString& sha256) override;
    bool memberSeesFile(const QString& ref, qint64 userId) override;
    void attachFile(qint64 messageId, const QString& ref) override;
    QList<FileRecord> detachFiles(qint64 messageId) override;
    QList<FileRecord> unreferencedFiles(qint64 cutoffMs) override;
    QList<AccountSummary> accounts(const QString& foldedText) override;
    ServerCounts counts() override;
    void setDisabled(qint64 userId, qint64 disabledAtOrZero) override;
    int revokeAllSessions(qint64 userId, qint64 nowMs, qint64 pruneBeforeMs) override;
    QList<SessionRevocation> revocationsAfter(qint64 afterId) override;
    qint64 latestRevocationId() override;
    void setPasswordReset(qint64 userId, const QString& codeHash, qint64 expiresAt) override;
    bool consumePasswordReset(qint64 userId, const QString& codeHash, qint64 nowMs) override;
    void setPasswordHash(qint64 userId, const QString& passwordHash) override;
    void eraseAccount(qint64 userId, const QString& tombstoneName, qint64 nowMs) override;

    // Runs one statement with positional bindings; throws StoreError (of the kind the dialect maps
    // the database's error to) on failure. The returned query shares the cached statement: read
    // its rows before running the same SQL again.
    QSqlQuery& exec(const QString& sql, const QVariantList& bindings = {});
    // Runs one statement unprepared: transaction control, DDL and SET, which PostgreSQL cannot
    // prepare. Throws like exec.
    void command(const QString& sql);
    // Runs a statement that RETURNs one value (INSERT/UPDATE ... RETURNING); nullopt when it
    // affected no row. Finishes the statement, so an auto-committed write is not held open.
    std::optional<qint64> execReturning(const QString& sql, const QVariantList& bindings);

    SqlDialect dialect() const { return dialect_; }
    // The schema as the database describes it (for the database copy, database_copy.h).
    QStringList tableNames() const;
    QStringList columnNames(const QString& table) const;

private:
    SqlStore(QSqlDatabase db, SqlDialect dialect);
    std::optional<UserRecord> oneUser(QSqlQuery& query);
    void finishStatements();
    // Opens the connection again when the driver lost it; throws Retryable when it cannot.
    void reconnectIfLost();
    [[noreturn]] void fail(const QString& what, const QSqlQuery& query, const QString& sql) const;
    // Moves a member's marker column (last_read_seq, last_delivered_seq) forward only; returns it.
    qint64 moveMarker(const QString& column, qint64 conversationId, qint64 userId, qint64 seq);
    std::optional<ConversationRecord> oneConversation(const QString& where,
                                                      const QVariantList& bindings);
    // Messages with what the wire shows of them (reactions, reply previews, change targets).
    QList<MessageRecord> selectMessages(const QString& where, const QVariantList& bindings);
    // The rows alone.
    QList<MessageRecord> selectMessageRows(const QString& where, const QVariantList& bindings);
    void addMessageDetails(QList<MessageRecord>& messages);
    void addReactions(QList<MessageRecord>& messages);
    QList<FileRecord> selectFiles(const QString& where, const QVariantList& bindings);

    QString connectionName_;
    QSqlDatabase db_;
    // Prepared once per SQL text: preparing is a large share of a small query's cost.
    std::unordered_map<QString, QSqlQuery> prepared_;  // node-based: pointers stay valid
    std::vector<QSqlQuery*> used_;                     // since the last transaction boundary
    bool inTransaction_ = false;
    SqlDialect dialect_;
};

}  // namespace natter
