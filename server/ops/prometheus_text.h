// Writes metrics in the Prometheus text exposition format 0.0.4: a # HELP and a # TYPE line per
// metric family, then its samples.
#pragma once

#include <QByteArray>
#include <QList>
#include <utility>

namespace natter {

class Histogram;

class PrometheusText {
public:
    static constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";

    void gauge(const char* name, const char* help, double value);
    void counter(const char* name, const char* help, double value);
    // One counter family with one label: a sample per (label value, count).
    void labelledCounter(const char* name, const char* help, const char* label,
                         const QList<std::pair<QByteArray, double>>& samples);
    // One gauge family with one label, likewise.
    void labelledGauge(const char* name, const char* help, const char* label,
                       const QList<std::pair<QByteArray, double>>& samples);
    void histogram(const char* name, const char* help, const Histogram& histogram);

    const QByteArray& text() const { return text_; }

private:
    void family(const char* name, const char* help, const char* type);
    void sample(const QByteArray& name, double value);
    void labelledSamples(const char* name, const char* label,
                         const QList<std::pair<QByteArray, double>>& samples);

    QByteArray text_;
};

}  // namespace natter
