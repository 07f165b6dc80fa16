// Lists the user's signed-in devices and lets them sign devices out. Talks only to the model;
// requests go out as signals. The list asks to be refreshed whenever it is shown, when its window
// becomes active, and every kRefreshIntervalMs while in view (the server announces no new or
// ended sessions).
#pragma once

#include <QWidget>

class QLabel;
class QListView;
class QPushButton;
class QTimer;

namespace natter {

class SessionsModel;

class DevicesPage : public QWidget {
    Q_OBJECT

public:
    explicit DevicesPage(SessionsModel* model, QWidget* parent = nullptr);

    static constexpr int kRefreshIntervalMs = 30'000;

    void showStatus(const QString& text);
    void setBusy(bool busy);

signals:
    void refreshRequested();
    void signOutThisDeviceRequested();
    void signOutOtherDevicesRequested();
    void signOutSessionRequested(const QString& sessionId);

protected:
    bool event(QEvent* event) override;

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
    QTimer* refreshTimer_ = nullptr;  // runs while the page is in view
    bool busy_ = false;
};

}  // namespace natter
