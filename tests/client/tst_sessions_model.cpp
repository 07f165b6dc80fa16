// SessionsModel: the list of signed-in devices as a view shows it.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include "models/sessions_model.h"

using natter::SessionInfo;
using natter::SessionsModel;

namespace {

SessionInfo session(const QString& id, const QString& device, bool current, qint64 lastSeenMs) {
    return SessionInfo{id, device, QDateTime::fromMSecsSinceEpoch(1'764'480'000'000, Qt::UTC),
                       QDateTime::fromMSecsSinceEpoch(lastSeenMs, Qt::UTC), current};
}

QList<SessionInfo> threeDevices() {
    return {
        session(QStringLiteral("s_laptop"), QStringLiteral("Laptop"), true, 1'764'490'000'000),
        session(QStringLiteral("s_phone"), QStringLiteral("Phone"), false, 1'764'485'000'000),
        session(QStringLiteral("s_tablet"), QStringLiteral("Tablet"), false, 1'764'481'000'000)};
}

QStringList deviceNames(const SessionsModel& model) {
    QStringList names;
    for (int row = 0; row < model.rowCount(); ++row) {
        names << model.index(row).data(SessionsModel::DeviceNameRole).toString();
    }
    return names;
}

}  // namespace

class TestSessionsModel : public QObject {
    Q_OBJECT

private slots:
    void exposesEverySessionWithItsRoles() {
        SessionsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSessions(threeDevices());
        QCOMPARE(model.rowCount(), 3);
        const QModelIndex phone = model.index(1);
        QCOMPARE(phone.data(SessionsModel::IdRole).toString(), QStringLiteral("s_phone"));
        QCOMPARE(phone.data(SessionsModel::DeviceNameRole).toString(), QStringLiteral("Phone"));
        QCOMPARE(phone.data(SessionsModel::LastSeenAtRole).toDateTime().toMSecsSinceEpoch(),
                 1'764'485'000'000);
        QCOMPARE(phone.data(SessionsModel::CreatedAtRole).toDateTime().toMSecsSinceEpoch(),
                 1'764'480'000'000);
        QCOMPARE(phone.data(SessionsModel::CurrentRole).toBool(), false);
        QCOMPARE(model.index(0).data(SessionsModel::CurrentRole).toBool(), true);
        QVERIFY(model.roleNames().value(SessionsModel::DeviceNameRole) == "deviceName");
    }

    void marksOnlyThisDevice() {
        SessionsModel model;
        model.setSessions(threeDevices());
        const QString laptop = model.index(0).data(Qt::DisplayRole).toString();
        const QString phone = model.index(1).data(Qt::DisplayRole).toString();
        QVERIFY2(laptop.startsWith(QStringLiteral("Laptop (This device)")), qPrintable(laptop));
        QVERIFY2(phone.startsWith(QStringLiteral("Phone\n")), qPrintable(phone));
        QVERIFY(!phone.contains(QStringLiteral("This device")));
        QVERIFY(phone.contains(QStringLiteral("Last active:")));
    }

    void removesARevokedSession() {
        SessionsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSessions(threeDevices());
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.removeSession(QStringLiteral("s_phone"));
        QCOMPARE(deviceNames(model),
                 (QStringList{QStringLiteral("Laptop"), QStringLiteral("Tablet")}));
        QCOMPARE(removed.count(), 1);
        model.removeSession(QStringLiteral("s_unknown"));
        QCOMPARE(model.rowCount(), 2);
    }

    void keepsOnlyTheCurrentSessionAfterRevokingOthers() {
        SessionsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSessions(threeDevices());
        model.keepOnlyCurrent();
        QCOMPARE(deviceNames(model), QStringList{QStringLiteral("Laptop")});
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void answersNothingForInvalidIndexes() {
        SessionsModel model;
        model.setSessions(threeDevices());
        QVERIFY(!model.data(QModelIndex(), SessionsModel::IdRole).isValid());
        QCOMPARE(model.rowCount(model.index(0)), 0);
    }
};

QTEST_GUILESS_MAIN(TestSessionsModel)
#include "tst_sessions_model.moc"
