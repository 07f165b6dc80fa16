// Loads the client's translations (embedded as :/i18n/natter_<lang>.qm) and Qt's own.
#pragma once

#include <QLocale>

class QCoreApplication;

namespace natter {

// Installs translators for `locale` on `app` (which owns them). Returns true when a Natter
// translation for the locale was found; English needs none and returns false.
bool installTranslations(QCoreApplication& app, const QLocale& locale = QLocale());

}  // namespace natter
