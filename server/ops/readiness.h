// What /healthz/ready checks: every dependency the server needs to serve, each by a probe that
// must answer within kProbeTimeoutMs. ServerApp registers the database and, with --redis, the
// node's link to Redis.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>
#include <vector>

namespace natter {

class JobQueue;

class Readiness {
public:
    static constexpr int kProbeTimeoutMs = 2'000;

    // A probe answers done() with an empty string when healthy, else why not. It may answer
    // later on context's thread; an answer after the timeout is ignored.
    using ProbeDone = std::function<void(const QString& problem)>;
    using Probe = std::function<void(QObject* context, ProbeDone done)>;

    void addProbe(const QString& name, Probe probe);

    // Runs every probe and calls done once on context's thread, with "<name>: <problem>" for each
    // probe that failed or did not answer in time (empty when ready). Nothing runs after context
    // is destroyed.
    void check(QObject* context, std::function<void(const QStringList& problems)> done) const;

private:
    struct NamedProbe {
        QString name;
        Probe probe;
    };
    std::vector<NamedProbe> probes_;
};

// A round trip through the storage thread: a read in a transaction that must commit.
Readiness::Probe databaseProbe(JobQueue& storage);

}  // namespace natter
