#include "core/server_addresses.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <algorithm>

namespace natter {

ServerAddresses::ServerAddresses(const QUrl& url) {
    if (!url.isEmpty()) {
        urls_.append(url);
    }
}

ServerAddresses ServerAddresses::parse(const QString& text) {
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    QList<QUrl> urls;
    for (const QString& part : text.split(separators, Qt::SkipEmptyParts)) {
        const QUrl url = QUrl::fromUserInput(part);
        if (!urls.contains(url)) {
            urls.append(url);
        }
    }
    return ServerAddresses(std::move(urls));
}

QString ServerAddresses::toText() const {
    QStringList parts;
    for (const QUrl& url : urls_) {
        parts.append(url.toString());
    }
    return parts.join(QStringLiteral(", "));
}

void AddressRotation::use(const ServerAddresses& addresses) {
    if (addresses == addresses_ && !order_.isEmpty()) {
        return;
    }
    addresses_ = addresses;
    order_ = addresses.urls();
    std::shuffle(order_.begin(), order_.end(), *QRandomGenerator::global());
    index_ = 0;
    failedInRound_ = 0;
}

bool AddressRotation::moveOn() {
    if (order_.size() < 2) {
        return false;
    }
    index_ = (index_ + 1) % order_.size();
    if (++failedInRound_ >= order_.size()) {
        failedInRound_ = 0;
        return false;
    }
    return true;
}

}  // namespace natter
