#pragma once

#include <QObject>
#include <QString>

// What the console (and headless mode) may know about the running gateway.
// Lives on the main thread; the gateway thread reports through queued calls.
class GatewayMonitor final : public QObject
{
    Q_OBJECT
public:
    enum class State { Stopped, Starting, Running, PortInUse, Failed };
    Q_ENUM(State)

    explicit GatewayMonitor(QObject *parent = nullptr);

    State state() const { return m_state; }
    QString address() const { return m_address; }
    QString errorText() const { return m_error; }
    // Requests finished in the last 60 seconds.
    int requestsPerMinute() const;

public Q_SLOTS:
    void setState(GatewayMonitor::State state, const QString &address, const QString &error);
    void noteRequest(qint64 timeMs);
    // A budget holder's settled spend reached its soft limit (once per period).
    void noteSoftLimit(const QString &holderKind, const QString &holderName, double spentUsd, double softUsd);

Q_SIGNALS:
    void stateChanged(GatewayMonitor::State state);
    void requestFinished();
    void softLimitReached(const QString &holderKind, const QString &holderName, double spentUsd, double softUsd);

private:
    State m_state = State::Stopped;
    QString m_address;
    QString m_error;
    QList<qint64> m_recent;
};
