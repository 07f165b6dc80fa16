// The addresses of one server deployment (docs/scaling.md, "Clients"): a server of several nodes
// with no load balancer in front is one identity reached at several addresses. The first one
// entered is the primary: it names the deployment (the token store's key, the profile's last
// server), so one account has one session however many addresses reach it. One address is the
// common case and behaves exactly as a plain URL did.
#pragma once

#include <QList>
#include <QString>
#include <QUrl>

namespace natter {

class ServerAddresses {
public:
    ServerAddresses() = default;
    // One address (implicit: wherever a single URL was used before, it still works).
    ServerAddresses(const QUrl& url);  // NOLINT(google-explicit-constructor)
    explicit ServerAddresses(QList<QUrl> urls) : urls_(std::move(urls)) {}

    // Addresses separated by commas, spaces or newlines, each read as QUrl::fromUserInput reads
    // a typed address (a comma inside an address must be written %2C). Repeats are dropped.
    static ServerAddresses parse(const QString& text);

    const QList<QUrl>& urls() const { return urls_; }
    bool isEmpty() const { return urls_.isEmpty(); }
    QUrl primary() const { return urls_.value(0); }
    // The addresses joined by ", ": parse() reads it back; one address is just its URL, so a
    // profile written before several addresses existed reads unchanged.
    QString toText() const;

    bool operator==(const ServerAddresses& other) const = default;

private:
    QList<QUrl> urls_;
};

// Which address of a deployment to connect to: an order shuffled once per list (so clients
// spread over the nodes) and kept; the current address stays while it works (sticky). When it
// fails, the next one is tried at once, until every address failed in a row: then the caller
// waits its backoff before the next round (a round, not each address, costs one backoff).
class AddressRotation {
public:
    // Takes a new list (shuffled) unless it is the one in use, whose order and place are kept.
    void use(const ServerAddresses& addresses);
    const ServerAddresses& addresses() const { return addresses_; }
    QUrl current() const { return order_.value(index_); }
    // The current address worked: a later failure starts a new round from it.
    void succeeded() { failedInRound_ = 0; }
    // The current address failed: moves to the next one. True when the round goes on (try it
    // now); false when every address of the round failed (wait, then try the new current one).
    bool moveOn();

private:
    ServerAddresses addresses_;
    QList<QUrl> order_;
    qsizetype index_ = 0;
    qsizetype failedInRound_ = 0;
};

}  // namespace natter
