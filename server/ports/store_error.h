// What a store method throws. The kind tells the caller what to do about it, independent of the
// database behind the store: a Conflict is the request's own fault (a unique key or constraint
// refused it: retrying cannot help), a Retryable error is the database's momentary state (locked,
// busy, a serialization failure: the same transaction may succeed when run again), and a Fatal
// error is everything else.
#pragma once

#include <QString>
#include <stdexcept>

namespace natter {

class StoreError : public std::runtime_error {
public:
    enum class Kind { Conflict, Retryable, Fatal };

    explicit StoreError(const QString& what, Kind kind = Kind::Fatal)
        : std::runtime_error(what.toStdString()), kind_(kind) {}

    Kind kind() const noexcept { return kind_; }
    bool isConflict() const noexcept { return kind_ == Kind::Conflict; }
    bool isRetryable() const noexcept { return kind_ == Kind::Retryable; }

private:
    Kind kind_;
};

}  // namespace natter
