// The natter desktop client: reads the command line, sets up the application, translations and
// logging, then hands over to AppController.
#include <QApplication>
#include <QLoggingCategory>

#include "core/app_settings.h"
#include "core/command_line.h"
#include "core/profile.h"
#include "core/translations.h"
#include "ui/app_controller.h"
#include "ui/app_icon.h"
#include "ui/main_window.h"

namespace {

void nameApplication() {
    QCoreApplication::setOrganizationName(QStringLiteral("Natter"));
    QCoreApplication::setApplicationName(QStringLiteral("natter"));
    QCoreApplication::setApplicationVersion(QStringLiteral(NATTER_VERSION));
}

// The command line is read before any window system is needed, so --help, --version and usage
// errors work without a display (over SSH, on a server).
natter::CommandLineOptions readCommandLine(int& argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    nameApplication();
    natter::installTranslations(app);  // for --help and errors
    return natter::parseCommandLine(app);
}

}  // namespace

int main(int argc, char* argv[]) {
    QLoggingCategory::setFilterRules(natter::loggingRulesFor(QStringLiteral("warning")));
    const natter::CommandLineOptions options = readCommandLine(argc, argv);
    QLoggingCategory::setFilterRules(options.loggingRules);

    QApplication app(argc, argv);
    nameApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("Natter"));
    QApplication::setWindowIcon(natter::appIcon());
    // Matches the installed desktop entry, so Wayland shells and docks group the window with it.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.natter.Natter"));
    natter::Profile profile(options.profile);
    // The language chosen in Settings, before any window is made (it applies from the start).
    natter::installTranslations(app, natter::AppSettings(profile).language());
    natter::AppController controller(profile);
    // Closing the window (unless to the tray) or Quit in the tray menu ends the app.
    QObject::connect(&controller, &natter::AppController::quitRequested, &app,
                     &QApplication::quit, Qt::QueuedConnection);
    controller.start(options.server);
    return QApplication::exec();
}
