// The user's conversations for the list on the left: name, last message preview and time, kind,
// members, mute and chat-request state. Rows are kept in arrival order; ConversationFilterModel
// sorts them by last activity, filters them by the text in the filter box and shows either the
// chat requests or the other chats.
#pragma once

#include <QAbstractListModel>
#include <QSortFilterProxyModel>

#include "core/chat_types.h"
#include "models/message_text.h"

namespace natter {

class ChatActions;

// What the client knows of a person's presence.
using PresenceLookup = std::function<Presence(const QString& userId)>;
// The unsent text of a conversation.
using DraftLookup = std::function<QString(const QString& conversationId)>;

class ConversationListModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        NameRole,
        PreviewRole,
        LastActivityRole,  // QDateTime
        IsGroupRole,
        MemberNamesRole,  // QStringList
        UnreadCountRole,  // messages from others after my read marker
        AvatarKeyRole,    // the public id the avatar colour is derived from
        InitialsRole,
        PresenceRole,  // private chats: the other person's Presence::Status as int
        MutedRole,     // no notifications; left out of the title's total
        RequestRole,   // a chat request for me (docs/protocol.md 5.6): listed apart
        BlockedRole,   // private chats: I blocked the other person
        DraftRole,     // what I wrote there and have not sent yet
    };
    Q_ENUM(Role)

    explicit ConversationListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Follows the chat core (ChatActions): its conversations, changes and removals.
    void connectTo(ChatActions* chat);
    void setMyUserId(const QString& userId) { myUserId_ = userId; }
    void setNameLookup(NameLookup names) { names_ = std::move(names); }
    void setPresenceLookup(PresenceLookup presence) { presence_ = std::move(presence); }
    void setDraftLookup(DraftLookup drafts) { drafts_ = std::move(drafts); }
    // A conversation's draft changed: repaints its row (a key of no listed chat is ignored).
    void onDraftChanged(const QString& key);
    // Someone's presence changed: repaints their private chat.
    void onPresenceChanged(const natter::Presence& presence);

    void setConversations(const QList<natter::Conversation>& conversations);
    void upsert(const natter::Conversation& conversation);
    void remove(const QString& conversationId);
    int rowOf(const QString& conversationId) const;
    const Conversation& conversationAt(int row) const { return rows_.at(row); }
    // Chat requests waiting for an answer (declined ones, i.e. blocked, are not counted).
    int requestCount() const { return requestCount_; }

    static QString initialsOf(const QString& name);

signals:
    void requestCountChanged(int count);

private:
    QString avatarKey(const Conversation& conversation) const;
    // The other member of a private chat; empty for groups.
    QString peerId(const Conversation& conversation) const;
    Presence::Status peerStatus(const Conversation& conversation) const;
    QString accessibleText(const Conversation& conversation) const;
    QString draftOf(const Conversation& conversation) const;
    void countRequests();

    QList<Conversation> rows_;
    QString myUserId_;
    NameLookup names_;
    PresenceLookup presence_;
    DraftLookup drafts_;
    int requestCount_ = 0;
};

// Most recent activity first; the filter matches the name or a member's name, and while it is
// set the best match comes first: the exact name, then a name starting with the text, then a
// name with a word starting with it, then a member's name; a private chat before a group.
class ConversationFilterModel : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit ConversationFilterModel(QObject* parent = nullptr);

    void setFilterText(const QString& text);
    // Chat requests only (true) or the other chats only (false, the default). Declined
    // requests (the sender is blocked) are in neither.
    void setShowRequests(bool requests);
    bool showsRequests() const { return requests_; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    enum MatchRank { kExactName, kNamePrefix, kWordPrefix, kOtherMatch };
    // Lower is better; 0 for every row without a filter text.
    int matchRank(const QModelIndex& index) const;

    QString text_;
    bool requests_ = false;
};

}  // namespace natter
