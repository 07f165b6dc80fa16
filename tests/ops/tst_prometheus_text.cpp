// The Prometheus text the admin listener serves, from its parts: a histogram's buckets are
// cumulative with _count equal to +Inf, label values are escaped, numbers print as Prometheus
// reads them, and error counts land under their wire code.
#include <QtTest>
#include <algorithm>

#include "ops/admin_listener.h"
#include "ops/prometheus_text.h"
#include "ops/readiness.h"
#include "util/metrics.h"

using namespace natter;

class TestPrometheusText : public QObject {
    Q_OBJECT
private slots:
    void histogramBucketsAreCumulative() {
        Histogram histogram({1, 2, 4});
        for (double value : {0.5, 1.0, 3.0, 3.5, 100.0}) {
            histogram.observe(value);
        }
        PrometheusText out;
        out.histogram("h", "A histogram.", histogram);
        QCOMPARE(out.text(), QByteArray("# HELP h A histogram.\n# TYPE h histogram\n"
                                        "h_bucket{le=\"1\"} 2\nh_bucket{le=\"2\"} 2\n"
                                        "h_bucket{le=\"4\"} 4\nh_bucket{le=\"+Inf\"} 5\n"
                                        "h_sum 108\nh_count 5\n"));
    }

    void numbersAndLabels() {
        PrometheusText out;
        out.gauge("g", "Fractions keep their digits.", 0.0005);
        out.counter("c_total", "Large counts print whole.", 12345678901.0);
        out.labelledCounter("e_total", "Escaped labels.", "code", {{"a\"b\\c\nd", 3}});
        QCOMPARE(out.text(), QByteArray("# HELP g Fractions keep their digits.\n# TYPE g gauge\n"
                                        "g 0.0005\n"
                                        "# HELP c_total Large counts print whole.\n"
                                        "# TYPE c_total counter\nc_total 12345678901\n"
                                        "# HELP e_total Escaped labels.\n# TYPE e_total counter\n"
                                        "e_total{code=\"a\\\"b\\\\c\\nd\"} 3\n"));
    }

    void errorsAndRefusalsByCode() {
        Metrics metrics;
        metrics.countError(ErrorCode::RateLimited);
        metrics.countError(ErrorCode::RateLimited);
        metrics.countError(ErrorCode::NotFound);
        QCOMPARE(metrics.errorCount(ErrorCode::RateLimited), quint64(2));
        QCOMPARE(metrics.errorCount(ErrorCode::NotFound), quint64(1));
        QCOMPARE(metrics.errorCount(ErrorCode::InternalError), quint64(0));
        QCOMPARE(metrics.rateLimitRefusals(), quint64(2));
        metrics.observeCommit(3, 0.002);
        QCOMPARE(metrics.commitBatchSize().count(), quint64(1));
        QCOMPARE(metrics.commitBatchSize().sum(), 3.0);

        // As /metrics shows them: one series per code, 0 included, under the wire name.
        Readiness readiness;
        const AdminListener listener(
            AdminSources{metrics, readiness, [] { return ServerGauges{}; }});
        const QList<QByteArray> lines = listener.renderMetrics().split('\n');
        QVERIFY(lines.contains("natter_errors_total{code=\"rate_limited\"} 2"));
        QVERIFY(lines.contains("natter_errors_total{code=\"not_found\"} 1"));
        QVERIFY(lines.contains("natter_errors_total{code=\"internal_error\"} 0"));
        QVERIFY(lines.contains("natter_rate_limit_refusals_total 2"));
        const auto errorSeries =
            std::count_if(lines.cbegin(), lines.cend(),
                          [](const QByteArray& l) { return l.startsWith("natter_errors_total{"); });
        QCOMPARE(int(errorSeries), Metrics::kErrorCodeCount);
    }
};

QTEST_GUILESS_MAIN(TestPrometheusText)
#include "tst_prometheus_text.moc"
