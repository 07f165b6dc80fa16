#include "core/logging.h"

Q_LOGGING_CATEGORY(lcNatterNet, "natter.client.net")
Q_LOGGING_CATEGORY(lcNatterAuth, "natter.client.auth")
Q_LOGGING_CATEGORY(lcNatterStorage, "natter.client.storage")
