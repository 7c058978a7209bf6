#pragma once

#include "core/ledger/LimitStore.h"
#include "core/routing/RoutingSnapshot.h"
#include "server/GatewayOptions.h"

#include <functional>
#include <memory>

class GuardedTcpServer;
class HttpClient;
class ProviderKeySource;
class RequestLogWriter;
class TargetHealth;
struct LogRecord;

// What every exchange on the gateway thread shares. Owned by GatewayHttpServer.
struct GatewayRuntime
{
    GatewayOptions options;
    HttpClient *http = nullptr;
    GuardedTcpServer *listener = nullptr;
    RequestLogWriter *log = nullptr;
    ProviderKeySource *keys = nullptr;
    std::shared_ptr<const RoutingSnapshot> routes;
    LimitStore *limits = nullptr;                      // budgets and rate limits, shared by every worker thread
    TargetHealth *health = nullptr;                    // breakers and target statistics, shared too
    std::function<void(const LogRecord &)> onFinished; // monitor hook (rpm, live tail)
    bool draining = false;                             // stopped accepting: every response closes its connection
};
