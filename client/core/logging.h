// Logging categories of the desktop client. Tokens and passwords are never logged.
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcNatterNet)
Q_DECLARE_LOGGING_CATEGORY(lcNatterAuth)
Q_DECLARE_LOGGING_CATEGORY(lcNatterStorage)
