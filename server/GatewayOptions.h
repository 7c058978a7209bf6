#pragma once

#include "core/net/ListenAddress.h"

#include <QHostAddress>
#include <QString>

// Everything the gateway reads from Settings, captured when it starts so the
// request path never queries SQLite.
struct GatewayOptions
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 4242;
    bool requireKeys = true; // honoured only on loopback; other addresses always require keys
    bool logBodies = true;
    qint64 bodyLimitBytes = qint64(32) * 1024 * 1024;
    int headerLimitBytes = 64 * 1024;
    qint64 sseEventLimitBytes = qint64(16) * 1024 * 1024; // one upstream SSE event; a larger one ends the stream
    int idleTimeoutSec = 60;
    int requestTimeoutSec = 30;
    int upstreamConnectTimeoutSec = 10;
    int upstreamFirstByteTimeoutSec = 300;
    int stallTimeoutSec = 60;      // a client that reads nothing of its response for this long is dropped (499)
    int drainGraceMs = 30000;      // a listen address change lets open requests finish for up to this long
    int mockStreamIntervalMs = 15; // pacing of the demo model's stream
    int logFlushIntervalMs = 250;
    int workerThreads = 0;       // 0: one per core, at most 4
    int breakerFailures = 5;     // consecutive failures that open a target's circuit
    int breakerCooldownSec = 30; // open this long before one probe
    int logRetentionDays = 30;
    int logRetentionMb = 1024;

    bool keysRequired() const { return requireKeys || !address.isLoopback(); }

    ListenAddress listen() const
    {
        ListenAddress l;
        l.host = address;
        l.port = port;
        return l;
    }
    QString listenText() const { return listen().toString(); }
};
