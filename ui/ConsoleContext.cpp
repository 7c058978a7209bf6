#include "ui/ConsoleContext.h"

#include "core/gateway/GatewayMonitor.h"
#include "core/storage/Settings.h"

QString ConsoleContext::gatewayAddress() const
{
    const QString running = monitor.address();
    return running.isEmpty() ? settings.listenAddress() : running;
}
