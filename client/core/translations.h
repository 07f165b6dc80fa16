// Loads the client's translations (embedded as :/i18n/natter_<lang>.qm) and Qt's own.
#pragma once

#include <QLocale>

class QCoreApplication;

namespace natter {

// The language the user chose in Settings; System follows the system's locale.
enum class UiLanguage { System, English, German };

// Installs translators for `locale` on `app` (which owns them), replacing the ones an earlier
// call installed. Returns true when a Natter translation for the locale was found; English needs
// none and returns false.
bool installTranslations(QCoreApplication& app, const QLocale& locale = QLocale());

// The same for a chosen language (natter's main() calls it with the profile's choice before any
// window exists). A language other than System also becomes the default QLocale, so dates and
// numbers match the words.
bool installTranslations(QCoreApplication& app, UiLanguage language);

}  // namespace natter
