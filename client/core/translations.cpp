#include "core/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>
#include <memory>

#include "core/logging.h"

namespace natter {
namespace {

// Marks the translators installed here, so a later call can take them out again.
const QString kTranslatorName = QStringLiteral("natter_translator");

void removeInstalledTranslators(QCoreApplication& app) {
    const auto installed =
        app.findChildren<QTranslator*>(kTranslatorName, Qt::FindDirectChildrenOnly);
    for (QTranslator* translator : installed) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
}

bool installTranslator(QCoreApplication& app, const QLocale& locale, const QString& name,
                       const QString& directory) {
    auto translator = std::make_unique<QTranslator>();
    if (!translator->load(locale, name, QStringLiteral("_"), directory)) {
        return false;  // nothing for this locale
    }
    translator->setObjectName(kTranslatorName);
    translator->setParent(&app);  // the application owns it from here on
    QCoreApplication::installTranslator(translator.release());
    return true;
}

}  // namespace

bool installTranslations(QCoreApplication& app, const QLocale& locale) {
    removeInstalledTranslators(app);
    installTranslator(app, locale, QStringLiteral("qtbase"),
                      QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    const bool found =
        installTranslator(app, locale, QStringLiteral("natter"), QStringLiteral(":/i18n"));
    qCDebug(lcNatterStorage) << "translation for" << locale.name() << (found ? "loaded" : "none");
    return found;
}

bool installTranslations(QCoreApplication& app, UiLanguage language) {
    switch (language) {
        case UiLanguage::System:
            QLocale::setDefault(QLocale::system());
            break;
        case UiLanguage::English:
            QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
            break;
        case UiLanguage::German:
            QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
            break;
    }
    return installTranslations(app, QLocale());
}

}  // namespace natter
