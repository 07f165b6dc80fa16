// The chaos run's verdict: every client's records and view compared with the server's SQLite
// database (read directly, after the server stopped) and with what conversations.list answers.
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "chaos_client.h"

namespace natter::test::chaos {

struct AuditCounts {
    int sent = 0;
    int acknowledged = 0;
    int retried = 0;            // resent after a kill with the same client_message_id
    int retriedDuplicates = 0;  // of those, already stored before the kill
    int stored = 0;             // rows in messages (system messages included)
    int lost = 0;               // acknowledged, but not in the database as acknowledged
    int duplicated = 0;         // one client_message_id stored more than once, or a seq seen twice
    int unconfirmed = 0;        // sent, never acknowledged even after the retries
    int seqGaps = 0;            // conversations whose seqs are not exactly 1..last_seq
    int viewMismatches = 0;     // messages a client holds differently from the database, or lacks
    int unreadMismatches = 0;   // unread counts or read markers that disagree
    QStringList details;        // the first problems, for the log

    bool clean() const {
        return lost == 0 && duplicated == 0 && unconfirmed == 0 && seqGaps == 0 &&
               viewMismatches == 0 && unreadMismatches == 0;
    }
    QString summary() const;
};

// `lists`: each client's conversations.list result (same order as `clients`).
AuditCounts audit(const QString& databasePath, const QList<ChaosClient*>& clients,
                  const QList<QJsonObject>& lists);

}  // namespace natter::test::chaos
