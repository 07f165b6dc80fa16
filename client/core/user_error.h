// Turns a failed request into plain words for people, and says which form field it concerns.
#pragma once

#include <QCoreApplication>
#include <QString>

#include "core/request_failure.h"

namespace natter {

// Names of form inputs an error can be shown next to. Protocol params keep their wire names;
// "server" is the client's own server address input.
namespace field {
inline const QString kServer = QStringLiteral("server");
inline const QString kUsername = QStringLiteral("username");
inline const QString kDisplayName = QStringLiteral("display_name");
inline const QString kPassword = QStringLiteral("password");
inline const QString kDeviceName = QStringLiteral("device_name");
}  // namespace field

struct UserError {
    RequestFailure failure;  // what happened, for programs
    QString field;           // the input to show it next to; empty: show it at the top
    QString message;         // plain, translated words

    static UserError fromFailure(const RequestFailure& failure);
};

// The translated sentences, kept in one class so they share one translation context.
class UserMessages {
    Q_DECLARE_TR_FUNCTIONS(UserMessages)

public:
    static QString forFailure(const RequestFailure& failure);
    static QString forInvalidField(const QString& field);
    static QString noPasswordStorage();
    static QString revokedElsewhere();
    static QString connectionLost();
};

}  // namespace natter

Q_DECLARE_METATYPE(natter::UserError)
