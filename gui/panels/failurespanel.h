#pragma once

// FailuresPanel: the failure queue browser of the selected worker: counts by reason (the filter),
// the matching entries a page at a time (FailureListModel), the selected entry's details and raw
// payload (text or hex), and retry (the selected entries or all that match) and export (on the
// worker's machine), each asked first with the count it will touch.

#include "shared/values/failurequeue.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace mtga::gui {

class FailureListModel;
class PayloadView;
class WorkerSession;

class FailuresPanel : public QWidget {
    Q_OBJECT

public:
    explicit FailuresPanel(QWidget* parent = nullptr);

    void setSession(WorkerSession* session);
    // Lists again from the first page (and the counts).
    void reload();
    // The query for the selected entries: their topic, partitions and time span (which may take
    // in entries next to them: the confirmation says how many); nullopt unless all are of one
    // topic.
    std::optional<FailureQuery> selectionQuery() const;
    // Asks (with the count), then retries `query`'s entries, or exports them to `path`.
    void retry(const FailureQuery& query);
    void exportTo(const FailureQuery& query, const QString& path);

    FailureListModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    PayloadView* payload() const { return m_payload; }
    QComboBox* reasonFilter() const { return m_reason; }
    QPushButton* retrySelectedButton() const { return m_retrySelected; }
    QPushButton* retryShownButton() const { return m_retryShown; }

Q_SIGNALS:
    void activity(const QString& worker, const QString& text, bool ok);

protected:
    void showEvent(QShowEvent* event) override;

private:
    FailureQuery currentQuery() const;
    void updateReasons();
    void updateButtons();
    void showEntry();
    void confirmRetry(const FailureQuery& query, qint64 count);
    void askExport();

    WorkerSession* m_session = nullptr;
    FailureListModel* m_model;
    QTableView* m_view;
    QComboBox* m_reason;
    QLabel* m_count;
    QLabel* m_details;
    PayloadView* m_payload;
    QPushButton* m_retrySelected;
    QPushButton* m_retryShown;
    QPushButton* m_export;
    bool m_stale = true;  // the list is of another worker or query: load when shown
};

}  // namespace mtga::gui
