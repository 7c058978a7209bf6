#include "ui/providers/ProviderPreset.h"

#include <QCoreApplication>

QList<ProviderPreset> ProviderPreset::all()
{
    auto tr = [](const char *text) { return QCoreApplication::translate("ProviderPreset", text); };
    return {
        {QStringLiteral("openai"), tr("OpenAI"), QStringLiteral("openai"), QStringLiteral("openai"),
         QStringLiteral("https://api.openai.com/v1"), false},
        {QStringLiteral("anthropic"), tr("Anthropic"), QStringLiteral("anthropic"), QStringLiteral("anthropic"),
         QStringLiteral("https://api.anthropic.com/v1"), false},
        {QStringLiteral("gemini"), tr("Google Gemini"), QStringLiteral("gemini"), QStringLiteral("gemini"),
         QStringLiteral("https://generativelanguage.googleapis.com/v1beta"), false},
        {QStringLiteral("azure"), tr("Azure OpenAI"), QStringLiteral("azure"), QStringLiteral("azure"), QString(),
         false},
        {QStringLiteral("ollama"), tr("Ollama (local)"), QStringLiteral("openai"), QStringLiteral("ollama"),
         QStringLiteral("http://localhost:11434/v1"), true},
        {QStringLiteral("vllm"), tr("vLLM (local)"), QStringLiteral("openai"), QStringLiteral("vllm"),
         QStringLiteral("http://localhost:8000/v1"), true},
        {QStringLiteral("lmstudio"), tr("LM Studio (local)"), QStringLiteral("openai"), QStringLiteral("lmstudio"),
         QStringLiteral("http://localhost:1234/v1"), true},
        {QStringLiteral("together"), tr("Together AI"), QStringLiteral("openai"), QStringLiteral("together"),
         QStringLiteral("https://api.together.xyz/v1"), false},
        {QStringLiteral("custom"), tr("Custom OpenAI-compatible"), QStringLiteral("openai"), QString(), QString(),
         false},
    };
}

ProviderPreset ProviderPreset::byId(const QString &id)
{
    const QList<ProviderPreset> presets = all();
    for (const ProviderPreset &p : presets) {
        if (p.id == id)
            return p;
    }
    return presets.last();
}
