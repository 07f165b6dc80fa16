#include "ui/app_icon.h"

namespace natter {

QIcon appIcon() {
    return QIcon(QStringLiteral(":/icons/natter.svg"));
}

}  // namespace natter
