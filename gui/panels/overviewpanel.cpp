#include "gui/panels/overviewpanel.h"

#include "gui/partitions/partitiontablemodel.h"
#include "gui/session/workersession.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>

namespace mtga::gui {

namespace {

QLabel* makeLabel(QWidget* parent, const char* name) {
    auto* label = new QLabel(parent);
    label->setObjectName(QLatin1String(name));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString rate(double perSecond) {
    return QLocale().toString(perSecond, 'f', perSecond < 10 ? 1 : 0);
}

}  // namespace

OverviewPanel::OverviewPanel(QWidget* parent)
    : QWidget(parent),
      m_identity(makeLabel(this, "identity")),
      m_light(makeLabel(this, "light")),
      m_rates(makeLabel(this, "rates")),
      m_totals(makeLabel(this, "totals")),
      m_failures(makeLabel(this, "failures")),
      m_selfCheck(makeLabel(this, "selfCheck")),
      m_lastError(makeLabel(this, "lastError")) {
    setObjectName(QStringLiteral("overviewPanel"));
    QFont bold = m_identity->font();
    bold.setBold(true);
    m_identity->setFont(bold);
    m_lastError->setWordWrap(true);
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_identity, 0, 0);
    layout->addWidget(m_light, 0, 1, Qt::AlignRight);
    layout->addWidget(m_rates, 1, 0, 1, 2);
    layout->addWidget(m_totals, 2, 0, 1, 2);
    layout->addWidget(m_failures, 3, 0);
    layout->addWidget(m_selfCheck, 3, 1, Qt::AlignRight);
    layout->addWidget(m_lastError, 4, 0, 1, 2);
    update();
}

void OverviewPanel::setSession(WorkerSession* session) {
    if (m_session) {
        disconnect(m_session, nullptr, this, nullptr);
    }
    m_session = session;
    if (m_session) {
        connect(m_session, &WorkerSession::changed, this, &OverviewPanel::update);
        connect(m_session, &WorkerSession::statsUpdated, this, &OverviewPanel::update);
        connect(m_session, &QObject::destroyed, this, [this] { setSession(nullptr); });
    }
    update();
}

QString OverviewPanel::formatUptime(qint64 seconds) {
    const qint64 days = seconds / 86400;
    const QString clock = QStringLiteral("%1:%2:%3")
                              .arg(seconds % 86400 / 3600, 2, 10, QLatin1Char('0'))
                              .arg(seconds % 3600 / 60, 2, 10, QLatin1Char('0'))
                              .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return days > 0 ? tr("%1 d %2").arg(days).arg(clock) : clock;
}

void OverviewPanel::update() {
    const QLocale locale;
    if (!m_session) {
        m_identity->setText(tr("No worker selected. Add one with Worker › Add worker…"));
        for (QLabel* label : {m_light, m_rates, m_totals, m_failures, m_selfCheck, m_lastError}) {
            label->clear();
        }
        return;
    }
    const auto& status = m_session->status();
    const auto& stats = m_session->stats();
    QStringList identity{m_session->spec().name};
    if (status) {
        identity << tr("mtga %1").arg(status->version) << tr("pid %1").arg(status->pid)
                 << tr("up %1").arg(formatUptime(status->uptimeSeconds));
    }
    if (stats) {
        identity << stats->state;
    }
    m_identity->setText(identity.join(QStringLiteral(" · ")));
    m_light->setText(m_session->lightText());
    m_light->setToolTip(m_session->spec().target);
    const bool stale = m_session->light() != WorkerSession::Light::Connected &&
                       m_session->light() != WorkerSession::Light::Degraded;
    if (stats) {
        qint64 lag = 0;
        double lagSeconds = 0;
        for (const PartitionRow& row : stats->offsets) {
            lag += row.lag.value_or(0);
            lagSeconds = std::max(lagSeconds, row.lagSeconds.value_or(0.0));
        }
        QString rates =
            tr("in %1/s   out %2/s   filtered %3/s   failed %4/s   lag %5 (%6)")
                .arg(rate(stats->rates.in), rate(stats->rates.out), rate(stats->rates.filtered),
                     rate(stats->rates.failed), locale.toString(lag),
                     PartitionTableModel::formatSeconds(lagSeconds));
        if (stale) {
            rates = tr("%1   (stale: updated %2 s ago)")
                        .arg(rates)
                        .arg(m_session->sinceUpdateMs() / 1000);
        }
        m_rates->setText(rates);
        m_rates->setEnabled(!stale);
        m_totals->setText(tr("since start: %1 messages, %2 written, %3 filtered, %4 failed")
                              .arg(locale.toString(stats->totals.messages),
                                   locale.toString(stats->totals.written),
                                   locale.toString(stats->totals.filtered),
                                   locale.toString(stats->totals.failed)));
    } else {
        m_rates->setText(tr("waiting for the first stats…"));
        m_totals->clear();
    }
    if (const auto& counts = m_session->failureCounts()) {
        QStringList reasons;
        for (const auto& [reason, count] : counts->byReason) {
            reasons << QStringLiteral("%1 %2").arg(reason, locale.toString(count));
        }
        m_failures->setText(
            reasons.isEmpty()
                ? tr("failure queue %1").arg(locale.toString(counts->total))
                : tr("failure queue %1 (%2)")
                      .arg(locale.toString(counts->total), reasons.join(QStringLiteral(", "))));
    } else if (stats) {
        m_failures->setText(tr("failure queue %1").arg(locale.toString(stats->failureQueue)));
    } else {
        m_failures->clear();
    }
    if (status && !status->selfCheck.empty()) {
        int ok = 0;
        QStringList details;
        for (const SelfCheckRow& check : status->selfCheck) {
            ok += check.ok ? 1 : 0;
            details << QStringLiteral("%1 %2: %3")
                           .arg(check.ok ? QStringLiteral("✓") : QStringLiteral("✗"), check.check,
                                check.detail);
        }
        const int total = static_cast<int>(status->selfCheck.size());
        m_selfCheck->setText(
            ok == total ? tr("self-check %1/%2 ok").arg(ok).arg(total)
                        : tr("self-check %1/%2 ok: %3 failing").arg(ok).arg(total).arg(total - ok));
        m_selfCheck->setToolTip(details.join(QLatin1Char('\n')));
    } else {
        m_selfCheck->clear();
    }
    const QString lastError = status ? status->lastError : QString();
    m_lastError->setText(lastError.isEmpty() ? QString() : tr("last error: %1").arg(lastError));
    m_lastError->setVisible(!lastError.isEmpty());
}

}  // namespace mtga::gui
