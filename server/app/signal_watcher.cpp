#include "signal_watcher.h"

#include <QSocketNotifier>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#endif

namespace natter {

#ifdef Q_OS_UNIX
namespace {

int gPipe[2] = {-1, -1};

void onSignal(int signalNumber) {
    const char byte = char(signalNumber);  // every signal number fits
    [[maybe_unused]] const auto written = ::write(gPipe[0], &byte, 1);
}

}  // namespace

SignalWatcher::SignalWatcher(QObject* parent) : QObject(parent) {
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, gPipe) != 0) {
        return;
    }
    notifier_ = new QSocketNotifier(gPipe[1], QSocketNotifier::Read, this);
    connect(notifier_, &QSocketNotifier::activated, this, [this] {
        char byte = 0;
        if (::read(gPipe[1], &byte, 1) != 1) {
            return;
        }
        if (byte == char(SIGHUP)) {
            emit reloadRequested();
        } else {
            emit terminationRequested();
        }
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGHUP, &action, nullptr);
}

SignalWatcher::~SignalWatcher() {
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
}
#else
// Elsewhere (Windows) there are no such signals: Ctrl+C or the service manager ends the process
// at once, which the database survives (SQLite's write-ahead log), and there is no reload.
SignalWatcher::SignalWatcher(QObject* parent) : QObject(parent) {}

SignalWatcher::~SignalWatcher() = default;
#endif

}  // namespace natter
