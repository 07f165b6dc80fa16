// Plain words for chat requests the server refused.
#pragma once

#include <QCoreApplication>

#include "request_failure.h"

namespace natter {

class ChatMessages {
    Q_DECLARE_TR_FUNCTIONS(ChatMessages)

public:
    static QString forFailure(const RequestFailure& failure);
    static QString forInvalidField(const QString& field);
};

}  // namespace natter
