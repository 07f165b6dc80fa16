// Where Redis is: parsed from the `redis` setting (redis://[[user]:password@]host[:port], README
// settings table). The password may instead come from a file (setting `redis-password-file`) so it
// need not be on the command line; it is never logged (display() leaves it out).
#pragma once

#include <QString>
#include <variant>

namespace natter {

struct RedisEndpoint {
    static constexpr quint16 kDefaultPort = 6379;

    QString host;
    quint16 port = kDefaultPort;
    QByteArray user;      // Redis 6 ACL user; empty: the default user
    QByteArray password;  // empty: no AUTH

    // redis://host:port, for logs and errors.
    QString display() const;
};

// Parses a redis:// URL; passwordFile, when not empty, names a file whose first line is the
// password (it wins over one in the URL). Returns the endpoint or a reason it is invalid.
std::variant<RedisEndpoint, QString> parseRedisEndpoint(const QString& url,
                                                        const QString& passwordFile = {});

}  // namespace natter
