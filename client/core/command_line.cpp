#include "core/command_line.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>
#include <cstdlib>

#include "core/profile.h"

namespace natter {
namespace {

class CommandLineText {
    Q_DECLARE_TR_FUNCTIONS(CommandLineText)

public:
    [[noreturn]] static void failUsage(const QString& message) {
        std::fprintf(stderr, "natter: %s\n", qPrintable(message));
        std::exit(2);
    }
};

}  // namespace

QString loggingRulesFor(const QString& level) {
    if (level == QStringLiteral("debug")) {
        return QStringLiteral("natter.*.debug=true");
    }
    if (level == QStringLiteral("info")) {
        return QStringLiteral("natter.*.debug=false");
    }
    if (level == QStringLiteral("warning")) {
        return QStringLiteral("natter.*.debug=false\nnatter.*.info=false");
    }
    if (level == QStringLiteral("error")) {
        return QStringLiteral("natter.*.debug=false\nnatter.*.info=false\nnatter.*.warning=false");
    }
    return {};
}

CommandLineOptions parseCommandLine(const QCoreApplication& app) {
    QCommandLineParser parser;
    parser.setApplicationDescription(CommandLineText::tr("Natter desktop client"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption server(
        QStringLiteral("server"),
        CommandLineText::tr("Server address, e.g. ws://127.0.0.1:4860/. A server with several "
                            "addresses: all of them, separated by commas."),
        QStringLiteral("URL"));
    const QCommandLineOption profile(
        QStringLiteral("profile"),
        CommandLineText::tr("Use a separate profile (own settings and sign-in)."),
        QStringLiteral("NAME"), QString::fromLatin1(Profile::kDefaultName));
    const QCommandLineOption logLevel(
        QStringLiteral("log-level"),
        CommandLineText::tr("Log detail: debug, info, warning or error."), QStringLiteral("LEVEL"),
        QStringLiteral("warning"));
    parser.addOptions({server, profile, logLevel});
    parser.process(app);

    CommandLineOptions options;
    options.loggingRules = loggingRulesFor(parser.value(logLevel));
    if (options.loggingRules.isEmpty()) {
        CommandLineText::failUsage(
            CommandLineText::tr("Unknown log level: %1").arg(parser.value(logLevel)));
    }
    options.profile = parser.value(profile);
    if (!Profile::isValidName(options.profile)) {
        CommandLineText::failUsage(
            CommandLineText::tr("Profile names use only letters, digits, '_' and '-'."));
    }
    if (parser.isSet(server)) {
        options.server = ServerAddresses::parse(parser.value(server));
    }
    return options;
}

}  // namespace natter
