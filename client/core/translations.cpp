#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>
#include <memory>

#include "logging.h"

namespace natter {
namespace {

bool installTranslator(QCoreApplication& app, const QLocale& locale, const QString& name,
                       const QString& directory) {
    auto translator = std::make_unique<QTranslator>();
    if (!translator->load(locale, name, QStringLiteral("_"), directory)) {
        return false;  // nothing for this locale
    }
    translator->setParent(&app);  // the application owns it from here on
    QCoreApplication::installTranslator(translator.release());
    return true;
}

}  // namespace

bool installTranslations(QCoreApplication& app, const QLocale& locale) {
    installTranslator(app, locale, QStringLiteral("qtbase"),
                      QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    const bool found =
        installTranslator(app, locale, QStringLiteral("natter"), QStringLiteral(":/i18n"));
    qCDebug(lcNatterStorage) << "translation for" << locale.name() << (found ? "loaded" : "none");
    return found;
}

}  // namespace natter
