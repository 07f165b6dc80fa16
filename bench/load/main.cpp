// natter-load: the project's load generator (bench/README.md). Many natter.v1 connections on
// one thread's event loop; prints one result-table row per run.
//
//   natter-load groups|pairs|idle|login-storm|reconnect-storm --url ws://127.0.0.1:4860/[,ws://…]
//               [--server-pid PID] [--rate R] [--duration S] [--ramp] ...
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRandomGenerator>
#include <cstdio>
#include <functional>
#include <map>

#include "proc_stats.h"
#include "scenarios.h"
#include "stats.h"

using namespace natter::load;

namespace {

struct NumberOption {
    const char* name;
    const char* help;
    std::function<void(LoadOptions&, double)> set;
};

const std::vector<NumberOption>& numberOptions() {
    static const std::vector<NumberOption> options{
        {"rate", "Messages per second, all senders together (first step with --ramp).",
         [](LoadOptions& o, double v) { o.rate = v; }},
        {"duration",
         "Seconds of a run (with --ramp: the run at half of the peak; idle: idle time).",
         [](LoadOptions& o, double v) { o.seconds = v; }},
        {"ramp-factor", "Rate factor from one ramp step to the next.",
         [](LoadOptions& o, double v) { o.rampFactor = v; }},
        {"step-seconds", "Seconds of each ramp step.",
         [](LoadOptions& o, double v) { o.stepSeconds = v; }},
        {"max-p99", "End-to-end p99 bound of a ramp step, ms.",
         [](LoadOptions& o, double v) { o.maxP99Ms = v; }},
        {"groups", "Groups.", [](LoadOptions& o, double v) { o.groups = int(v); }},
        {"members", "Members per group.", [](LoadOptions& o, double v) { o.members = int(v); }},
        {"pairs", "1:1 conversations.", [](LoadOptions& o, double v) { o.pairs = int(v); }},
        {"connections", "Idle connections.",
         [](LoadOptions& o, double v) { o.connections = int(v); }},
        {"clients", "Storm clients.", [](LoadOptions& o, double v) { o.clients = int(v); }},
        {"users", "Accounts the idle and storm connections sign in as.",
         [](LoadOptions& o, double v) { o.users = int(v); }},
        {"messages", "Messages per group written while the storm's clients are away.",
         [](LoadOptions& o, double v) { o.messages = int(v); }},
        {"window", "Sign-ins in flight during setup.",
         [](LoadOptions& o, double v) { o.window = int(v); }},
        {"open-window", "Handshakes in flight.",
         [](LoadOptions& o, double v) { o.openWindow = int(v); }},
    };
    return options;
}

LoadOptions parse(QCommandLineParser& parser, const QCoreApplication& app) {
    parser.setApplicationDescription(QStringLiteral(
        "Load generator for natter-server. Scenarios: groups, pairs, idle, login-storm, "
        "reconnect-storm."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("scenario"), QStringLiteral("What to run."));
    parser.addOption({QStringLiteral("url"),
                      QStringLiteral("Server URL; several nodes' URLs separated by commas (the "
                                     "connections spread over them)."),
                      QStringLiteral("url"), QStringLiteral("ws://127.0.0.1:4860/")});
    parser.addOption({QStringLiteral("server-pid"),
                      QStringLiteral("Server process id, for its CPU and RSS; several (nodes, "
                                     "database, Redis) separated by commas are added up."),
                      QStringLiteral("pid")});
    parser.addOption({QStringLiteral("prefix"), QStringLiteral("Username prefix (default random)."),
                      QStringLiteral("p")});
    parser.addOption({QStringLiteral("accounts"),
                      QStringLiteral("File of account tokens: resumed, and new ones appended."),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("ramp"), QStringLiteral("Ramp the rate to the peak.")});
    parser.addOption({QStringLiteral("header"), QStringLiteral("Print the table header.")});
    for (const NumberOption& option : numberOptions()) {
        parser.addOption({QString::fromLatin1(option.name), QString::fromLatin1(option.help),
                          QStringLiteral("n")});
    }
    parser.process(app);
    LoadOptions o;
    for (const QString& url : parser.value(QStringLiteral("url")).split(u',', Qt::SkipEmptyParts)) {
        o.servers.urls.append(QUrl(url.trimmed()));
    }
    for (const QString& pid :
         parser.value(QStringLiteral("server-pid")).split(u',', Qt::SkipEmptyParts)) {
        o.serverPids.push_back(pid.toLongLong());
    }
    if (o.servers.urls.isEmpty()) {
        parser.showHelp(2);  // --url names no address
    }
    o.accountsFile = parser.value(QStringLiteral("accounts"));
    o.ramp = parser.isSet(QStringLiteral("ramp"));
    o.prefix =
        parser.isSet(QStringLiteral("prefix"))
            ? parser.value(QStringLiteral("prefix"))
            : QStringLiteral("l%1-").arg(QRandomGenerator::global()->bounded(1 << 30), 0, 36);
    for (const NumberOption& option : numberOptions()) {
        if (parser.isSet(QString::fromLatin1(option.name))) {
            option.set(o, parser.value(QString::fromLatin1(option.name)).toDouble());
        }
    }
    return o;
}

}  // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const LoadOptions options = parse(parser, app);
    const std::map<QString, std::function<int(const LoadOptions&)>> scenarios{
        {QStringLiteral("groups"), runGroups},
        {QStringLiteral("pairs"), runPairs},
        {QStringLiteral("idle"), runIdle},
        {QStringLiteral("login-storm"), runLoginStorm},
        {QStringLiteral("reconnect-storm"), runReconnectStorm}};
    const QStringList positional = parser.positionalArguments();
    const auto scenario =
        positional.size() == 1 ? scenarios.find(positional.first()) : scenarios.end();
    if (scenario == scenarios.end()) {
        std::fputs("natter-load: name one scenario (see --help)\n", stderr);
        return 2;
    }
    raiseOpenFileLimit();
    if (parser.isSet(QStringLiteral("header"))) {
        printTableHeader();
    }
    return scenario->second(options);
}
