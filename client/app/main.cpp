// The natter desktop client: sets up the application, translations and logging, then hands over
// to AppController.
#include <QApplication>
#include <QLoggingCategory>

#include "core/app_settings.h"
#include "core/command_line.h"
#include "core/profile.h"
#include "core/translations.h"
#include "ui/app_controller.h"
#include "ui/app_icon.h"

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Natter"));
    QApplication::setApplicationName(QStringLiteral("natter"));
    QApplication::setApplicationDisplayName(QStringLiteral("Natter"));
    QApplication::setApplicationVersion(QStringLiteral(NATTER_VERSION));
    QApplication::setWindowIcon(natter::appIcon());
    QLoggingCategory::setFilterRules(natter::loggingRulesFor(QStringLiteral("warning")));
    natter::installTranslations(app);  // the system's language, for --help and usage errors

    const natter::CommandLineOptions options = natter::parseCommandLine(app);
    QLoggingCategory::setFilterRules(options.loggingRules);
    natter::Profile profile(options.profile);
    // The language chosen in Settings, before any window is made (it applies from the start).
    natter::installTranslations(app, natter::AppSettings(profile).language());
    natter::AppController controller(profile);
    controller.start(options.server);
    return QApplication::exec();
}
