#include "core/providers/ProviderDrivers.h"

#include "core/providers/AnthropicDriver.h"
#include "core/providers/AzureDriver.h"
#include "core/providers/GeminiDriver.h"
#include "core/providers/MockDriver.h"
#include "core/providers/OpenAiDriver.h"
#include "core/providers/ProviderDriver.h"

namespace {

struct Registry
{
    OpenAiDriver openai;
    AnthropicDriver anthropic;
    GeminiDriver gemini;
    AzureDriver azure;
    MockDriver mock;
    const ProviderDriver *all[5] = {&openai, &anthropic, &gemini, &azure, &mock};
};

const Registry &registry()
{
    static const Registry r;
    return r;
}

} // namespace

const ProviderDriver *ProviderDrivers::forKind(const QString &kind)
{
    for (const ProviderDriver *driver : registry().all) {
        if (driver->kind() == kind)
            return driver;
    }
    return nullptr;
}

QStringList ProviderDrivers::kinds()
{
    QStringList out;
    for (const ProviderDriver *driver : registry().all)
        out.append(driver->kind());
    return out;
}
