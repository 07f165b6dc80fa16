// Turns SIGINT and SIGTERM into a Qt signal on the main thread (self-pipe), for a clean shutdown.
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

private:
    QSocketNotifier* notifier_ = nullptr;
};

}  // namespace natter
