#include "ui/ConsoleContext.h"

#include "core/GatewayMonitor.h"
#include "core/Settings.h"

QString ConsoleContext::gatewayAddress() const
{
    const QString running = monitor.address();
    return running.isEmpty() ? settings.listenAddress() : running;
}
