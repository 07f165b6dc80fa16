// Turns SIGINT and SIGTERM (a clean shutdown) and SIGHUP (reload the certificate, the banned
// words and the log level) into Qt signals on the main thread, through a self-pipe. POSIX only:
// elsewhere it never emits (signal_watcher.cpp says what happens instead).
#pragma once

#include <QObject>

class QSocketNotifier;

namespace natter {

class SignalWatcher : public QObject {
    Q_OBJECT
public:
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;

signals:
    void terminationRequested();
    void reloadRequested();

private:
    QSocketNotifier* notifier_ = nullptr;
};

}  // namespace natter
