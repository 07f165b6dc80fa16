// What every handler needs: reading validated params, and handing the typed request to a service
// on the service thread.
#pragma once

#include <QMetaObject>

#include "codec.h"
#include "request_dispatcher.h"
#include "validation.h"

namespace natter::handlers {

// Runs call(*service) on the service's thread. Returns true: the request went on to a service.
template <typename Service, typename Call>
bool post(Service* service, Call call) {
    QMetaObject::invokeMethod(
        service, [service, call = std::move(call)] { call(*service); }, Qt::QueuedConnection);
    return true;
}

// Reads params with shared/ rules; remembers the first problem and answers it in failed().
class FieldReader {
public:
    explicit FieldReader(const RequestContext& context)
        : context_(context), reader_(context.request.params) {}

    // A required string, normalised by `check`.
    QString read(const QString& field, FieldCheck (*check)(const QString&));
    QString readAny(const QString& field);
    // A required JSON boolean.
    bool readFlag(const QString& field);
    ParamReader& raw() { return reader_; }
    void fail(const ProtocolError& error);

    // Answers the request with the first problem, if there was one.
    bool failed() const;

private:
    const RequestContext& context_;
    ParamReader reader_;
    std::optional<ProtocolError> error_;
};

}  // namespace natter::handlers
