// messages.search latency over a large SQLite database (docs/protocol.md 5.3a; bench/README.md).
// Writes N messages straight into a new database through SqlStore (schema by its migrations, so
// the FTS5 index is filled by its triggers as in production), then times SqlStore::searchMessages
// for one user, as the server's storage thread runs it: one-word and two-word queries.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>

#include "store/sql_store.h"

using namespace natter;

namespace {

constexpr int kUsers = 100;
constexpr int kConversations = 200;
constexpr int kMembersPerConversation = 10;
constexpr int kVocabulary = 5'000;
constexpr int kWordsPerMessage = 8;
constexpr int kRowsPerCommit = 50'000;
constexpr int kPageLimit = 21;  // the service asks for one more than the default page of 20

// A pronounceable made-up word for each index: distinct, letters only.
QString word(int index) {
    static const char* syllables[] = {"ka", "lo", "mi", "nu", "pe", "ra", "si", "to", "ve", "zu"};
    QString text;
    do {
        text += QLatin1String(syllables[index % 10]);
        index /= 10;
    } while (index > 0);
    return text + QLatin1Char('x');
}

void createPeopleAndChats(SqlStore& store) {
    for (int u = 1; u <= kUsers; ++u) {
        store.exec(QStringLiteral("INSERT INTO users (id, public_id, username, display_name,"
                                  " password_hash, created_at) VALUES (?, ?, ?, ?, '', 0)"),
                   {u, QStringLiteral("u_%1").arg(u), QStringLiteral("user%1").arg(u),
                    QStringLiteral("User %1").arg(u)});
    }
    for (int c = 1; c <= kConversations; ++c) {
        store.exec(QStringLiteral("INSERT INTO conversations (id, public_id, kind, name, owner_id,"
                                  " created_at, last_activity_at) VALUES (?, ?, 'group', 'g', ?,"
                                  " 0, 0)"),
                   {c, QStringLiteral("c_%1").arg(c), 1});
        for (int m = 0; m < kMembersPerConversation; ++m) {
            const int user = (c * 7 + m * 13) % kUsers + 1;
            store.exec(QStringLiteral("INSERT INTO conversation_members (conversation_id, user_id,"
                                      " joined_at) VALUES (?, ?, 0) ON CONFLICT DO NOTHING"),
                       {c, user});
        }
    }
}

void writeMessages(SqlStore& store, int count) {
    QRandomGenerator random(12345);
    for (int i = 1; i <= count; ++i) {
        if (i % kRowsPerCommit == 1) {
            store.begin();
        }
        QStringList words;
        for (int w = 0; w < kWordsPerMessage; ++w) {
            words.append(word(int(random.bounded(kVocabulary))));
        }
        const int conversation = i % kConversations + 1;
        store.exec(QStringLiteral("INSERT INTO messages (id, public_id, conversation_id, seq,"
                                  " sender_id, client_message_id, type, body, sent_at)"
                                  " VALUES (?, ?, ?, ?, ?, ?, 'text', ?, ?)"),
                   {i, QStringLiteral("m_%1").arg(i), conversation, i / kConversations + 1,
                    (conversation * 7) % kUsers + 1, QString::number(i), words.join(u' '),
                    qint64(i) * 1000});
        if (i % kRowsPerCommit == 0 || i == count) {
            store.commit();
        }
    }
}

struct Figures {
    double p50 = 0;
    double p99 = 0;
    double hitsPerQuery = 0;
};

Figures timeQueries(SqlStore& store, int queries, int wordsPerQuery) {
    QRandomGenerator random(777);
    QList<double> ms;
    qint64 hits = 0;
    for (int q = 0; q < queries; ++q) {
        MessageSearchQuery query{1, {}, 0, 0, kPageLimit};
        for (int w = 0; w < wordsPerQuery; ++w) {
            query.words.append(word(int(random.bounded(kVocabulary))));
        }
        QElapsedTimer timer;
        timer.start();
        hits += store.searchMessages(query).size();
        ms.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return {ms.at(ms.size() / 2), ms.at(std::min<qsizetype>(ms.size() - 1, ms.size() * 99 / 100)),
            double(hits) / queries};
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption messages(QStringLiteral("messages"), QStringLiteral("Messages."),
                                      QStringLiteral("n"), QStringLiteral("1000000"));
    const QCommandLineOption queries(QStringLiteral("queries"), QStringLiteral("Queries per kind."),
                                     QStringLiteral("n"), QStringLiteral("500"));
    parser.addOptions({messages, queries});
    parser.process(app);
    QTemporaryDir dir;
    auto store = SqlStore::open(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("b.db")));
    store->migrate();
    QElapsedTimer timer;
    timer.start();
    store->begin();
    createPeopleAndChats(*store);
    store->commit();
    writeMessages(*store, parser.value(messages).toInt());
    std::printf("wrote %d messages in %.1f s\n", parser.value(messages).toInt(),
                double(timer.elapsed()) / 1000);
    for (int words : {1, 2}) {
        const Figures f = timeQueries(*store, parser.value(queries).toInt(), words);
        std::printf("%d-word queries: p50 %.2f ms, p99 %.2f ms, %.1f hits per query\n", words,
                    f.p50, f.p99, f.hitsPerQuery);
    }
    return 0;
}
