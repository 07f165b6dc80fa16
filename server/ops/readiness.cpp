#include "readiness.h"

#include <QTimer>
#include <memory>

#include "ports/job_queue.h"

namespace natter {
namespace {

// The answers gathered so far for one check().
struct CheckState {
    int pending = 0;
    QStringList problems;
    std::function<void(const QStringList&)> done;

    void answer(const QString& problem) {
        if (!problem.isEmpty()) {
            problems.append(problem);
        }
        if (--pending == 0) {
            done(problems);
        }
    }
};

}  // namespace

void Readiness::addProbe(const QString& name, Probe probe) {
    probes_.push_back(NamedProbe{name, std::move(probe)});
}

void Readiness::check(QObject* context,
                      std::function<void(const QStringList& problems)> done) const {
    if (probes_.empty()) {
        done({});
        return;
    }
    auto state = std::make_shared<CheckState>(CheckState{int(probes_.size()), {}, std::move(done)});
    for (const NamedProbe& named : probes_) {
        // Whichever comes first, the probe's answer or the timeout, counts; the other is dropped.
        auto answered = std::make_shared<bool>(false);
        auto answerOnce = [state, answered, name = named.name](const QString& problem) {
            if (*answered) {
                return;
            }
            *answered = true;
            state->answer(problem.isEmpty() ? QString() : name + QStringLiteral(": ") + problem);
        };
        QTimer::singleShot(kProbeTimeoutMs, context, [answerOnce] {
            answerOnce(QStringLiteral("no answer within %1 ms").arg(kProbeTimeoutMs));
        });
        named.probe(context, answerOnce);
    }
}

Readiness::Probe databaseProbe(JobQueue& storage) {
    return [&storage](QObject* context, Readiness::ProbeDone done) {
        storage.submit(
            context,
            [done](Store& store) -> JobQueue::Continuation {
                store.userById(0);  // a real read; ids start at 1, so it finds nothing
                return [done] { done({}); };
            },
            [done](const QString& error) {
                done(error.isEmpty() ? QStringLiteral("storage job failed") : error);
            });
    };
}

}  // namespace natter
