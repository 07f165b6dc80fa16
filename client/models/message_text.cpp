#include "models/message_text.h"

#include <QJsonArray>
#include <QLocale>

namespace natter {

QString MessageText::nameOf(const QString& userId, const NameLookup& names) {
    const QString name = names ? names(userId) : QString();
    return name.isEmpty() ? tr("Someone") : name;
}

QString MessageText::describe(const ChatMessage& message, const NameLookup& names) {
    if (message.isSystem()) {
        return describeSystem(message.meta, names);
    }
    if (message.type != QStringLiteral("text")) {
        return describeAttachment(message);
    }
    return message.body;
}

QString MessageText::describeSystem(const QJsonObject& meta, const NameLookup& names) {
    const QString action = meta.value(QStringLiteral("action")).toString();
    const QString actor = nameOf(meta.value(QStringLiteral("actor")).toString(), names);
    QStringList members;
    for (const QJsonValue& id : meta.value(QStringLiteral("members")).toArray()) {
        members.append(nameOf(id.toString(), names));
    }
    const QString memberList = QLocale().createSeparatedList(members);
    const QString name = meta.value(QStringLiteral("name")).toString();
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

QString MessageText::preview(const ChatMessage& message, const QString& myUserId,
                             const NameLookup& names) {
    const QString text = describe(message, names).simplified();
    if (message.sender && message.sender->id == myUserId) {
        //: preview of my own last message; %1 is its text
        return tr("You: %1").arg(text);
    }
    return text;
}

}  // namespace natter
