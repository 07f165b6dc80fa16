#include "prometheus_text.h"

#include <cmath>

#include "util/metrics.h"

namespace natter {
namespace {

// Whole numbers without an exponent (counters grow past 1e6); others in the shortest exact form.
QByteArray number(double value) {
    if (std::isinf(value)) {
        return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == std::trunc(value) && std::fabs(value) < 9.0e15) {
        return QByteArray::number(qint64(value));
    }
    return QByteArray::number(value, 'g', 15);
}

// Label values escape backslash, double quote and line feed.
QByteArray labelValue(const QByteArray& value) {
    QByteArray escaped = value;
    escaped.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return escaped;
}

}  // namespace

void PrometheusText::family(const char* name, const char* help, const char* type) {
    text_ += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
}

void PrometheusText::sample(const QByteArray& name, double value) {
    text_ += name + ' ' + number(value) + '\n';
}

void PrometheusText::gauge(const char* name, const char* help, double value) {
    family(name, help, "gauge");
    sample(name, value);
}

void PrometheusText::counter(const char* name, const char* help, double value) {
    family(name, help, "counter");
    sample(name, value);
}

void PrometheusText::labelledSamples(const char* name, const char* label,
                                     const QList<std::pair<QByteArray, double>>& samples) {
    for (const auto& [labelValueText, value] : samples) {
        sample(QByteArray(name) + '{' + label + "=\"" + labelValue(labelValueText) + "\"}", value);
    }
}

void PrometheusText::labelledCounter(const char* name, const char* help, const char* label,
                                     const QList<std::pair<QByteArray, double>>& samples) {
    family(name, help, "counter");
    labelledSamples(name, label, samples);
}

void PrometheusText::labelledGauge(const char* name, const char* help, const char* label,
                                   const QList<std::pair<QByteArray, double>>& samples) {
    family(name, help, "gauge");
    labelledSamples(name, label, samples);
}

void PrometheusText::histogram(const char* name, const char* help, const Histogram& histogram) {
    family(name, help, "histogram");
    const QByteArray bucket = QByteArray(name) + "_bucket{le=\"";
    const std::vector<quint64> counts = histogram.cumulativeCounts();
    const std::vector<double>& bounds = histogram.upperBounds();
    for (size_t i = 0; i < bounds.size(); ++i) {
        sample(bucket + number(bounds[i]) + "\"}", double(counts[i]));
    }
    sample(bucket + "+Inf\"}", double(counts.back()));
    sample(QByteArray(name) + "_sum", histogram.sum());
    // From the buckets, not count(): an observation racing this scrape must not make
    // _count differ from the +Inf bucket.
    sample(QByteArray(name) + "_count", double(counts.back()));
}

}  // namespace natter
