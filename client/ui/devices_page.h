// Lists the user's signed-in devices and lets them sign devices out. Talks only to the model;
// requests go out as signals.
#pragma once

#include <QWidget>

class QLabel;
class QListView;
class QPushButton;

namespace natter {

class SessionsModel;

class DevicesPage : public QWidget {
    Q_OBJECT

public:
    explicit DevicesPage(SessionsModel* model, QWidget* parent = nullptr);

    void showStatus(const QString& text);
    void setBusy(bool busy);

signals:
    void refreshRequested();
    void signOutThisDeviceRequested();
    void signOutOtherDevicesRequested();
    void signOutSessionRequested(const QString& sessionId);

private:
    void updateButtons();
    void confirmSignOutSelected();
    void confirmSignOutOthers();
    QString selectedOtherSession() const;
    bool hasOtherSessions() const;

    SessionsModel* model_;
    QListView* view_ = nullptr;
    QLabel* status_ = nullptr;
    QPushButton* refresh_ = nullptr;
    QPushButton* signOutSelected_ = nullptr;
    QPushButton* signOutOthers_ = nullptr;
    QPushButton* signOutThis_ = nullptr;
    bool busy_ = false;
};

}  // namespace natter
