// The storage thread: jobs queued together share one commit (group commit), continuations arrive
// on the submitter's thread in submission order only after the commit, a failing job does not undo
// its neighbours, and committed work survives a restart.
#include <QTemporaryDir>
#include <QtTest>

#include "store/sql_store.h"
#include "store/storage_executor.h"

using namespace natter;

class TestStorageExecutor : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    QString url() const {
        return QStringLiteral("sqlite:") + dir_.filePath(QStringLiteral("s.sqlite3"));
    }
    StorageExecutor::StoreFactory factory() const {
        const QString u = url();
        return [u] { return SqlStore::open(u); };
    }
    static StorageExecutor::Job insertUser(int i) {
        return [i](Store& store) -> StorageExecutor::Continuation {
            store.insertUser(NewUser{QStringLiteral("u_%1").arg(i), QStringLiteral("user%1").arg(i),
                                     QStringLiteral("U"), QStringLiteral("h"), i});
            return {};
        };
    }

private slots:
    void groupCommitsAndAnswersInOrderAfterCommit() {
        StorageExecutor executor;
        QCOMPARE(executor.start(factory()), QString());
        constexpr int kJobs = 300;
        QList<int> answered;
        for (int i = 0; i < kJobs; ++i) {
            executor.submit(
                this,
                [i, &answered](Store& store) -> StorageExecutor::Continuation {
                    store.insertUser(NewUser{QStringLiteral("u_%1").arg(i),
                                             QStringLiteral("user%1").arg(i), QStringLiteral("U"),
                                             QStringLiteral("h"), i});
                    return [i, &answered] { answered.append(i); };
                },
                [](const QString& error) { QFAIL(qPrintable(error)); });
        }
        QTRY_COMPARE_WITH_TIMEOUT(answered.size(), kJobs, 20'000);
        for (int i = 0; i < kJobs; ++i) {
            QCOMPARE(answered.at(i), i);
        }
        // Queued together, they were committed in far fewer transactions than jobs.
        QVERIFY2(executor.commitCount() < quint64(kJobs) / 2,
                 qPrintable(QString::number(executor.commitCount())));
        executor.stop();
        auto reopened = SqlStore::open(url());
        QVERIFY(reopened->userByUsername(QStringLiteral("user299")));
    }

    void failingJobOnlyFailsItself() {
        StorageExecutor executor;
        QCOMPARE(executor.start(factory()), QString());
        QStringList outcomes;
        executor.submit(this, insertUser(1000), {});
        executor.submit(
            this,
            [](Store& store) -> StorageExecutor::Continuation {
                store.insertUser(NewUser{QStringLiteral("u_dup"), QStringLiteral("dupe"),
                                         QStringLiteral("D"), QStringLiteral("h"), 1});
                // Same public id again: violates UNIQUE, throws StoreError after a partial write.
                store.insertUser(NewUser{QStringLiteral("u_dup"), QStringLiteral("dupe2"),
                                         QStringLiteral("D"), QStringLiteral("h"), 1});
                return {};
            },
            [&](const QString&) { outcomes.append(QStringLiteral("failed")); });
        executor.submit(this,
                        [&outcomes](Store& store) -> StorageExecutor::Continuation {
                            const bool firstStillThere =
                                store.userByUsername(QStringLiteral("user1000")).has_value();
                            const bool partialUndone =
                                !store.userByUsername(QStringLiteral("dupe")).has_value();
                            return [=, &outcomes] {
                                outcomes.append(firstStillThere && partialUndone
                                                    ? QStringLiteral("isolated")
                                                    : QStringLiteral("leaked"));
                            };
                        },
                        {});
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 2, 10'000);
        QCOMPARE(outcomes, (QStringList{QStringLiteral("failed"), QStringLiteral("isolated")}));
    }

    void stopRunsWhatIsQueued() {
        StorageExecutor executor;
        QCOMPARE(executor.start(factory()), QString());
        for (int i = 2000; i < 2050; ++i) {
            executor.submit(this, insertUser(i), {});
        }
        executor.stop();
        auto reopened = SqlStore::open(url());
        QVERIFY(reopened->userByUsername(QStringLiteral("user2049")));
    }

    void unopenableDatabaseIsReported() {
        StorageExecutor executor;
        const QString error = executor.start(
            [] { return SqlStore::open(QStringLiteral("sqlite:/nonexistent-dir/x/y.sqlite3")); });
        QVERIFY(error.contains(QStringLiteral("cannot open database")));
    }
};

QTEST_GUILESS_MAIN(TestStorageExecutor)
#include "tst_storage_executor.moc"
