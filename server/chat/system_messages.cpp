#include "system_messages.h"

#include <QJsonArray>
#include <QJsonObject>

#include "util/random_id.h"
#include "views/record_json.h"

namespace natter {
namespace {

QString actionName(SystemAction action) {
    switch (action) {
        case SystemAction::GroupCreated:
            return QStringLiteral("group_created");
        case SystemAction::MembersAdded:
            return QStringLiteral("members_added");
        case SystemAction::MemberRemoved:
            return QStringLiteral("member_removed");
        case SystemAction::MemberLeft:
            return QStringLiteral("member_left");
        case SystemAction::Renamed:
            return QStringLiteral("renamed");
        case SystemAction::OwnerChanged:
            return QStringLiteral("owner_changed");
    }
    return {};
}

}  // namespace

NewMessage systemMessage(SystemAction action, const QString& actorPublicId,
                         const QStringList& members, const QString& name, qint64 now) {
    QJsonObject meta{{QStringLiteral("action"), actionName(action)},
                     {QStringLiteral("actor"), actorPublicId}};
    if (!members.isEmpty()) {
        meta.insert(QStringLiteral("members"), QJsonArray::fromStringList(members));
    }
    if (!name.isEmpty()) {
        meta.insert(QStringLiteral("name"), name);
    }
    return NewMessage{newPublicId('m'),  0,  {}, QStringLiteral("system"), {},
                      compactJson(meta), now};
}

}  // namespace natter
