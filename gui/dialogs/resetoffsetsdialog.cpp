#include "gui/dialogs/resetoffsetsdialog.h"

#include "gui/reset/resetcalls.h"
#include "gui/session/typedcall.h"
#include "gui/session/workersession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <set>

namespace mtga::gui {

ResetOffsetsDialog::ResetOffsetsDialog(WorkerSession* session, const QStringList& preselected,
                                       QWidget* parent)
    : QDialog(parent),
      m_session(session),
      m_topic(new QComboBox(this)),
      m_partitions(new QListWidget(this)),
      m_target(new QComboBox(this)),
      m_values(new QStackedWidget(this)),
      m_offset(new QLineEdit(this)),
      m_datetime(new QDateTimeEdit(this)),
      m_durationAmount(new QSpinBox(this)),
      m_durationUnit(new QComboBox(this)),
      m_shift(new QLineEdit(this)),
      m_strict(new QCheckBox(tr("Refuse targets outside the log instead of clamping"), this)),
      m_preview(new ResetPreviewModel(this)),
      m_previewView(new QTableView(this)),
      m_summary(new QLabel(this)),
      m_apply(new QPushButton(tr("Apply…"), this)),
      m_preselected(preselected) {
    setObjectName(QStringLiteral("resetOffsetsDialog"));
    setWindowTitle(tr("Reset offsets — %1").arg(session->spec().name));
    m_topic->setObjectName(QStringLiteral("topic"));
    m_partitions->setObjectName(QStringLiteral("partitions"));
    m_target->setObjectName(QStringLiteral("target"));
    m_previewView->setObjectName(QStringLiteral("preview"));
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    m_apply->setObjectName(QStringLiteral("apply"));
    m_apply->setAutoDefault(false);

    const std::pair<ResetTarget, QString> targets[] = {
        {ResetTarget::Earliest, tr("Earliest (Low: replay all Kafka holds)")},
        {ResetTarget::Latest, tr("Latest (High: skip everything waiting)")},
        {ResetTarget::Offset, tr("Offset")},
        {ResetTarget::Datetime, tr("Date and time (UTC)")},
        {ResetTarget::Duration, tr("Duration back from now")},
        {ResetTarget::Shift, tr("Shift by ± messages")},
    };
    for (const auto& [target, label] : targets) {
        m_target->addItem(label, static_cast<int>(target));
    }
    const auto digits =
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{1,18}")), this);
    m_offset->setValidator(digits);
    m_offset->setPlaceholderText(tr("offset, e.g. 1200"));
    m_shift->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[-+]?\\d{1,18}")), this));
    m_shift->setPlaceholderText(tr("-1000 goes back, 500 skips ahead"));
    m_datetime->setTimeSpec(Qt::UTC);
    m_datetime->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    m_datetime->setDateTime(QDateTime::currentDateTimeUtc().addSecs(-3600));
    m_datetime->setCalendarPopup(true);
    m_durationAmount->setRange(1, 100'000);
    m_durationAmount->setValue(1);
    m_durationUnit->addItem(tr("minutes"), 60'000);
    m_durationUnit->addItem(tr("hours"), 3'600'000);
    m_durationUnit->addItem(tr("days"), 86'400'000);
    m_durationUnit->setCurrentIndex(1);
    auto* none = new QWidget(this);
    auto* duration = new QWidget(this);
    auto* durationLayout = new QHBoxLayout(duration);
    durationLayout->setContentsMargins(0, 0, 0, 0);
    durationLayout->addWidget(m_durationAmount);
    durationLayout->addWidget(m_durationUnit);
    // The stack's pages in the order of the targets.
    m_values->addWidget(none);
    m_values->addWidget(new QWidget(this));
    m_values->addWidget(m_offset);
    m_values->addWidget(m_datetime);
    m_values->addWidget(duration);
    m_values->addWidget(m_shift);

    m_previewView->setModel(m_preview);
    connect(m_preview, &QAbstractItemModel::modelReset, m_previewView,
            &QTableView::resizeColumnsToContents);
    m_partitions->setMaximumHeight(150);
    m_previewView->verticalHeader()->hide();
    m_previewView->horizontalHeader()->setStretchLastSection(true);
    m_previewView->setSelectionMode(QAbstractItemView::NoSelection);

    auto* all = new QPushButton(tr("Select all"), this);
    auto* clear = new QPushButton(tr("Select none"), this);
    for (QPushButton* button : {all, clear}) {
        button->setAutoDefault(false);
    }
    connect(all, &QPushButton::clicked, this, [this] { selectAll(true); });
    connect(clear, &QPushButton::clicked, this, [this] { selectAll(false); });
    auto* scopeButtons = new QVBoxLayout;
    scopeButtons->addWidget(all);
    scopeButtons->addWidget(clear);
    scopeButtons->addStretch();
    auto* scope = new QHBoxLayout;
    scope->addWidget(m_partitions, 1);
    scope->addLayout(scopeButtons);

    auto* form = new QFormLayout;
    form->addRow(tr("&Topic:"), m_topic);
    // A layout has no buddy: the row's label takes no shortcut.
    form->addRow(tr("Partitions:"), scope);
    form->addRow(tr("T&arget:"), m_target);
    form->addRow(QString(), m_values);
    form->addRow(QString(), m_strict);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_apply, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_apply, &QPushButton::clicked, this, &ResetOffsetsDialog::confirmApply);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Preview (dry run on the worker):"), this));
    layout->addWidget(m_previewView, 1);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);

    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(kPreviewDelayMs);
    connect(&m_previewTimer, &QTimer::timeout, this, &ResetOffsetsDialog::sendPreview);
    connect(m_topic, &QComboBox::currentIndexChanged, this, &ResetOffsetsDialog::fillPartitions);
    connect(m_partitions, &QListWidget::itemChanged, this, &ResetOffsetsDialog::schedulePreview);
    connect(m_target, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_values->setCurrentIndex(index);
        schedulePreview();
    });
    connect(m_offset, &QLineEdit::textChanged, this, &ResetOffsetsDialog::schedulePreview);
    connect(m_shift, &QLineEdit::textChanged, this, &ResetOffsetsDialog::schedulePreview);
    connect(m_datetime, &QDateTimeEdit::dateTimeChanged, this,
            &ResetOffsetsDialog::schedulePreview);
    connect(m_durationAmount, &QSpinBox::valueChanged, this, &ResetOffsetsDialog::schedulePreview);
    connect(m_durationUnit, &QComboBox::currentIndexChanged, this,
            &ResetOffsetsDialog::schedulePreview);
    connect(m_strict, &QCheckBox::toggled, this, &ResetOffsetsDialog::schedulePreview);

    std::set<QString> topics;
    if (session->stats()) {
        for (const PartitionRow& row : session->stats()->offsets) {
            topics.insert(row.topic);
        }
    }
    QString first;
    for (const QString& entry : preselected) {
        if (const auto ref = parsePartitionRef(entry)) {
            first = ref->topic;
            break;
        }
    }
    for (const QString& topic : topics) {
        m_topic->addItem(topic);
    }
    if (!first.isEmpty()) {
        m_topic->setCurrentText(first);
    }
    fillPartitions();
    resize(720, 560);
}

void ResetOffsetsDialog::fillPartitions() {
    const QSignalBlocker blocker(m_partitions);
    m_partitions->clear();
    const QString topic = m_topic->currentText();
    std::set<int> numbers;
    if (m_session->stats()) {
        for (const PartitionRow& row : m_session->stats()->offsets) {
            if (row.topic == topic) {
                numbers.insert(row.partition);
            }
        }
    }
    bool anyPreselected = false;
    for (const QString& entry : m_preselected) {
        const auto ref = parsePartitionRef(entry);
        anyPreselected = anyPreselected || (ref && ref->topic == topic);
    }
    for (const int number : numbers) {
        auto* item = new QListWidgetItem(tr("partition %1").arg(number), m_partitions);
        item->setData(Qt::UserRole, number);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        const bool chosen = !anyPreselected ||
                            m_preselected.contains(QStringLiteral("%1:%2").arg(topic).arg(number));
        item->setCheckState(chosen ? Qt::Checked : Qt::Unchecked);
    }
    schedulePreview();
}

void ResetOffsetsDialog::setTarget(ResetTarget target) {
    m_target->setCurrentIndex(m_target->findData(static_cast<int>(target)));
}

void ResetOffsetsDialog::setTargetValue(const QString& value) {
    (m_target->currentData().toInt() == static_cast<int>(ResetTarget::Shift) ? m_shift : m_offset)
        ->setText(value);
}

void ResetOffsetsDialog::setPartitionChecked(int partition, bool checked) {
    for (int i = 0; i < m_partitions->count(); ++i) {
        QListWidgetItem* item = m_partitions->item(i);
        if (item->data(Qt::UserRole).toInt() == partition) {
            item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
        }
    }
}

void ResetOffsetsDialog::selectAll(bool checked) {
    for (int i = 0; i < m_partitions->count(); ++i) {
        m_partitions->item(i)->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    }
}

std::optional<OffsetResetRequest> ResetOffsetsDialog::request() const {
    OffsetResetRequest request;
    for (int i = 0; i < m_partitions->count(); ++i) {
        const QListWidgetItem* item = m_partitions->item(i);
        if (item->checkState() == Qt::Checked) {
            request.partitions.push_back(
                {m_topic->currentText(), item->data(Qt::UserRole).toInt()});
        }
    }
    if (request.partitions.empty()) {
        return std::nullopt;
    }
    request.target = static_cast<ResetTarget>(m_target->currentData().toInt());
    bool ok = true;
    switch (request.target) {
        case ResetTarget::Offset:
            request.offset = m_offset->text().toLongLong(&ok);
            break;
        case ResetTarget::Shift:
            request.shift = m_shift->text().toLongLong(&ok);
            break;
        case ResetTarget::Datetime:
            request.timestampMs = m_datetime->dateTime().toMSecsSinceEpoch();
            break;
        case ResetTarget::Duration:
            request.durationMs =
                qint64{m_durationAmount->value()} * m_durationUnit->currentData().toLongLong();
            break;
        default:
            break;
    }
    if (!ok) {
        return std::nullopt;
    }
    request.strict = m_strict->isChecked();
    request.dryRun = true;
    return request;
}

bool ResetOffsetsDialog::previewPending() const {
    return m_previewTimer.isActive() || m_previewInFlight;
}

void ResetOffsetsDialog::schedulePreview() {
    if (m_applying) {
        return;
    }
    m_apply->setEnabled(false);
    m_previewTimer.start();
}

void ResetOffsetsDialog::sendPreview() {
    const std::optional<OffsetResetRequest> wanted = request();
    WorkerConnection* connection = m_session->connection();
    if (!wanted) {
        m_preview->setRows({});
        m_summary->setText(tr("Choose at least one partition and a target with its value."));
        return;
    }
    if (!m_session->isConnected() || !connection) {
        m_summary->setText(tr("Not connected: %1").arg(m_session->lightText()));
        return;
    }
    const qint64 serial = ++m_previewSerial;
    m_previewInFlight = true;
    m_summary->setText(tr("Asking the worker for a dry run…"));
    typedCall<OffsetResetReply>(
        *connection, QStringLiteral("reset_offsets"), wanted->toArgs(),
        [this, serial](const Result<OffsetResetReply>& reply) {
            if (serial != m_previewSerial) {
                return;  // the inputs changed meanwhile: a newer preview is coming
            }
            m_previewInFlight = false;
            if (!reply) {
                m_preview->setRows({});
                m_summary->setText(
                    tr("The worker refused the dry run: %1").arg(errorText(reply.error())));
                return;
            }
            m_preview->setRows(reply->partitions);
            const auto totals = ResetPreviewModel::totalsOf(reply->partitions);
            m_summary->setText(
                tr("%1 partition(s) move: %2 messages skipped, %3 replayed; %4 refused.")
                    .arg(totals.moving)
                    .arg(QLocale().toString(totals.skipped), QLocale().toString(totals.replayed))
                    .arg(totals.refused));
            m_apply->setEnabled(m_session->isAdmin() && totals.moving > 0);
            m_apply->setToolTip(m_session->actionsBlockedReason());
        });
}

QString ResetOffsetsDialog::confirmationText(const ResetPreviewModel::Totals& totals,
                                             const QString& topic) {
    return tr("Move %1 partition(s) of %2: %3 messages will never be processed (skipped) and %4 "
              "will be processed again (replayed).\n\nThe worker drains those partitions, moves "
              "them and records the reset in its audit log; Undo last reset can move them back.")
        .arg(totals.moving)
        .arg(topic, QLocale().toString(totals.skipped), QLocale().toString(totals.replayed));
}

void ResetOffsetsDialog::confirmApply() {
    const auto totals = ResetPreviewModel::totalsOf(m_preview->rows());
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Apply the offset reset?"),
                                confirmationText(totals, m_topic->currentText()),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmReset"));
    QPushButton* yes =
        box->addButton(tr("Move %n partition(s)", nullptr, totals.moving), QMessageBox::AcceptRole);
    yes->setObjectName(QStringLiteral("confirm"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, yes](QAbstractButton* button) {
        if (button == yes) {
            sendApply();
        }
    });
    box->open();
}

void ResetOffsetsDialog::sendApply() {
    std::optional<OffsetResetRequest> wanted = request();
    WorkerConnection* connection = m_session->connection();
    if (!wanted || !connection) {
        return;
    }
    wanted->dryRun = false;
    m_applying = true;
    m_apply->setEnabled(false);
    m_summary->setText(tr("Applying: the worker drains the partitions and moves them…"));
    const std::vector<ResetRow> preview = m_preview->rows();
    typedCall<OffsetResetReply>(
        *connection, QStringLiteral("reset_offsets"), wanted->toArgs(),
        [this, preview](const Result<OffsetResetReply>& reply) {
            m_applying = false;
            if (!reply) {
                m_summary->setText(
                    tr("The reset was not applied: %1").arg(errorText(reply.error())));
                m_apply->setEnabled(true);
                return;
            }
            m_applied = reply->partitions;
            m_preview->setRows(reply->partitions);
            const QStringList differences =
                ResetPreviewModel::differences(preview, reply->partitions);
            QString text = differences.isEmpty()
                               ? tr("Applied as previewed (journal entry %1).")
                                     .arg(reply->journalId.value_or(0))
                               : tr("Applied (journal entry %1), but not quite as previewed:\n%2")
                                     .arg(reply->journalId.value_or(0))
                                     .arg(differences.join(QLatin1Char('\n')));
            if (!reply->groupCommitError.isEmpty()) {
                text += QLatin1Char('\n') +
                        tr("The group did not take the commit yet (%1); the next checkpoint "
                           "commits again.")
                            .arg(reply->groupCommitError);
            }
            m_summary->setText(text);
            Q_EMIT appliedReset(reply->journalId.value_or(0), text);
        },
        kResetApplyTimeout);
}

}  // namespace mtga::gui
