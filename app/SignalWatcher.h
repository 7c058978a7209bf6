#pragma once

#include <QList>
#include <QObject>

class QSocketNotifier;

// Turns SIGINT/SIGTERM into a Qt signal on the main thread. The handler only
// writes the signal number into a socketpair (the one async-signal-safe way
// out); a QSocketNotifier on the other end wakes the event loop.
class SignalWatcher final : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(const QList<int> &signalNumbers, QObject *parent = nullptr);
    ~SignalWatcher() override;
    Q_DISABLE_COPY_MOVE(SignalWatcher)

    bool isValid() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void received(int signalNumber);

private:
    static void handle(int signalNumber);
    void drain();

    QList<int> m_signals;
    QSocketNotifier *m_notifier = nullptr;
};
