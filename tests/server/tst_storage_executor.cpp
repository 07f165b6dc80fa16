// The storage thread: jobs queued together share one commit (group commit), continuations arrive
// on the submitter's thread in submission order only after the commit, a failing job does not undo
// its neighbours, a batch the database answers "retry" runs again with every continuation still
// delivered once, committed work survives a restart, and each commit reaches the metrics.
#include <QtTest>
#include <atomic>

#include "sql_store_fixture.h"
#include "store/sql_store.h"
#include "store/storage_executor.h"
#include "util/metrics.h"

using namespace natter;

// The database comes from NATTER_TEST_STORE_URL like the store suites (sql_store_fixture.h): a
// fresh one per test, shared by the executor's connection and the test's own.
class TestStorageExecutor : public QObject, private natter::test::SqlStoreFixture {
    Q_OBJECT
private:
    QString url_;
    QString url() const { return url_; }
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

    [[noreturn]] static void failLikeABusyDatabase() {
        throw StoreError(QStringLiteral("database is locked"), StoreError::Kind::Retryable);
    }
    // Registers `username` through a connection of its own: another node winning a race.
    void registerElsewhere(const QString& username) const {
        SqlStore::open(url())->insertUser(NewUser{QStringLiteral("u_") + username, username,
                                                  QStringLiteral("E"), QStringLiteral("h"), 1});
    }

private slots:
    void init() {
        const QString problem = prepareFreshDatabase(&url_);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    void cleanup() { dropFreshDatabase(); }

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

    void retryableBatchRunsAgainAndAnswersOnce() {
        StorageExecutor executor;
        QCOMPARE(executor.start(factory()), QString());
        std::atomic<int> flakyRuns{0};
        QStringList answers;
        const auto record = [&answers](const QString& answer) {
            return [&answers, answer] { answers.append(answer); };
        };
        executor.submit(
            this,
            [&record](Store& store) -> StorageExecutor::Continuation {
                // Undone with the first run, so the second run creates the user afresh.
                const bool created =
                    store
                        .insertUser(NewUser{QStringLiteral("u_r1"), QStringLiteral("retry1"),
                                            QStringLiteral("R"), QStringLiteral("h"), 1})
                        .has_value();
                return record(created ? QStringLiteral("created") : QStringLiteral("leaked"));
            },
            [&answers](const QString&) { answers.append(QStringLiteral("failed")); });
        executor.submit(
            this,
            [&flakyRuns, &record](Store&) -> StorageExecutor::Continuation {
                if (++flakyRuns == 1) {
                    failLikeABusyDatabase();
                }
                return record(QStringLiteral("flaky"));
            },
            [&answers](const QString&) { answers.append(QStringLiteral("flaky failed")); });
        QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 2, 10'000);
        QTest::qWait(50);  // a second delivery, were there one, would be queued by now
        QCOMPARE(answers, (QStringList{QStringLiteral("created"), QStringLiteral("flaky")}));
        QCOMPARE(flakyRuns.load(), 2);
    }

    void batchStillRetryableAfterTheLastAttemptFails() {
        StorageExecutor executor;
        QCOMPARE(executor.start(factory()), QString());
        std::atomic<int> runs{0};
        QStringList errors;
        executor.submit(
            this,
            [&runs](Store&) -> StorageExecutor::Continuation {
                ++runs;
                failLikeABusyDatabase();
            },
            [&errors](const QString& error) { errors.append(error); });
        QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, 10'000);
        QTest::qWait(50);
        QCOMPARE(errors, QStringList{QStringLiteral("database is locked")});
        QCOMPARE(runs.load(), StorageExecutor::kMaxBatchAttempts);
    }

    void usernameRaceLostToAnotherNodeAnswersTaken() {
        StorageExecutor executor;
        QCOMPARE(executor.start(factory()), QString());
        std::atomic<int> runs{0};
        QStringList answers;
        executor.submit(
            this,
            [this, &runs, &answers](Store& store) -> StorageExecutor::Continuation {
                // Any read (here, or by an earlier job in the batch) fixes the batch's snapshot.
                store.userByUsername(QStringLiteral("nobody"));
                if (++runs == 1) {
                    registerElsewhere(QStringLiteral("dana"));
                }
                const bool created =
                    store
                        .insertUser(NewUser{QStringLiteral("u_dana2"), QStringLiteral("dana"),
                                            QStringLiteral("D"), QStringLiteral("h"), 1})
                        .has_value();
                return [&answers, created] {
                    answers.append(created ? QStringLiteral("created") : QStringLiteral("taken"));
                };
            },
            [&answers](const QString& error) { answers.append(error); });
        QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 1, 10'000);
        QCOMPARE(answers, QStringList{QStringLiteral("taken")});
        // SQLite: writing on the stale snapshot was Retryable; run again, the name was simply
        // taken. PostgreSQL (READ COMMITTED): the insert itself saw the other node's row.
        const bool snapshotPerTransaction = parseDatabaseUrl(url_).dialect == SqlDialect::Sqlite;
        QCOMPARE(runs.load(), snapshotPerTransaction ? 2 : 1);
    }

    // The same client_message_id sent through two nodes at once (a client that reconnected to
    // another node and resent): the job that loses the race must answer with the other node's
    // message, as a resend does, not fail with internal_error.
    void resendRaceLostToAnotherNodeAnswersTheOriginal() {
        StorageExecutor executor;
        QCOMPARE(executor.start(factory()), QString());  // migrates the database
        const auto other = SqlStore::open(url());
        const UserRecord alice =
            *other->insertUser(NewUser{QStringLiteral("u_alice"), QStringLiteral("alice"),
                                       QStringLiteral("A"), QStringLiteral("h"), 1});
        const qint64 chatId = other
                                  ->insertConversation(NewConversation{QStringLiteral("c_1"),
                                                                       QStringLiteral("group"),
                                                                       QStringLiteral("G"),
                                                                       alice.id,
                                                                       {},
                                                                       1})
                                  .id;
        const auto message = [&](const QString& publicId) {
            return NewMessage{publicId,
                              alice.id,
                              QStringLiteral("cm-1"),
                              QStringLiteral("text"),
                              QStringLiteral("hi"),
                              {},
                              1};
        };
        std::atomic<int> runs{0};
        QStringList answers;
        executor.submit(
            this,
            [&](Store& store) -> StorageExecutor::Continuation {
                if (const auto original =
                        store.messageByClientId(alice.id, QStringLiteral("cm-1"))) {
                    return [&answers, id = original->publicId] { answers.append(id); };
                }
                if (++runs == 1) {
                    other->appendMessage(chatId, message(QStringLiteral("m_other_node")));
                }
                store.appendMessage(chatId, message(QStringLiteral("m_this_node")));
                return [&answers] { answers.append(QStringLiteral("stored again")); };
            },
            [&answers](const QString& error) { answers.append(error); });
        QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 1, 10'000);
        QCOMPARE(answers, QStringList{QStringLiteral("m_other_node")});
        QCOMPARE(other->messagesAfter(chatId, 0, 10).size(), 1);
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

    // Every committed transaction reaches the metrics once, with its jobs; a batch the database
    // answered "retry" is counted for its committed run only.
    void commitsReachTheMetrics() {
        Metrics metrics;
        StorageExecutor executor(&metrics);
        QCOMPARE(executor.start(factory()), QString());
        constexpr int kJobs = 50;
        std::atomic<int> flakyRuns{0};
        int answered = 0;
        for (int i = 0; i < kJobs; ++i) {
            executor.submit(
                this,
                [i, &flakyRuns, &answered](Store& store) -> StorageExecutor::Continuation {
                    if (i == 0 && ++flakyRuns == 1) {
                        failLikeABusyDatabase();
                    }
                    insertUser(3000 + i)(store);
                    return [&answered] { ++answered; };
                },
                [](const QString& error) { QFAIL(qPrintable(error)); });
        }
        QTRY_COMPARE_WITH_TIMEOUT(answered, kJobs, 10'000);
        executor.stop();
        QCOMPARE(flakyRuns.load(), 2);
        QCOMPARE(metrics.commitBatchSize().count(), executor.commitCount());
        QCOMPARE(metrics.commitBatchSize().sum(), double(kJobs));
        QCOMPARE(metrics.commitLatencySeconds().count(), executor.commitCount());
        QVERIFY(metrics.commitLatencySeconds().sum() > 0);
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
