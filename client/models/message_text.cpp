#include "models/message_text.h"

#include <QJsonArray>
#include <QLocale>

#include "core/file_types.h"

namespace natter {

QString MessageText::nameOf(const QString& userId, const NameLookup& names) {
    const QString name = names ? names(userId) : QString();
    return name.isEmpty() ? tr("Someone") : name;
}

QString MessageText::describe(const ChatMessage& message, const QString& myUserId,
                              const NameLookup& names) {
    if (message.isSystem()) {
        return describeSystem(message.meta, myUserId, names);
    }
    if (message.deleted) {
        //: the tombstone of a message its sender (or the group's owner) deleted for everyone
        return tr("Message deleted");
    }
    if (message.type != QStringLiteral("text")) {
        return describeAttachment(message);
    }
    return message.body;
}

QString MessageText::describeSystem(const QJsonObject& meta, const QString& myUserId,
                                    const NameLookup& names) {
    const QString action = meta.value(QStringLiteral("action")).toString();
    const QString actorId = meta.value(QStringLiteral("actor")).toString();
    const QString actor = nameOf(actorId, names);
    QStringList members;
    for (const QJsonValue& id : meta.value(QStringLiteral("members")).toArray()) {
        const bool isMe = !myUserId.isEmpty() && id.toString() == myUserId;
        //: I, among the people a group note names (e.g. "Bob added you and Carol")
        members.append(isMe ? tr("you") : nameOf(id.toString(), names));
    }
    const QString memberList = QLocale().createSeparatedList(members);
    const QString name = meta.value(QStringLiteral("name")).toString();
    if (action == QStringLiteral("owner_changed") && !myUserId.isEmpty() &&
        meta.value(QStringLiteral("members")).toArray() == QJsonArray{myUserId}) {
        return tr("You are now the group's owner");
    }
    if (!myUserId.isEmpty() && actorId == myUserId) {
        if (const QString mine = describeMine(action, memberList, name); !mine.isEmpty()) {
            return mine;
        }
    }
    if (action == QStringLiteral("group_created")) {
        //: %1 is a person, %2 the group's name
        return tr("%1 created the group \u201c%2\u201d").arg(actor, name);
    }
    if (action == QStringLiteral("members_added")) {
        //: %1 is a person, %2 one or more people
        return tr("%1 added %2").arg(actor, memberList);
    }
    if (action == QStringLiteral("member_removed")) {
        return tr("%1 removed %2").arg(actor, memberList);
    }
    if (action == QStringLiteral("member_left")) {
        return tr("%1 left the group").arg(actor);
    }
    if (action == QStringLiteral("renamed")) {
        return tr("%1 renamed the group to \u201c%2\u201d").arg(actor, name);
    }
    if (action == QStringLiteral("owner_changed")) {
        return tr("%1 is now the group's owner").arg(members.isEmpty() ? actor : memberList);
    }
    return tr("The group was changed");
}

QString MessageText::describeMine(const QString& action, const QString& memberList,
                                  const QString& name) {
    if (action == QStringLiteral("group_created")) {
        //: %1 is the group's name
        return tr("You created the group \u201c%1\u201d").arg(name);
    }
    if (action == QStringLiteral("members_added")) {
        //: %1 is one or more people
        return tr("You added %1").arg(memberList);
    }
    if (action == QStringLiteral("member_removed")) {
        return tr("You removed %1").arg(memberList);
    }
    if (action == QStringLiteral("member_left")) {
        return tr("You left the group");
    }
    if (action == QStringLiteral("renamed")) {
        return tr("You renamed the group to \u201c%1\u201d").arg(name);
    }
    return {};
}

QString MessageText::describeAttachment(const ChatMessage& message) {
    const QString fileName = message.meta.value(QStringLiteral("name")).toString();
    QString label;
    if (message.type == QStringLiteral("photo")) {
        label = tr("Photo: %1").arg(fileName);
    } else if (message.type == QStringLiteral("video")) {
        label = tr("Video: %1").arg(fileName);
    } else if (message.type == QStringLiteral("audio")) {
        label = tr("Audio: %1").arg(fileName);
    } else {
        label = tr("File: %1").arg(fileName);
    }
    return message.body.isEmpty() ? label : label + QLatin1Char('\n') + message.body;
}

QString MessageText::attachmentLine(const ChatMessage& message) {
    // The symbol says the kind; the photo's caption or the file's name says the rest.
    const QString name = message.meta.value(QStringLiteral("name")).toString();
    if (message.type == QStringLiteral("photo")) {
        //: the chat list's line for a photo without a caption
        return QStringLiteral("\U0001F4F7 ") +
               (message.body.isEmpty() ? tr("Photo") : message.body);
    }
    const QString symbol = message.type == QStringLiteral("video")   ? QStringLiteral("\U0001F3AC")
                           : message.type == QStringLiteral("audio") ? QStringLiteral("\U0001F3B5")
                                                                     : QStringLiteral("\U0001F4CE");
    return symbol + QLatin1Char(' ') + name;
}

QString MessageText::notificationText(const ChatMessage& message, const QString& myUserId,
                                      const NameLookup& names) {
    const bool attachment = !message.deleted && isAttachmentType(message.type);
    return attachment ? attachmentLine(message) : describe(message, myUserId, names);
}

QString MessageText::preview(const ChatMessage& message, const QString& myUserId,
                             const NameLookup& names, bool inGroup) {
    const QString text = notificationText(message, myUserId, names).simplified();
    if (message.isSystem() || !message.sender) {
        return text;
    }
    if (message.sender->id == myUserId) {
        //: preview of my own last message; %1 is its text
        return tr("You: %1").arg(text);
    }
    if (!inGroup) {
        return text;
    }
    const QString known = names ? names(message.sender->id) : QString();
    //: preview of someone's last message in a group; %1 is who wrote it, %2 its text
    return tr("%1: %2").arg(known.isEmpty() ? message.sender->displayName : known, text);
}

}  // namespace natter
