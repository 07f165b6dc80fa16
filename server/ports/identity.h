// Who an authenticated connection belongs to. Internal ids stay on the server; the public ids are
// what clients see.
#pragma once

#include <QString>

namespace natter {

struct Identity {
    qint64 userId = 0;
    qint64 sessionId = 0;
    QString userPublicId;
    QString sessionPublicId;
};

}  // namespace natter
