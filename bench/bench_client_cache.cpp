// Measures the desktop client's start from its local cache, with the real MainWindow on the
// offscreen platform and no server (the restored session keeps trying to reconnect):
//  1. builds a cache: N conversations of M messages each, plus one conversation of B messages;
//  2. cold start: from constructing AccountClient, ChatClient and MainWindow to the first paint
//     of the conversation list with every conversation in it;
//  3. resident memory (VmRSS) after that;
//  4. opening the big conversation, to the first paint of its message view;
//  5. scrolling it to the very top in page steps (older history paged in from the cache as the
//     view reaches the top), painting after every step.
// Usage: bench_client_cache [--conversations N] [--messages M] [--big B]
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QListView>
#include <QScrollBar>
#include <QTemporaryDir>
#include <cstdio>
#include <memory>

#include "core/account_client.h"
#include "core/chat_client.h"
#include "core/local_cache.h"
#include "models/conversation_list_model.h"
#include "models/message_list_model.h"
#include "models/sessions_model.h"
#include "ui/conversation_view.h"
#include "ui/conversations_page.h"
#include "ui/main_window.h"

using namespace natter;

namespace {

struct Options {
    int conversations = 999;
    int messagesEach = 20;
    int big = 100'000;
};

Options parse(const QStringList& args) {
    Options options;
    for (int i = 1; i + 1 < args.size(); i += 2) {
        const int value = args.at(i + 1).toInt();
        if (args.at(i) == QStringLiteral("--conversations")) {
            options.conversations = value;
        } else if (args.at(i) == QStringLiteral("--messages")) {
            options.messagesEach = value;
        } else if (args.at(i) == QStringLiteral("--big")) {
            options.big = value;
        }
    }
    return options;
}

const UserInfo kMe{QStringLiteral("u_benchme0000000000000000"), QStringLiteral("me"),
                   QStringLiteral("Me")};

UserInfo peer(int i) {
    return {QStringLiteral("u_peer%1").arg(i, 18, 10, QLatin1Char('0')),
            QStringLiteral("peer%1").arg(i), QStringLiteral("Peer Number %1").arg(i)};
}

QString conversationId(int i) {
    return QStringLiteral("c_bench%1").arg(i, 17, 10, QLatin1Char('0'));
}

ChatMessage benchMessage(const QString& conversation, qint64 seq, const UserInfo& sender) {
    ChatMessage m;
    m.id = QStringLiteral("m_%1_%2").arg(conversation).arg(seq);
    m.conversationId = conversation;
    m.seq = seq;
    m.sender = sender;
    m.type = QStringLiteral("text");
    m.body =
        QStringLiteral("Message %1: a line of ordinary chat text, about sixty chars.").arg(seq);
    m.sentAt = QDateTime::fromMSecsSinceEpoch(1'764'480'000'000 + seq * 60'000, Qt::UTC);
    return m;
}

// One conversation with `count` messages, written in transactions of 10,000 messages.
void writeConversation(LocalCache& cache, int index, qint64 count) {
    const QString id = conversationId(index);
    const UserInfo other = peer(index);
    LocalCache::Conversation entry;
    entry.details.id = id;
    entry.details.name = other.displayName;
    entry.details.members = {kMe, other};
    entry.details.createdAt = QDateTime::fromMSecsSinceEpoch(1'764'480'000'000, Qt::UTC);
    entry.details.lastSeq = count;
    entry.details.lastMessage = benchMessage(id, count, other);
    entry.details.lastActivityAt = entry.details.lastMessage->sentAt.addSecs(index);
    entry.details.hasReadState = true;
    entry.details.lastReadSeq = count - (index % 4);
    entry.details.unreadCount = index % 4;
    entry.cursor = count;
    entry.unreadCountedThrough = count;
    LocalCache::Batch batch;
    batch.conversations = {entry};
    for (qint64 seq = 1; seq <= count; ++seq) {
        batch.messages << benchMessage(id, seq, seq % 3 ? other : kMe);
        if (batch.messages.size() == 10'000 || seq == count) {
            cache.write(batch);
            batch = {};
        }
    }
}

// What a catch-up writes after one `sync` answer at most: kSyncConversationsMax conversations with
// 100 new messages each, as one batch.
double writeSyncPage(const QString& file) {
    LocalCache cache(file);
    LocalCache::Batch batch;
    for (int i = 1; i <= 50; ++i) {
        const QString id = conversationId(i);
        LocalCache::Conversation entry;
        entry.details.id = id;
        entry.details.name = peer(i).displayName;
        entry.details.members = {kMe, peer(i)};
        entry.details.lastSeq = entry.cursor = 10'100;
        for (qint64 seq = 10'001; seq <= 10'100; ++seq) {
            batch.messages << benchMessage(id, seq, peer(i));
        }
        batch.conversations << entry;
    }
    QElapsedTimer clock;
    clock.start();
    cache.write(batch);
    return double(clock.nsecsElapsed()) / 1e6;
}

long residentKiB() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').first().toLong();
        }
    }
    return -1;
}

// Waits (processing events) until `done` holds and `widget` has painted since; returns ms.
template <typename Done>
double untilPainted(QWidget* widget, const QElapsedTimer& clock, Done done) {
    struct PaintSpy : QObject {
        bool painted = false;
        bool eventFilter(QObject*, QEvent* event) override {
            painted = painted || event->type() == QEvent::Paint;
            return false;
        }
    } spy;
    widget->installEventFilter(&spy);
    while (!(done() && spy.painted)) {
        if (done() && !spy.painted) {
            widget->update();
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (clock.elapsed() > 600'000) {
            std::fprintf(stderr, "gave up waiting\n");
            break;
        }
    }
    widget->removeEventFilter(&spy);
    return double(clock.nsecsElapsed()) / 1e6;
}

// Writes the cache the client starts from and says what is in it.
void buildCache(const QString& file, const Options& options) {
    QElapsedTimer build;
    build.start();
    LocalCache cache(file);
    for (int i = 0; i < options.conversations; ++i) {
        writeConversation(cache, i + 1, options.messagesEach);
    }
    writeConversation(cache, 0, options.big);
    std::printf("cache: %d conversations, %lld messages (one of %d), %.1f MiB, built in %.1f s\n",
                options.conversations + 1,
                qint64(options.conversations) * options.messagesEach + options.big, options.big,
                double(QFile(file).size()) / (1 << 20), double(build.elapsed()) / 1000);
}

// The client objects the app makes, with the cache directory set before the window exists.
struct Client {
    AccountClient account;
    ChatClient chat{&account};
    SessionsModel sessions;
    std::unique_ptr<MainWindow> window;

    explicit Client(const QString& cacheDir) {
        chat.setCacheDirectory(cacheDir);
        window = std::make_unique<MainWindow>(&sessions, &account, &chat);
    }
};

// Step 2 and 3: makes the client and times it to the first paint of the full list.
std::unique_ptr<Client> coldStart(const QString& cacheDir, const Options& options) {
    const long rssBefore = residentKiB();
    QElapsedTimer clock;
    clock.start();
    auto client = std::make_unique<Client>(cacheDir);
    MainWindow& window = *client->window;
    window.resize(1100, 800);
    // No server: the session is restored from this device and keeps trying to reconnect.
    client->account.restore(QUrl(QStringLiteral("ws://127.0.0.1:9/")),
                            QString(43, QLatin1Char('t')), kMe);
    window.setAccount(*client->account.account());
    window.show();
    ConversationsPage* page = window.conversationsPage();
    const int expected = options.conversations + 1;
    const double coldMs = untilPainted(page->conversationList()->viewport(), clock, [&] {
        return page->conversationModel()->rowCount() == expected;
    });
    const long rss = residentKiB();
    std::printf("cold start to first paint of the list (%d rows): %.1f ms\n",
                page->conversationModel()->rowCount(), coldMs);
    std::printf("VmRSS after loading: %.1f MiB (%.1f MiB before the client objects)\n",
                double(rss) / 1024, double(rssBefore) / 1024);
    return client;
}

// Step 4: opens the big conversation, to the first paint of its messages.
void openBigConversation(ConversationsPage* page, const Options& options) {
    ConversationView* view = page->conversationView();
    QElapsedTimer clock;
    clock.start();
    page->openConversation(conversationId(0));
    const double openMs = untilPainted(view->messageView()->viewport(), clock,
                                       [&] { return view->model()->rowCount() > 0; });
    std::printf("open the %d-message conversation to first paint: %.1f ms (%d rows loaded)\n",
                options.big, openMs, view->model()->rowCount());
}

// Step 5: page steps up to the very top, painting after each.
void scrollToTheTop(const ChatClient& chat, ConversationView* view) {
    const QString big = conversationId(0);
    QListView* messages = view->messageView();
    QElapsedTimer clock;
    clock.start();
    QScrollBar* bar = messages->verticalScrollBar();
    int steps = 0;
    while ((bar->value() > bar->minimum() || chat.hasOlderMessages(big)) &&
           clock.elapsed() < 600'000) {
        if (bar->value() == bar->minimum()) {
            bar->setValue(bar->minimum() + 1);  // at the top: arriving there asks for more
        }
        bar->setValue(bar->value() - bar->pageStep());
        QCoreApplication::processEvents();
        messages->viewport()->repaint();
        ++steps;
    }
    const double scrollMs = double(clock.nsecsElapsed()) / 1e6;
    std::printf("scroll to the top in %d page steps: %.1f ms (%d rows, first seq %lld)\n", steps,
                scrollMs, view->model()->rowCount(),
                view->model()->rowCount() > 0 ? view->model()->messageAt(0).seq : -1);
    std::printf("VmRSS after scrolling: %.1f MiB\n", double(residentKiB()) / 1024);
}

}  // namespace

int main(int argc, char* argv[]) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);  // figures appear as they are measured
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const Options options = parse(app.arguments());
    QTemporaryDir dir;
    const QString file = LocalCache::fileFor(dir.path(), kMe.id);
    buildCache(file, options);
    const std::unique_ptr<Client> client = coldStart(dir.path(), options);
    ConversationsPage* page = client->window->conversationsPage();
    openBigConversation(page, options);
    scrollToTheTop(client->chat, page->conversationView());
    std::printf(
        "write one full sync page (50 conversations x 100 messages, one transaction): "
        "%.1f ms\n",
        writeSyncPage(file));
    return page->conversationView()->model()->rowCount() == options.big ? 0 : 1;
}
