// The window shown while signed in: who is signed in, and (for now) the devices page.
#pragma once

#include <QMainWindow>

#include "account_types.h"

class QLabel;
class QTabWidget;

namespace natter {

class DevicesPage;
class SessionsModel;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(SessionsModel* sessions, QWidget* parent = nullptr);

    void setAccount(const natter::SignedInAccount& account);
    void showNotice(const QString& text);
    void showDevicesPage();
    DevicesPage* devicesPage() const { return devicesPage_; }

private:
    QLabel* account_ = nullptr;
    QLabel* notice_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    DevicesPage* devicesPage_ = nullptr;
};

}  // namespace natter
