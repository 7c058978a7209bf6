#pragma once

#include <QString>
#include <QStringList>

class ProviderDriver;

// The registry of provider kinds.
namespace ProviderDrivers {
// nullptr for an unknown kind. Drivers are stateless singletons.
const ProviderDriver *forKind(const QString &kind);
QStringList kinds();
} // namespace ProviderDrivers
